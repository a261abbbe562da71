package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.store.Keyspace;
import dev.minicloud.kv.internal.wire.Numbers;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The commands about the server and the connection rather than data: connection handling
 * ({@link ConnectionCommands}), transactions ({@link TransactionCommands}), pub/sub
 * ({@link PubSubCommands}), and here DBSIZE, FLUSH*, TIME, CONFIG, INFO and COMMAND.
 */
public final class ServerCommands {
    private ServerCommands() {}

    public static void register(CommandTable t) {
        ConnectionCommands.register(t);
        TransactionCommands.register(t);
        PubSubCommands.register(t);
        DiagnosticCommands.register(t);
        String g = "server";
        t.add("dbsize", 1, "readonly fast", 0, 0, 0, g, "Returns the number of keys in the database.", Handler.DBSIZE);
        t.add("flushdb", -1, "write", 0, 0, 0, g, "Remove all keys from the current database.", c -> {
            flushMode(c);
            c.db().clear();
            c.engine().modifiedAll(c.client().db);
            c.engine().flushed(c.client());
            c.keyspace().recount();
            c.out().ok();
        });
        t.add("flushall", -1, "write", 0, 0, 0, g, "Removes all keys from all databases.", c -> {
            flushMode(c);
            c.keyspace().flushAll();
            c.engine().modifiedAll(-1);
            c.engine().flushed(c.client());
            c.keyspace().recount();
            c.out().ok();
        });
        t.add("time", 1, "loading stale fast", 0, 0, 0, g, "Returns the server time.", c -> {
            long micros = c.engine().keyspace().now() * 1000;
            c.out().array(2);
            c.out().bulk(Long.toString(micros / 1_000_000));
            c.out().bulk(Long.toString(micros % 1_000_000));
        });
        t.add("info", -1, "loading stale", 0, 0, 0, g, "Returns information and statistics about the server.", c -> {
            String[] sections = new String[c.argc() - 1];
            for (int i = 1; i < c.argc(); i++) {
                sections[i - 1] = c.str(i);
            }
            c.out().verbatim(InfoReport.render(c.engine(), sections));
        });
        t.add("role", 1, "noscript loading stale fast", 0, 0, 0, g, "Returns the replication role.", Handler.ROLE);
        t.add(
                "readonly",
                1,
                "fast loading stale",
                0,
                0,
                0,
                "cluster",
                "Enables read-only queries for a connection to a Redis Cluster replica node.",
                Handler.READONLY);
        t.add(
                "readwrite",
                1,
                "fast loading stale",
                0,
                0,
                0,
                "cluster",
                "Enables read-write queries for a connection to a Redis Cluster replica node.",
                Handler.READONLY);
        t.add(
                "lastsave",
                1,
                "loading stale fast",
                0,
                0,
                0,
                g,
                "Returns the Unix timestamp of the last successful save to disk.",
                Handler.LASTSAVE);
        CommandSpec config =
                t.add("config", -2, "", 0, 0, 0, g, "A container for server configuration commands.", null);
        t.sub(
                config,
                "get",
                -3,
                "admin noscript loading stale",
                0,
                0,
                0,
                "Returns the effective values of configuration parameters.",
                c -> {
                    List<String> patterns = new ArrayList<>();
                    for (int i = 2; i < c.argc(); i++) {
                        patterns.add(c.str(i));
                    }
                    Map<String, String> out = c.engine().config().get(patterns);
                    RespWriter w = c.out();
                    w.map(out.size());
                    out.forEach((k, v) -> {
                        w.bulk(k);
                        w.bulk(v);
                    });
                });
        t.sub(
                config,
                "set",
                -4,
                "admin noscript loading stale",
                0,
                0,
                0,
                "Sets configuration parameters in-flight.",
                c -> {
                    if (c.argc() % 2 != 0) {
                        throw RespError.syntax();
                    }
                    List<String> names = new ArrayList<>();
                    List<String> values = new ArrayList<>();
                    for (int i = 2; i < c.argc(); i += 2) {
                        names.add(c.str(i));
                        values.add(c.str(i + 1));
                    }
                    c.engine().config().set(names, values, c.engine());
                    c.out().ok();
                });
        t.sub(config, "resetstat", 2, "admin noscript loading stale", 0, 0, 0, "Resets the server's statistics.", c -> {
            c.engine().stats().reset();
            c.keyspace().resetStats();
            c.engine().latency().reset();
            c.out().ok();
        });
        t.sub(
                config,
                "rewrite",
                2,
                "admin noscript loading stale",
                0,
                0,
                0,
                "Persists the effective configuration to file.",
                c -> {
                    throw new RespError("ERR The server is running without a config file");
                });
        t.sub(
                config,
                "help",
                2,
                "loading stale",
                0,
                0,
                0,
                "Returns helpful text about the different subcommands.",
                c -> help(
                        c,
                        "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "GET <pattern>",
                        "    Return parameters matching the glob-like <pattern> and their values.",
                        "SET <directive> <value>",
                        "    Set the configuration <directive> to <value>.",
                        "RESETSTAT",
                        "    Reset statistics reported by the INFO command.",
                        "REWRITE",
                        "    Rewrite the configuration file.",
                        "HELP",
                        "    Prints this help."));
        CommandInfo.register(t);
    }

    private static void flushMode(Call c) {
        if (c.argc() > 2 || (c.argc() == 2 && !c.is(1, "ASYNC") && !c.is(1, "SYNC"))) {
            throw RespError.syntax();
        }
    }

    static void help(Call c, String... lines) {
        c.help(lines);
    }

    static int dbIndex(Call c, int i, String notInteger) {
        Long v = Numbers.parseLong(c.arg(i));
        if (v == null) {
            throw new RespError(notInteger);
        }
        if (v < 0 || v >= Keyspace.DATABASES) {
            throw new RespError("ERR DB index is out of range");
        }
        return (int) (long) v;
    }

    /** ROLE: {@code master offset [[ip port offset] ...]} or {@code slave ip port connected offset}, as Redis 7. */
    private static void role(Call c) {
        Replication r = c.engine().replication();
        RespWriter w = c.out();
        if (r.role() == Replication.Role.SLAVE) {
            InetSocketAddress m = r.masterAddress();
            w.array(5);
            w.bulk("slave");
            w.bulk(m == null ? "" : m.getAddress().getHostAddress());
            w.integer(m == null ? 0 : m.getPort());
            w.bulk("connected");
            w.integer(r.offset());
            return;
        }
        w.array(3);
        w.bulk("master");
        w.integer(r.offset());
        w.array(r.links().size());
        for (Replication.Link l : r.links()) {
            w.array(3);
            w.bulk(l.address.getAddress().getHostAddress());
            w.bulk(Integer.toString(l.address.getPort()));
            w.bulk(Long.toString(l.acked));
        }
    }

    /**
     * The handlers of the rows above, one constant each, run through one switch: a lambda or method
     * reference per row would cost an invokedynamic bootstrap (a spun class) each at start.
     */
    private enum Handler implements CommandHandler {
        DBSIZE,
        ROLE,
        READONLY,
        LASTSAVE;

        @Override
        public void run(Call c) {
            switch (this) {
                case DBSIZE -> c.out().integer(c.db().size());
                case ROLE -> ServerCommands.role(c);
                case READONLY -> c.out().error("ERR This instance has cluster support disabled");
                case LASTSAVE -> c.out().integer(c.engine().startMillis() / 1000);
            }
        }
    }
}
