package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.wire.Numbers;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOutboundBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The CLIENT subcommands. */
final class ClientCommands {
    private ClientCommands() {}

    static void register(CommandTable t, CommandSpec client) {
        String f = "noscript loading stale";
        TrackingCommands.register(t, client);
        ClientControl.register(t, client);
        t.sub(
                client,
                "id",
                2,
                f,
                0,
                0,
                0,
                "Returns the unique client ID of the connection.",
                c -> c.out().integer(c.client().id));
        t.sub(client, "setname", 3, f, 0, 0, 0, "Sets the connection name.", c -> {
            setName(c.client(), c.arg(2));
            c.out().ok();
        });
        t.sub(
                client,
                "getname",
                2,
                f,
                0,
                0,
                0,
                "Returns the name of the connection.",
                c -> c.out().bulk(c.client().name));
        t.sub(
                client,
                "info",
                2,
                f,
                0,
                0,
                0,
                "Returns information about the connection.",
                c -> c.out().verbatim(line(c.client()) + "\n"));
        t.sub(client, "list", -2, "admin " + f, 0, 0, 0, "Lists open connections.", ClientCommands::list);
        t.sub(client, "kill", -3, "admin " + f, 0, 0, 0, "Terminates open connections.", ClientCommands::kill);
        t.sub(client, "setinfo", 4, f, 0, 0, 0, "Sets information specific to the client or connection.", c -> {
            String attr = c.str(2).toLowerCase(Locale.ROOT);
            if (!attr.equals("lib-name") && !attr.equals("lib-ver")) {
                throw new RespError("ERR Unrecognized option '" + c.str(2) + "'");
            }
            String v = c.str(3);
            for (char ch : v.toCharArray()) {
                if (ch < '!' || ch > '~') {
                    throw new RespError("ERR " + attr + " cannot contain spaces, newlines or special characters.");
                }
            }
            if (attr.equals("lib-name")) {
                c.client().libName = v;
            } else {
                c.client().libVersion = v;
            }
            c.out().ok();
        });
        t.sub(
                client,
                "unblock",
                -3,
                "admin " + f,
                0,
                0,
                0,
                "Unblocks a client blocked by a blocking command from a different connection.",
                ClientCommands::unblock);
        t.sub(
                client,
                "no-evict",
                3,
                "admin " + f,
                0,
                0,
                0,
                "Sets the client eviction mode of the connection.",
                c -> c.client().noEvict = onOff(c));
        t.sub(
                client,
                "no-touch",
                3,
                f,
                0,
                0,
                0,
                "Controls whether commands sent by the client affect the LRU/LFU of accessed keys.",
                c -> c.client().noTouch = onOff(c));
        t.sub(
                client,
                "help",
                2,
                "loading stale",
                0,
                0,
                0,
                "Returns helpful text about the different subcommands.",
                c -> ServerCommands.help(
                        c,
                        "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "CACHING (YES|NO)",
                        "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
                        "GETREDIR",
                        "    Return the client ID we are redirecting to when tracking is enabled.",
                        "GETNAME",
                        "    Return the name of the current connection.",
                        "ID",
                        "    Return the ID of the current connection.",
                        "INFO",
                        "    Return information about the current client connection.",
                        "KILL <ip:port>",
                        "    Kill connection made from <ip:port>.",
                        "KILL <option> <value> [<option> <value> [...]]",
                        "    Kill connections. Options are: ID, ADDR, LADDR, SKIPME, TYPE, USER, MAXAGE.",
                        "LIST [options ...]",
                        "    Return information about client connections. Options: TYPE, ID.",
                        "UNPAUSE",
                        "    Stop the current client pause, resuming traffic.",
                        "PAUSE <timeout> [WRITE|ALL]",
                        "    Suspend all, or just write, clients for <timeout> milliseconds.",
                        "REPLY (ON|OFF|SKIP)",
                        "    Control the replies sent to the current connection.",
                        "SETNAME <name>",
                        "    Assign the name <name> to the current connection.",
                        "SETINFO <option> <value>",
                        "    Set client meta attr. Options are: LIB-NAME, LIB-VER.",
                        "UNBLOCK <clientid> [TIMEOUT|ERROR]",
                        "    Unblock the specified blocked client.",
                        "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
                        "         [OPTIN] [OPTOUT] [NOLOOP]",
                        "    Control server assisted client side caching.",
                        "TRACKINGINFO",
                        "    Report tracking status for the current connection.",
                        "NO-EVICT (ON|OFF)",
                        "    Protect current client connection from eviction.",
                        "NO-TOUCH (ON|OFF)",
                        "    Will not touch LRU/LFU stats when this mode is on.",
                        "HELP",
                        "    Prints this help."));
    }

