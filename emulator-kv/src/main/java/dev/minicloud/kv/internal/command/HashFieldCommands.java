package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.CommandHandler;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.Notifications;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.FieldEntry;
import dev.minicloud.kv.internal.store.RHash;
import dev.minicloud.kv.internal.wire.Numbers;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.util.Locale;

/**
 * Hash field expiration (Redis 7.4: HEXPIRE, HPEXPIRE, HEXPIREAT, HPEXPIREAT, HTTL, HPTTL,
 * HEXPIRETIME, HPEXPIRETIME, HPERSIST) and the field commands of Redis 8.0 that take TTLs (HGETDEL,
 * HGETEX, HSETEX), with Redis' per-field reply codes and messages.
 */
final class HashFieldCommands {
    /** Redis' largest field expiry, unix milliseconds (EB_EXPIRE_TIME_MAX: 48 bits). */
    static final long MAX_EXPIRE = (1L << 48) - 1;

    private static final String FIELDS_MISSING =
            "ERR Mandatory argument FIELDS is missing or not at the right position";

    private HashFieldCommands() {}

    /** How a command's time argument is read: relative or absolute, seconds or milliseconds. */
    private enum TimeArg {
        SECONDS(false, 1000),
        MILLIS(false, 1),
        UNIX_SECONDS(true, 1000),
        UNIX_MILLIS(true, 1);

        final boolean absolute;
        final long unit;

        TimeArg(boolean absolute, long unit) {
            this.absolute = absolute;
            this.unit = unit;
        }
    }

    /** What HTTL and friends report: a TTL or an absolute time, in seconds or milliseconds. */
    private enum TtlReport {
        TTL_SECONDS,
        TTL_MILLIS,
        AT_SECONDS,
        AT_MILLIS
    }

    /** The NX|XX|GT|LT condition of the HEXPIRE family. */
    private enum Condition {
        NONE,
        NX,
        XX,
        GT,
        LT
    }

    static void register(CommandTable t) {
        String g = "hash";
        String expireFlags = "write denyoom fast";
        t.add(
                "hexpire",
                -6,
                expireFlags,
                1,
                1,
                1,
                g,
                "Set expiry for hash field using relative time to expire (seconds)",
                Handler.HEXPIRE);
        t.add(
                "hpexpire",
                -6,
                expireFlags,
                1,
                1,
                1,
                g,
                "Set expiry for hash field using relative time to expire (milliseconds)",
                Handler.HPEXPIRE);
        t.add(
                "hexpireat",
                -6,
                expireFlags,
                1,
                1,
                1,
                g,
                "Set expiry for hash field using an absolute Unix timestamp (seconds)",
                Handler.HEXPIREAT);
        t.add(
                "hpexpireat",
                -6,
                expireFlags,
                1,
                1,
                1,
                g,
                "Set expiry for hash field using an absolute Unix timestamp (milliseconds)",
                Handler.HPEXPIREAT);
        t.add("httl", -5, "readonly fast", 1, 1, 1, g, "Returns the TTL in seconds of a hash field.", Handler.HTTL);
        t.add(
                "hpttl",
                -5,
                "readonly fast",
                1,
                1,
                1,
                g,
                "Returns the TTL in milliseconds of a hash field.",
                Handler.HPTTL);
        t.add(
                "hexpiretime",
                -5,
                "readonly fast",
                1,
                1,
                1,
                g,
                "Returns the expiration time of a hash field as a Unix timestamp, in seconds.",
                Handler.HEXPIRETIME);
        t.add(
                "hpexpiretime",
                -5,
                "readonly fast",
                1,
                1,
                1,
                g,
                "Returns the expiration time of a hash field as a Unix timestamp, in msec.",
                Handler.HPEXPIRETIME);
        t.add(
                "hpersist",
                -5,
                "write fast",
                1,
                1,
                1,
                g,
                "Removes the expiration time for each specified field",
                Handler.HPERSIST);
        t.add(
                "hgetdel",
                -5,
                "write fast",
                1,
                1,
                1,
                g,
                "Returns the value of a field and deletes it from the hash.",
                Handler.HGETDEL);
        t.add(
                "hgetex",
                -5,
                "write fast",
                1,
                1,
                1,
                g,
                "Get the value of one or more fields of a given hash key, and optionally set their expiration.",
                Handler.HGETEX);
        t.add(
                "hsetex",
                -6,
                "write denyoom fast",
                1,
                1,
                1,
                g,
                "Set the value of one or more fields of a given hash key, and optionally set their expiration.",
                Handler.HSETEX);
    }

