package dev.minicloud.kv.command;

import dev.minicloud.kv.engine.Call;
import dev.minicloud.kv.engine.RespError;

/**
 * The four ways SET, GETEX, SETEX and PSETEX give an expiry ({@code EX}, {@code PX}, {@code EXAT},
 * {@code PXAT}), each parsed into absolute epoch millis.
 */
enum Expiry {
    /** Seconds from now. */
    EX(true, false),
    /** Milliseconds from now. */
    PX(false, false),
    /** A Unix time in seconds. */
    EXAT(true, true),
    /** A Unix time in milliseconds. */
    PXAT(false, true);

    private final boolean seconds;
    private final boolean absolute;

    Expiry(boolean seconds, boolean absolute) {
        this.seconds = seconds;
        this.absolute = absolute;
    }

    /** The form argument {@code i} names, or null if it names none. */
    static Expiry of(Call call, int i) {
        for (Expiry e : values()) {
            if (call.is(i, e.name())) {
                return e;
            }
        }
        return null;
    }

    /**
     * The absolute time argument {@code argIndex} gives in this form, or throws Redis'
     * {@code invalid expire time in '<cmd>' command} for non-positive or overflowing values.
     */
    long at(Call call, int argIndex, String command) {
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
