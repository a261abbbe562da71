package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.wire.Numbers;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * MONITOR, SLOWLOG, LATENCY (per-command histograms; no latency monitor runs here, so its event reports are empty as in a Redis with
 * {@code latency-monitor-threshold 0}), and WAIT / WAITAOF answered for a primary with no replicas and
 * no AOF: nothing is ever acknowledged, so a wait for a replica lasts its whole timeout, as in Redis.
 */
final class DiagnosticCommands {
    private static final String DAVE =
            "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. "
                    + "You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't in a deep "
                    + "space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n";

    private DiagnosticCommands() {}

    static void register(CommandTable t) {
        String g = "server";
        t.add(
                "monitor",
                1,
                "admin noscript loading stale",
                0,
                0,
                0,
                g,
                "Listens for all requests received by the server in real-time.",
                c -> {
                    Client cl = c.client();
                    if (cl.inExec) {
                        throw new RespError("ERR MONITOR isn't allowed for DENY BLOCKING client");
                    }
                    if (!cl.monitor) {
                        cl.monitor = true;
                        c.engine().monitor().add(cl);
                        c.out().ok();
                    }
                });
        CommandSpec slowlog = t.add("slowlog", -2, "", 0, 0, 0, g, "A container for slow log commands.", null);
        t.sub(slowlog, "get", -2, "admin loading stale", 0, 0, 0, "Returns the slow log's entries.", c -> {
            long count = 10;
            if (c.argc() > 3) {
                throw new RespError("ERR unknown subcommand or wrong number of arguments for '" + c.str(1)
                        + "'. Try SLOWLOG HELP.");
            }
            if (c.argc() == 3) {
                Long n = Numbers.parseLong(c.arg(2));
                if (n == null || n < -1) {
                    throw new RespError("ERR count should be greater than or equal to -1");
                }
                count = n;
            }
            c.engine().slowlog().write(c.out(), count);
        });
        t.sub(
                slowlog,
                "len",
                2,
                "admin loading stale",
                0,
                0,
                0,
                "Returns the number of entries in the slow log.",
                c -> c.out().integer(c.engine().slowlog().size()));
        t.sub(slowlog, "reset", 2, "admin loading stale", 0, 0, 0, "Clears all entries from the slow log.", c -> {
            c.engine().slowlog().reset();
            c.out().ok();
        });
        t.sub(
                slowlog,
                "help",
                2,
                "loading stale",
                0,
                0,
                0,
                "Show helpful text about the different subcommands",
                c -> c.help(
                        "SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "GET [<count>]",
                        "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
                        "    Entries are made of:",
                        "    id, timestamp, time in microseconds, arguments array, client IP and port,",
                        "    client name",
                        "LEN",
                        "    Return the length of the slowlog.",
                        "RESET",
                        "    Reset the slowlog.",
                        "HELP",
                        "    Prints this help."));
        CommandSpec latency =
                t.add("latency", -2, "", 0, 0, 0, g, "A container for latency diagnostics commands.", null);
        t.sub(
                latency,
                "latest",
                2,
                "admin noscript loading stale",
                0,
                0,
                0,
                "Returns the latest latency samples for all events.",
                Handler.LATENCY_LATEST);
        t.sub(
                latency,
                "history",
                3,
                "admin noscript loading stale",
                0,
                0,
                0,
                "Returns timestamp-latency samples for an event.",
                Handler.LATENCY_LATEST);
        t.sub(
                latency,
                "reset",
                -2,
                "admin noscript loading stale",
                0,
                0,
                0,
                "Resets the latency data for one or more events.",
                Handler.LATENCY_RESET);
        t.sub(
                latency,
                "graph",
                3,
                "admin noscript loading stale",
                0,
                0,
                0,
                "Returns a latency graph for an event.",
                c -> {
                    throw new RespError("ERR No samples available for event '" + c.str(2) + "'");
                });
        t.sub(
                latency,
                "doctor",
                2,
                "admin noscript loading stale",
                0,
                0,
                0,
                "Returns a human-readable latency analysis report.",
                Handler.LATENCY_DOCTOR);
        t.sub(
                        latency,
                        "histogram",
                        -2,
                        "admin noscript loading stale",
                        0,
                        0,
                        0,
                        "Return the cumulative distribution of latencies of a subset of commands or all.",
                        c -> {
                            if (c.argc() == 2) {
                                c.engine()
                                        .latency()
                                        .writeAll(c.out(), c.engine().table());
                                return;
                            }
                            List<String> names = new ArrayList<>();
                            for (int i = 2; i < c.argc(); i++) {
                                names.add(c.str(i));
                            }
                            c.engine().latency().writeNamed(c.out(), c.engine().table(), names);
                        })
                .tips("nondeterministic_output", "request_policy:all_nodes", "response_policy:special");
        t.sub(
                latency,
                "help",
                2,
                "loading stale",
                0,
                0,
                0,
                "Returns helpful text about the different subcommands.",
                c -> c.help(
                        "LATENCY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "DOCTOR",
                        "    Return a human readable latency analysis report.",
                        "GRAPH <event>",
                        "    Return an ASCII latency graph for the <event> class.",
                        "HISTORY <event>",
                        "    Return time-latency samples for the <event> class.",
                        "LATEST",
                        "    Return the latest latency samples for all events.",
                        "RESET [<event> ...]",
                        "    Reset latency data of one or more <event> classes.",
                        "    (default: reset all data for all event classes)",
                        "HISTOGRAM [COMMAND ...]",
                        "    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
                        "    If no commands are specified then all histograms are replied.",
                        "HELP",
                        "    Prints this help."));
        t.add(
                "wait",
                3,
                "noscript",
                0,
                0,
                0,
                "generic",
                "Blocks until the asynchronous replication of all preceding write commands "
                        + "sent by the connection is completed.",
                c -> {
                    Replication r = c.engine().replication();
                    if (r.role() == Replication.Role.SLAVE) {
                        throw new RespError(
                                "ERR WAIT cannot be used with replica instances. Please also note that since Redis 4.0 if a "
                                        + "replica is configured to be writable (which is not the default) writes to replicas are just local "
                                        + "and are not propagated.");
                    }
                    long replicas = c.longArg(1);
                    long timeout = timeout(c, 2);
                    long woff = c.client().woff;
                    long acked = r.ackedAtLeast(woff);
                    // fewer replicas than asked have the writes: wait for acknowledgements (0 = forever), then count
                    // again
                    if (acked >= replicas
                            || !c.block(
                                    new byte[][] {Replication.WAIT_KEY},
                                    timeout,
                                    w -> w.integer(r.ackedAtLeast(woff)))) {
                        c.out().integer(acked);
                    }
                });
        t.add(
                "waitaof",
                4,
                "noscript",
                0,
                0,
                0,
                "generic",
                "Blocks until all of the preceding write commands sent by the connection "
                        + "are written to the append-only file of the master and/or replicas.",
                c -> {
                    long numlocal = c.longArg(1);
                    long replicas = c.longArg(2);
                    long timeout = timeout(c, 3);
                    if (numlocal != 0) {
                        throw new RespError(
                                "ERR WAITAOF cannot be used when numlocal is set but appendonly is disabled.");
                    }
                    if (replicas <= 0 || !c.block(new byte[0][], timeout, DiagnosticCommands::noAofAcks)) {
                        noAofAcks(c.out());
                    }
                });
    }

    private static void noAofAcks(RespWriter w) {
        w.array(2);
        w.integer(0);
        w.integer(0);
    }

    /** A timeout in milliseconds, checked as Redis' getTimeoutFromObjectOrReply does. */
    private static long timeout(Call c, int i) {
        Long ms = Numbers.parseLong(c.arg(i));
        if (ms == null) {
            throw new RespError("ERR timeout is not an integer or out of range");
        }
        if (ms < 0) {
            throw new RespError("ERR timeout is negative");
        }
        return ms;
    }

    /**
     * The handlers of the rows above, one constant each, run through one switch: a lambda or method
     * reference per row would cost an invokedynamic bootstrap (a spun class) each at start.
     */
    private enum Handler implements CommandHandler {
        LATENCY_LATEST,
        LATENCY_RESET,
        LATENCY_DOCTOR;

        @Override
        public void run(Call c) {
            switch (this) {
                case LATENCY_LATEST -> c.out().array(0);
                case LATENCY_RESET -> c.out().integer(0);
                case LATENCY_DOCTOR -> c.out().verbatim(DAVE);
            }
        }
    }
}