    /**
     * The FIELDS block that ends the command at {@code at}: its first field's index; the count must be
     * positive and match the arguments left ({@code perField} each).
     */
    private static int fields(Call c, int at, int perField, String badCount, String mismatch) {
        if (at >= c.argc() || !c.is(at, "FIELDS")) {
            throw new RespError(FIELDS_MISSING);
        }
        long n = at + 1 < c.argc() ? parsePositive(c, at + 1) : -1;
        if (n <= 0) {
            throw new RespError(badCount);
        }
        if (n * perField != c.argc() - at - 2) {
            throw new RespError(mismatch);
        }
        return at + 2;
    }

    private static long parsePositive(Call c, int i) {
        Long v = Numbers.parseLong(c.arg(i));
        return v == null ? -1 : v;
    }

    private static int hexpireFields(Call c, int at) {
        return fields(
                c,
                at,
                1,
                "ERR Parameter `numFields` should be greater than 0",
                "ERR The `numfields` parameter must match the number of arguments");
    }

    /** An absolute unix-ms expiry from a time argument, refused as Redis refuses it. */
    private static long expiry(Call c, int i, TimeArg arg, String command, boolean positive) {
        long v = c.longArg(i);
        String invalid = "ERR invalid expire time in '" + command + "' command";
        if (v < 0 || positive && v == 0) {
            throw new RespError(positive ? invalid : "ERR invalid expire time, must be >= 0");
        }
        if (v > MAX_EXPIRE / arg.unit) {
            throw new RespError(invalid);
        }
        long ms = v * arg.unit;
        long base = arg.absolute ? 0 : c.now();
        if (ms > MAX_EXPIRE - base) {
            throw new RespError(invalid);
        }
        return ms + base;
    }

    private static void hexpire(Call c, TimeArg arg) {
        String command = c.str(0).toLowerCase(Locale.ROOT);
        long at = expiry(c, 2, arg, command, false);
        int pos = 3;
        Condition cond = Condition.NONE;
        for (Condition k : Condition.values()) {
            if (k != Condition.NONE && pos < c.argc() && c.is(pos, k.name())) {
                cond = k;
                pos++;
                break;
            }
        }
        int first = hexpireFields(c, pos);
        RHash h = c.hash(c.write(c.arg(1)));
        RespWriter w = c.out();
        w.array(c.argc() - first);
        if (h == null) {
            for (int i = first; i < c.argc(); i++) {
                w.integer(-2);
            }
            return;
        }
        h.supportFieldExpiry();
        int set = 0;
        int deleted = 0;
        long now = c.now();
        for (int i = first; i < c.argc(); i++) {
            FieldEntry e = h.entry(c.arg(i));
            if (e == null) {
                w.integer(-2);
                continue;
            }
            if (!holds(cond, e.expireAt(), at)) {
                w.integer(0);
                continue;
            }
            if (at <= now) {
                h.remove(c.arg(i));
                deleted++;
                w.integer(2);
            } else {
                h.expire(e, at);
                set++;
                w.integer(1);
            }
        }
        afterChange(c, h, set, deleted, "hexpire");
    }

    /** Whether a field with expiry {@code current} (-1: none, an infinite TTL) may get {@code next}. */
    private static boolean holds(Condition cond, long current, long next) {
        return switch (cond) {
            case NONE -> true;
            case NX -> current < 0;
            case XX -> current >= 0;
            case GT -> current >= 0 && next > current;
            case LT -> current < 0 || next < current;
        };
    }

    /** Notifications and bookkeeping after fields got TTLs ({@code event}) or were deleted. */
    private static void afterChange(Call c, RHash h, int ttlsSet, int deleted, String event) {
        if (ttlsSet > 0) {
            c.fieldTtlSet(c.arg(1), h);
            c.notify(Notifications.HASH, event, c.arg(1));
        }
        if (deleted > 0) {
            c.notify(Notifications.HASH, "hdel", c.arg(1));
        }
        if (ttlsSet > 0 || deleted > 0) {
            c.modified(c.arg(1));
            c.deleteIfEmpty(c.arg(1), h.size());
        }
    }