    private static boolean onOff(Call c) {
        boolean on;
        if (c.is(2, "ON")) {
            on = true;
        } else if (c.is(2, "OFF")) {
            on = false;
        } else {
            throw RespError.syntax();
        }
        c.out().ok();
        return on;
    }

    static void setName(Client c, byte[] name) {
        for (byte b : name) {
            if (b < '!' || b > '~') {
                throw new RespError("ERR Client names cannot contain spaces, newlines or special characters.");
            }
        }
        c.name = name.length == 0 ? null : new String(name, StandardCharsets.UTF_8);
    }

    /** One CLIENT LIST / CLIENT INFO line, in Redis 7.2's field order. */
    static String line(Client c) {
        long now = c.engine.keyspace().now();
        String flags = flags(c);
        // Redis' fields: qbuf what was sent and has not run, obl the reply buffer being filled, oll and
        // omem the replies handed to the socket that it has not taken yet
        long qbuf = c.decoderBytes + c.deferredBytes;
        ByteBuf reply = c.writer.buffer();
        long obl = reply == null ? 0 : reply.readableBytes();
        ChannelOutboundBuffer pending =
                c.channel == null ? null : c.channel.unsafe().outboundBuffer();
        long oll = pending == null ? 0 : pending.size();
        long omem = pending == null ? 0 : pending.totalPendingWriteBytes();
        return "id=" + c.id + " addr=" + c.address() + " laddr=" + c.localAddress() + " fd=8 name="
                + (c.name == null ? "" : c.name)
                + " age=" + Math.max(0, (now - c.createdAt) / 1000) + " idle="
                + Math.max(0, (now - c.lastInteraction) / 1000)
                + " flags=" + flags + " db=" + c.db + " sub=" + c.channels.size() + " psub=" + c.patterns.size()
                + " ssub=" + c.shardChannels.size() + " multi=" + (c.inMulti ? c.queued.size() : -1) + " qbuf=" + qbuf
                + " qbuf-free=0 argv-mem=0 multi-mem=0 rbs=1024 rbp=0"
                + " obl=" + obl + " oll=" + oll + " omem=" + omem + " tot-mem=" + (1024 + qbuf + obl + omem)
                + " events=" + (c.channel != null && !c.channel.config().isAutoRead() ? "w" : "r") + " cmd="
                + c.lastCommand + " user=" + c.user.name() + " redir="
                + (c.tracking == null ? -1 : c.tracking.redirect) + " resp=" + c.protocol()
                + " lib-name=" + (c.libName == null ? "" : c.libName) + " lib-ver="
                + (c.libVersion == null ? "" : c.libVersion);
    }

    /** CLIENT LIST's flags, in the order Redis' getClientInfoString writes them; {@code N} when none. */
    private static String flags(Client c) {
        StringBuilder f = new StringBuilder();
        if (c.monitor) {
            f.append('O');
        }
        if (c.subscriptionCount() > 0) {
            f.append('P');
        }
        if (c.inMulti) {
            f.append('x');
        }
        if (c.blocked != null || c.held) {
            f.append('b');
        }
        if (c.tracking != null) {
            f.append('t');
            if (c.engine.tracking().brokenRedirect(c)) {
                f.append('R');
            }
            if (c.tracking.bcast) {
                f.append('B');
            }
        }
        if (c.noEvict) {
            f.append('e');
        }
        if (c.noTouch) {
            f.append('T');
        }
        return f.isEmpty() ? "N" : f.toString();
    }

    private static boolean isType(Client c, String type) {
        return switch (type) {
            case "normal" -> c.subscriptionCount() == 0;
            case "pubsub" -> c.subscriptionCount() > 0;
            case "master", "replica", "slave" -> false;
            default -> throw new RespError("ERR Unknown client type '" + type + "'");
        };
    }

