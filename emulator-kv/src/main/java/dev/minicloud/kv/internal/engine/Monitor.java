package dev.minicloud.kv.internal.engine;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * MONITOR: every command run is sent to the monitoring clients as one status line in Redis' format,
 * {@code +1339518083.107412 [0 127.0.0.1:60866] "keys" "*"}, stamped with the engine clock. As in
 * Redis, commands are shown once they ran (those inside EXEC before the EXEC), admin commands and
 * commands refused before running (unknown, wrong arity) are not, and secrets are redacted.
 */
final class Monitor {
    private final Set<Client> monitors = new LinkedHashSet<>();

    boolean active() {
        return !monitors.isEmpty();
    }

    void add(Client c) {
        monitors.add(c);
    }

    void remove(Client c) {
        monitors.remove(c);
    }

    void feed(Client c, CommandSpec spec, byte[][] args, int argc, long nowMillis) {
        StringBuilder b = new StringBuilder(64);
        b.append('+')
                .append(nowMillis / 1000)
                .append('.')
                .append(String.format("%06d", (nowMillis % 1000) * 1000))
                .append(" [")
                .append(c.db)
                .append(' ')
                .append(c.channel == null ? "lua" : c.address())
                .append(']');
        for (int i = 0; i < argc; i++) {
            b.append(' ');
            CommandLog.repr(b, CommandLog.shown(spec, args, i));
        }
        b.append("\r\n");
        byte[] line = b.toString().getBytes(StandardCharsets.ISO_8859_1);
        for (Client m : monitors) {
            m.out().raw(line);
        }
    }
}