    private static void ttl(Call c, TtlReport report) {
        int first = hexpireFields(c, 2);
        RHash h = c.hash(c.read(c.arg(1)));
        RespWriter w = c.out();
        w.array(c.argc() - first);
        long now = c.now();
        for (int i = first; i < c.argc(); i++) {
            FieldEntry e = h == null ? null : h.entry(c.arg(i));
            if (e == null) {
                w.integer(-2);
            } else if (e.expireAt() < 0) {
                w.integer(-1);
            } else {
                long at = e.expireAt();
                w.integer(
                        switch (report) {
                            case TTL_SECONDS -> (at - now + 999) / 1000;
                            case TTL_MILLIS -> at - now;
                            case AT_SECONDS -> (at + 999) / 1000;
                            case AT_MILLIS -> at;
                        });
            }
        }
    }

    private static void hpersist(Call c) {
        int first = hexpireFields(c, 2);
        RHash h = c.hash(c.write(c.arg(1)));
        RespWriter w = c.out();
        w.array(c.argc() - first);
        int persisted = 0;
        for (int i = first; i < c.argc(); i++) {
            FieldEntry e = h == null ? null : h.entry(c.arg(i));
            if (e == null) {
                w.integer(-2);
            } else if (h.persist(e)) {
                persisted++;
                w.integer(1);
            } else {
                w.integer(-1);
            }
        }
        if (persisted > 0) {
            c.modified(c.arg(1));
            c.notify(Notifications.HASH, "hpersist", c.arg(1));
        }
    }

    private static void hgetdel(Call c) {
        int first = fields(
                c,
                2,
                1,
                "ERR Number of fields must be a positive integer",
                "ERR The `numfields` parameter must match the number of arguments");
        RHash h = c.hash(c.write(c.arg(1)));
        RespWriter w = c.out();
        w.array(c.argc() - first);
        int deleted = 0;
        for (int i = first; i < c.argc(); i++) {
            byte[] v = h == null ? null : h.get(c.arg(i));
            w.bulk(v);
            if (v != null) {
                h.remove(c.arg(i));
                deleted++;
            }
        }
        if (deleted > 0) {
            afterChange(c, h, 0, deleted, null);
        }
    }

    /** HGETEX's and HSETEX's expiry option: which, and the absolute time it gives. */
    private record ExpiryOption(String name, long at) {
        boolean setsTtl() {
            return at > 0;
        }
    }

    /** Reads an expiry option at {@code i} ({@code extra} is PERSIST or KEEPTTL); null if it is not one. */
    private static ExpiryOption expiryOption(Call c, int i, String extra, String command) {
        for (TimeArg arg : TimeArg.values()) {
            String name = switch (arg) {
                case SECONDS -> "EX";
                case MILLIS -> "PX";
                case UNIX_SECONDS -> "EXAT";
                case UNIX_MILLIS -> "PXAT";
            };
            if (c.is(i, name)) {
                if (i + 1 >= c.argc()) {
                    throw RespError.syntax();
                }
                return new ExpiryOption(name, expiry(c, i + 1, arg, command, true));
            }
        }
        return c.is(i, extra) ? new ExpiryOption(extra, 0) : null;
    }

    private static void hgetex(Call c) {
        ExpiryOption option = null;
        int pos = 2;
        while (pos < c.argc() && !c.is(pos, "FIELDS")) {
            ExpiryOption o = expiryOption(c, pos, "PERSIST", "hgetex");
            if (o == null) {
                throw RespError.syntax();
            }
            if (option != null) {
                throw new RespError("ERR Only one of EX, PX, EXAT, PXAT or PERSIST arguments can be specified");
            }
            option = o;
            pos += o.name().equals("PERSIST") ? 1 : 2;
        }
        int first = fields(
                c,
                pos,
                1,
                "ERR invalid number of fields",
                RespError.arity("hgetex").getMessage());
        RHash h = c.hash(c.write(c.arg(1)));
        RespWriter w = c.out();
        w.array(c.argc() - first);
        int set = 0;
        int deleted = 0;
        int persisted = 0;
        long now = c.now();
        for (int i = first; i < c.argc(); i++) {
            FieldEntry e = h == null ? null : h.entry(c.arg(i));
            w.bulk(e == null ? null : e.value());
            if (e == null || option == null) {
                continue;
            }
            if (!option.setsTtl()) {
                persisted += h.persist(e) ? 1 : 0;
            } else if (option.at() <= now) {
                h.remove(c.arg(i));
                deleted++;
            } else {
                h.expire(e, option.at());
                set++;
            }
        }
        if (persisted > 0) {
            c.modified(c.arg(1));
            c.notify(Notifications.HASH, "hpersist", c.arg(1));
        }
        if (h != null) {
            afterChange(c, h, set, deleted, "hexpire");
        }
    }

