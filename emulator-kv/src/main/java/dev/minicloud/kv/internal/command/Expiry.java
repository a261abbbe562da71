package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.RespError;

/**
 * The four forms of an expiry time: seconds or milliseconds, from now or since the epoch. SET and
 * GETEX name them ({@code EX}, {@code PX}, {@code EXAT}, {@code PXAT}); EXPIRE, PEXPIRE, EXPIREAT
 * and PEXPIREAT take one each, and TTL, PTTL, EXPIRETIME and PEXPIRETIME answer in one each.
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
        if (v <= 0) {
            throw invalid(command);
        }
        try {
            return absoluteMillis(v, call.now());
        } catch (ArithmeticException e) {
            throw invalid(command);
        }
    }

    /** {@code v} in this form as epoch millis; throws ArithmeticException when that overflows. */
    long absoluteMillis(long v, long now) {
        long ms = seconds ? Math.multiplyExact(v, 1000L) : v;
        return absolute ? ms : Math.addExact(ms, now);
    }

    /** A key's {@code expireAt} (epoch millis) as this form reports it: TTL rounds to the nearest second. */
    long report(long expireAt, long now) {
        long t = absolute ? expireAt : Math.max(0, expireAt - now);
        return seconds ? (t + 500) / 1000 : t;
    }

    static RespError invalid(String command) {
        return new RespError("ERR invalid expire time in '" + command + "' command");
    }
}
