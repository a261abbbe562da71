package dev.minicloud.kv.command;

import dev.minicloud.kv.engine.Call;
import dev.minicloud.kv.engine.RespError;

/** Parses the expiry options shared by SET, GETEX, SETEX and EXPIRE into absolute epoch millis. */
final class Expiry {
    private Expiry() {
    }

    /**
     * The absolute time for {@code value} in the given unit, or throws Redis'
     * {@code invalid expire time in '<cmd>' command} for non-positive or overflowing values.
     */
    static long absolute(Call call, int argIndex, boolean seconds, boolean absolute, String command) {
        long v = call.longArg(argIndex);
        if (v <= 0 || (seconds && v > Long.MAX_VALUE / 1000)) {
            throw new RespError("ERR invalid expire time in '" + command + "' command");
        }
        long ms = seconds ? v * 1000 : v;
        if (!absolute) {
            if (ms > Long.MAX_VALUE - call.now()) {
                throw new RespError("ERR invalid expire time in '" + command + "' command");
            }
            ms += call.now();
        }
        return ms;
    }
}