    private static void list(Call c) {
        String type = null;
        List<Long> ids = null;
        for (int i = 2; i < c.argc(); i++) {
            if (c.is(i, "TYPE") && i + 1 < c.argc()) {
                type = c.str(++i).toLowerCase(Locale.ROOT);
                isType(c.client(), type);
            } else if (c.is(i, "ID") && i + 1 < c.argc()) {
                ids = new ArrayList<>();
                for (i = i + 1; i < c.argc(); i++) {
                    Long id = Numbers.parseLong(c.arg(i));
                    if (id == null || id <= 0) {
                        throw new RespError("ERR Invalid client ID");
                    }
                    ids.add(id);
                }
            } else {
                throw RespError.syntax();
            }
        }
        StringBuilder b = new StringBuilder();
        for (Client cl : c.engine().clients()) {
            if ((type == null || isType(cl, type)) && (ids == null || ids.contains(cl.id))) {
                b.append(line(cl)).append('\n');
            }
        }
        c.out().verbatim(b.toString());
    }

    private static void kill(Call c) {
        List<Client> all = new ArrayList<>(c.engine().clients());
        if (c.argc() == 3) {
            String addr = c.str(2);
            for (Client cl : all) {
                if (cl.address().equals(addr)) {
                    kill(cl);
                    c.out().ok();
                    return;
                }
            }
            throw new RespError("ERR No such client");
        }
        Long id = null;
        String addr = null;
        String laddr = null;
        String type = null;
        String user = null;
        Long maxAge = null;
        boolean skipMe = true;
        for (int i = 2; i < c.argc(); i += 2) {
            if (i + 1 >= c.argc()) {
                throw RespError.syntax();
            }
            String v = c.str(i + 1);
            if (c.is(i, "ID")) {
                id = Numbers.parseLong(c.arg(i + 1));
                if (id == null || id <= 0) {
                    throw new RespError("ERR client-id should be greater than 0");
                }
            } else if (c.is(i, "ADDR")) {
                addr = v;
            } else if (c.is(i, "LADDR")) {
                laddr = v;
            } else if (c.is(i, "TYPE")) {
                type = v.toLowerCase(Locale.ROOT);
                isType(c.client(), type);
            } else if (c.is(i, "USER")) {
                user = v;
            } else if (c.is(i, "MAXAGE")) {
                maxAge = c.longArg(i + 1);
            } else if (c.is(i, "SKIPME")) {
                if (v.equalsIgnoreCase("yes")) {
                    skipMe = true;
                } else if (v.equalsIgnoreCase("no")) {
                    skipMe = false;
                } else {
                    throw RespError.syntax();
                }
            } else {
                throw RespError.syntax();
            }
        }
        long now = c.now();
        int killed = 0;
        for (Client cl : all) {
            if ((id != null && cl.id != id)
                    || (addr != null && !cl.address().equals(addr))
                    || (laddr != null && !cl.localAddress().equals(laddr))
                    || (type != null && !isType(cl, type))
                    || (user != null && !user.equals("default"))
                    || (maxAge != null && (now - cl.createdAt) / 1000 < maxAge)
                    || (skipMe && cl == c.client())) {
                continue;
            }
            kill(cl);
            killed++;
        }
        c.out().integer(killed);
    }

    static void kill(Client cl) {
        if (cl == cl.engine.currentClient()) {
            cl.closing = true; // after this reply
        } else {
            cl.channel.close();
        }
    }

    /** CLIENT UNBLOCK id [TIMEOUT|ERROR]: answers the blocked command as its timeout would, or with Redis' UNBLOCKED error. */
    private static void unblock(Call c) {
        long id = c.longArg(2);
        boolean error = false;
        if (c.argc() == 4) {
            if (c.is(3, "ERROR")) {
                error = true;
            } else if (!c.is(3, "TIMEOUT")) {
                throw new RespError("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
            }
        } else if (c.argc() > 4) {
            throw RespError.syntax();
        }
        KvEngine engine = c.engine();
        Client target = null;
        for (Client k : engine.clients()) {
            if (k.id == id) {
                target = k;
            }
        }
        if (target == null || target.blocked == null) {
            c.out().integer(0);
            return;
        }
        Blocking.State state = target.blocked;
        engine.blocking().unblock(target);
        if (error) {
            target.out().error("UNBLOCKED client unblocked via CLIENT UNBLOCK");
        } else {
            state.onTimeout.accept(target.out());
        }
        Client unblocked = target;
        // its pipelined commands run once this command is done, as after a timeout
        engine.loop().execute(() -> {
            if (engine.clients().contains(unblocked)) {
                engine.resume(unblocked);
            }
        });
        c.out().integer(1);
    }
}
