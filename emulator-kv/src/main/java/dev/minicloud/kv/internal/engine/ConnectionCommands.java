package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.wire.RespWriter;
import java.util.ArrayList;

/** Connection commands: PING, ECHO, QUIT, RESET, SELECT, SWAPDB, AUTH, HELLO, CLIENT, and the ACL family. */
final class ConnectionCommands {
    private ConnectionCommands() {}

    static void register(CommandTable t) {
        String g = "connection";
        t.add("ping", -1, "fast subscriber", 0, 0, 0, g, "Returns the server's liveliness response.", c -> {
            if (c.argc() > 2) {
                throw RespError.arity("ping");
            }
            RespWriter w = c.out();
            if (c.client().inSubscriberMode()) {
                w.array(2);
                w.bulk("pong");
                w.bulk(c.argc() == 2 ? c.arg(1) : new byte[0]);
            } else if (c.argc() == 2) {
                w.bulk(c.arg(1));
            } else {
                w.simple("PONG");
            }
        });
        t.add(
                "echo",
                2,
                "fast",
                0,
                0,
                0,
                g,
                "Returns the given string.",
                c -> c.out().bulk(c.arg(1)));
        t.add("quit", -1, "no_auth fast subscriber tx allow_busy", 0, 0, 0, g, "Closes the connection.", c -> {
            c.out().ok();
            c.client().closing = true;
        });
        t.add("reset", 1, "no_auth fast subscriber tx allow_busy", 0, 0, 0, g, "Resets the connection.", c -> {
            Client cl = c.client();
            KvEngine e = c.engine();
            cl.inMulti = false;
            cl.queued.clear();
            cl.execAbort = false;
            e.unwatchAll(cl);
            for (var k : new ArrayList<>(cl.channels)) {
                e.pubsub().unsubscribe(cl, k);
            }
            for (var k : new ArrayList<>(cl.patterns)) {
                e.pubsub().punsubscribe(cl, k);
            }
            cl.db = 0;
            cl.name = null;
            cl.noEvict = false;
            cl.noTouch = false;
            e.resetClientFeatures(cl);
            cl.user = e.acl().defaultUser();
            cl.authenticated = e.defaultUserOpen();
            cl.writer.protocol(2);
            c.out().simple("RESET");
        });
        t.add("select", 2, "loading stale fast", 0, 0, 0, g, "Changes the selected database.", c -> {
            c.client().db = ServerCommands.dbIndex(c, 1, RespError.NOT_INTEGER);
            c.out().ok();
        });
        t.add("swapdb", 3, "write fast", 0, 0, 0, g, "Swaps two Redis databases.", c -> {
            int a = ServerCommands.dbIndex(c, 1, "ERR invalid first DB index");
            int b = ServerCommands.dbIndex(c, 2, "ERR invalid second DB index");
            if (a != b) {
                c.keyspace().swap(a, b);
                c.engine().modifiedAll(a);
                c.engine().modifiedAll(b);
            }
            c.out().ok();
        });
        t.add(
                "auth",
                -2,
                "no_auth noscript loading stale fast allow_busy",
                0,
                0,
                0,
                g,
                "Authenticates the connection.",
                c -> {
                    if (c.argc() > 3) {
                        throw RespError.syntax();
                    }
                    if (c.argc() == 2 && c.engine().acl().defaultUser().nopass()) {
                        throw new RespError(
                                "ERR AUTH <password> called without any password configured for the default user. "
                                        + "Are you sure your configuration is correct?");
                    }
                    String user = c.argc() == 3 ? c.str(1) : "default";
                    if (!authenticate(c, user, c.arg(c.argc() - 1))) {
                        throw new RespError(AclCommands.WRONGPASS);
                    }
                    c.out().ok();
                });
        t.add(
                "hello",
                -1,
                "no_auth noscript loading stale fast allow_busy",
                0,
                0,
                0,
                g,
                "Handshakes with the Redis server.",
                ConnectionCommands::hello);
        CommandSpec client = t.add("client", -2, "", 0, 0, 0, g, "A container for client connection commands.", null);
        ClientCommands.register(t, client);
        AclCommands.register(t);
    }

    static boolean authenticate(Call c, String user, byte[] password) {
        return AclCommands.authenticate(c, user, password);
    }

    private static void hello(Call c) {
        int next = 1;
        long ver = 0;
        if (c.argc() >= 2) {
            ver = c.longArg(next++, "ERR Protocol version is not an integer or out of range");
            if (ver < 2 || ver > 3) {
                throw new RespError("NOPROTO unsupported protocol version");
            }
        }
        String user = null;
        byte[] password = null;
        byte[] name = null;
        for (int j = next; j < c.argc(); j++) {
            int more = c.argc() - 1 - j;
            if (c.is(j, "AUTH") && more >= 2) {
                user = c.str(j + 1);
                password = c.arg(j + 2);
                j += 2;
            } else if (c.is(j, "SETNAME") && more >= 1) {
                name = c.arg(j + 1);
                j++;
            } else {
                throw new RespError("ERR Syntax error in HELLO option '" + c.str(j) + "'");
            }
        }
        if (user != null && !authenticate(c, user, password)) {
            throw new RespError("WRONGPASS invalid username-password pair or user is disabled.");
        }
        if (!c.client().authenticated) {
            throw new RespError("NOAUTH HELLO must be called with the client already authenticated, otherwise the "
                    + "HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP "
                    + "protocol version at the same time");
        }
        if (name != null) {
            ClientCommands.setName(c.client(), name);
        }
        if (ver != 0) {
            c.client().writer.protocol((int) ver);
        }
        RespWriter w = c.out();
        w.map(7);
        w.bulk("server");
        w.bulk("redis");
        w.bulk("version");
        w.bulk(KvEngine.VERSION);
        w.bulk("proto");
        w.integer(c.client().protocol());
        w.bulk("id");
        w.integer(c.client().id);
        w.bulk("mode");
        w.bulk("standalone");
        w.bulk("role");
        w.bulk("master");
        w.bulk("modules");
        w.array(0);
    }
}