    private static void hsetex(Call c) {
        ExpiryOption option = null;
        String condition = null;
        int pos = 2;
        while (pos < c.argc() && !c.is(pos, "FIELDS")) {
            if (c.is(pos, "FNX") || c.is(pos, "FXX")) {
                if (condition != null) {
                    throw new RespError("ERR Only one of FXX or FNX arguments can be specified");
                }
                condition = c.str(pos).toUpperCase(Locale.ROOT);
                pos++;
                continue;
            }
            ExpiryOption o = expiryOption(c, pos, "KEEPTTL", "hsetex");
            if (o == null) {
                throw RespError.syntax();
            }
            if (option != null) {
                throw new RespError("ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified");
            }
            option = o;
            pos += o.name().equals("KEEPTTL") ? 1 : 2;
        }
        int first = fields(
                c,
                pos,
                2,
                "ERR invalid number of fields",
                RespError.arity("hsetex").getMessage());
        RHash h = c.hash(c.write(c.arg(1)));
        if (condition != null) {
            boolean wantPresent = condition.equals("FXX");
            for (int i = first; i < c.argc(); i += 2) {
                boolean present = h != null && h.entry(c.arg(i)) != null;
                if (present != wantPresent) {
                    c.out().integer(0);
                    return;
                }
            }
        }
        if (h == null) {
            h = c.orAdd(c.arg(1), null, () -> new RHash(c.keyspace().encodings()));
        }
        h.prepareWrite((c.argc() - first) / 2);
        boolean keepTtl = option != null && !option.setsTtl();
        long now = c.now();
        int set = 0;
        int deleted = 0;
        for (int i = first; i < c.argc(); i += 2) {
            if (keepTtl) {
                h.replace(c.arg(i), c.arg(i + 1));
            } else {
                h.put(c.arg(i), c.arg(i + 1));
            }
            if (option != null && option.setsTtl()) {
                if (option.at() <= now) {
                    h.remove(c.arg(i));
                    deleted++;
                } else {
                    h.expire(h.entry(c.arg(i)), option.at());
                    set++;
                }
            }
        }
        c.modified(c.arg(1));
        c.notify(Notifications.HASH, "hset", c.arg(1));
        afterChange(c, h, set, deleted, "hexpire");
        c.out().integer(1);
    }

    /**
     * The handlers of the rows above, one constant each, run through one switch: a lambda or method
     * reference per row would cost an invokedynamic bootstrap (a spun class) each at start.
     */
    private enum Handler implements CommandHandler {
        HEXPIRE,
        HPEXPIRE,
        HEXPIREAT,
        HPEXPIREAT,
        HTTL,
        HPTTL,
        HEXPIRETIME,
        HPEXPIRETIME,
        HPERSIST,
        HGETDEL,
        HGETEX,
        HSETEX;

        @Override
        public void run(Call c) {
            switch (this) {
                case HEXPIRE -> hexpire(c, TimeArg.SECONDS);
                case HPEXPIRE -> hexpire(c, TimeArg.MILLIS);
                case HEXPIREAT -> hexpire(c, TimeArg.UNIX_SECONDS);
                case HPEXPIREAT -> hexpire(c, TimeArg.UNIX_MILLIS);
                case HTTL -> ttl(c, TtlReport.TTL_SECONDS);
                case HPTTL -> ttl(c, TtlReport.TTL_MILLIS);
                case HEXPIRETIME -> ttl(c, TtlReport.AT_SECONDS);
                case HPEXPIRETIME -> ttl(c, TtlReport.AT_MILLIS);
                case HPERSIST -> HashFieldCommands.hpersist(c);
                case HGETDEL -> HashFieldCommands.hgetdel(c);
                case HGETEX -> HashFieldCommands.hgetex(c);
                case HSETEX -> HashFieldCommands.hsetex(c);
            }
        }
    }
}
