package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.wire.Numbers;

/** CLIENT REPLY, CLIENT PAUSE and CLIENT UNPAUSE. */
final class ClientControl {
    /** CLIENT REPLY: what happens to replies; SKIP_NEXT becomes SKIP for the command after CLIENT REPLY SKIP. */
    enum ReplyMode {
        ON,
        OFF,
        SKIP_NEXT,
        SKIP
    }

    private ClientControl() {}

    static void register(CommandTable t, CommandSpec client) {
        String f = "noscript loading stale";
        t.sub(
                client,
                "reply",
                3,
                f,
                0,
                0,
                0,
                "Instructs the server whether to reply to commands.",
                ClientControl::reply);
        t.sub(client, "pause", -3, "admin " + f, 0, 0, 0, "Suspends commands processing.", ClientControl::pause);
        t.sub(client, "unpause", 2, "admin " + f, 0, 0, 0, "Resumes processing commands from paused clients.", c -> {
            c.engine().pause().unpause();
            c.out().ok();
        });
    }

    private static void reply(Call c) {
        Client cl = c.client();
        if (c.is(2, "ON")) {
            cl.reply = ReplyMode.ON;
            c.out().ok();
        } else if (c.is(2, "OFF")) {
            cl.reply = ReplyMode.OFF;
        } else if (c.is(2, "SKIP")) {
            if (cl.reply != ReplyMode.OFF) {
                cl.reply = ReplyMode.SKIP_NEXT;
            }
        } else {
            throw RespError.syntax();
        }
    }

    private static void pause(Call c) {
        Long ms = Numbers.parseLong(c.arg(2));
        if (ms == null) {
            throw new RespError("ERR timeout is not an integer or out of range");
        }
        if (ms < 0) {
            throw new RespError("ERR timeout is negative");
        }
        ClientPause.Mode mode = ClientPause.Mode.ALL;
        if (c.argc() == 4) {
            if (c.is(3, "WRITE")) {
                mode = ClientPause.Mode.WRITE;
            } else if (!c.is(3, "ALL")) {
                throw new RespError("ERR CLIENT PAUSE mode must be WRITE or ALL");
            }
        } else if (c.argc() > 4) {
            throw new RespError(
                    "ERR unknown subcommand or wrong number of arguments for '" + c.str(1) + "'. Try CLIENT HELP.");
        }
        c.engine().pause().pause(mode, c.engine().clockMillis() + ms);
        c.out().ok();
    }
}
