package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.rdb.RdbWriter;
import dev.minicloud.kv.internal.store.Database;
import dev.minicloud.kv.internal.store.FieldEntry;
import dev.minicloud.kv.internal.store.KeyEntry;
import dev.minicloud.kv.internal.store.RHash;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Writes whose argv would not do the same on a replica, and what goes down the stream instead (as
 * Redis rewrites them in propagation): a relative TTL is followed by the absolute {@code PEXPIREAT}
 * (or {@code DEL} when the key is gone), random or clock-made results (SPOP, consumer-group reads and
 * claims) are sent as the keys' resulting values ({@code RESTORE ... REPLACE ABSTTL} or {@code DEL}),
 * a hash field's relative TTL is followed by {@code HPEXPIREAT} per field (or {@code HDEL}), and
 * {@code XADD *} carries the id the primary chose.
 */
enum StreamRewrite {
    ABSOLUTE_TTL {
        @Override
        void record(Replication r, Database db, Client c, byte[][] args, int argc, int replyMark) {
            r.record(db.index(), args, argc);
            KeyEntry e = db.peek(args[1]);
            if (e == null) {
                r.record(db.index(), new byte[][] {DEL, args[1]}, 2);
            } else if (e.expireAt() >= 0) {
                r.record(db.index(), new byte[][] {PEXPIREAT, args[1], ascii(e.expireAt())}, 3);
            }
        }
    },
    BY_VALUE {
        @Override
        void record(Replication r, Database db, Client c, byte[][] args, int argc, int replyMark) {
            for (byte[] key : keys(args, argc)) {
                KeyEntry e = db.peek(key);
                if (e == null) {
                    r.record(db.index(), new byte[][] {DEL, key}, 2);
                } else {
                    byte[] ttl = ascii(Math.max(0, e.expireAt()));
                    r.record(
                            db.index(),
                            new byte[][] {RESTORE, key, ttl, RdbWriter.dump(e.value()), REPLACE, ABSTTL},
                            6);
                }
            }
        }
    },
    FIELD_TTL {
        @Override
        void record(Replication r, Database db, Client c, byte[][] args, int argc, int replyMark) {
            r.record(db.index(), args, argc);
            KeyEntry e = db.peek(args[1]);
            if (e == null) {
                r.record(db.index(), new byte[][] {DEL, args[1]}, 2);
                return;
            }
            if (!(e.value() instanceof RHash hash)) {
                return;
            }
            int at = 2;
            while (at < argc && !new String(args[at], StandardCharsets.UTF_8).equalsIgnoreCase("FIELDS")) {
                at++;
            }
            // HSETEX's FIELDS block holds field-value pairs, the others' fields alone
            int step = new String(args[0], StandardCharsets.US_ASCII).equalsIgnoreCase("hsetex") ? 2 : 1;
            for (int i = at + 2; i < argc; i += step) {
                FieldEntry f = hash.entry(args[i]);
                if (f == null) {
                    r.record(db.index(), new byte[][] {HDEL, args[1], args[i]}, 3);
                } else if (f.expireAt() >= 0) {
                    r.record(
                            db.index(),
                            new byte[][] {HPEXPIREAT, args[1], ascii(f.expireAt()), FIELDS, ONE, args[i]},
                            6);
                }
            }
        }
    },
    XADD_ID {
        @Override
        void record(Replication r, Database db, Client c, byte[][] args, int argc, int replyMark) {
            byte[] id = bulkReply(c, replyMark);
            int at = idPosition(args, argc);
            if (id == null || at >= argc) {
                r.record(db.index(), args, argc);
                return;
            }
            byte[][] fixed = Arrays.copyOf(args, argc);
            fixed[at] = id;
            r.record(db.index(), fixed, argc);
        }
    };

    private static final byte[] DEL = ascii("DEL");
    private static final byte[] PEXPIREAT = ascii("PEXPIREAT");
    private static final byte[] RESTORE = ascii("RESTORE");
    private static final byte[] REPLACE = ascii("REPLACE");
    private static final byte[] ABSTTL = ascii("ABSTTL");
    private static final byte[] HDEL = ascii("HDEL");
    private static final byte[] HPEXPIREAT = ascii("HPEXPIREAT");
    private static final byte[] FIELDS = ascii("FIELDS");
    private static final byte[] ONE = ascii("1");

    private static final Map<String, StreamRewrite> BY_COMMAND = Map.ofEntries(
            Map.entry("set", ABSOLUTE_TTL),
            Map.entry("setex", ABSOLUTE_TTL),
            Map.entry("psetex", ABSOLUTE_TTL),
            Map.entry("getex", ABSOLUTE_TTL),
            Map.entry("expire", ABSOLUTE_TTL),
            Map.entry("pexpire", ABSOLUTE_TTL),
            Map.entry("restore", ABSOLUTE_TTL),
            Map.entry("spop", BY_VALUE),
            Map.entry("xreadgroup", BY_VALUE),
            Map.entry("xclaim", BY_VALUE),
            Map.entry("xautoclaim", BY_VALUE),
            Map.entry("hexpire", FIELD_TTL),
            Map.entry("hpexpire", FIELD_TTL),
            Map.entry("hgetex", FIELD_TTL),
            Map.entry("hsetex", FIELD_TTL),
            Map.entry("xadd", XADD_ID));

    abstract void record(Replication r, Database db, Client c, byte[][] args, int argc, int replyMark);

    /** The rewrite of a command (by its full name), null when its argv goes as it is. */
    static StreamRewrite of(String command) {
        return BY_COMMAND.get(command);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(long v) {
        return ascii(Long.toString(v));
    }

    /** The keys a by-value command changed: XREADGROUP's after STREAMS (half the rest), else the first argument. */
    private static byte[][] keys(byte[][] args, int argc) {
        if (new String(args[0], StandardCharsets.US_ASCII).equalsIgnoreCase("xreadgroup")) {
            for (int i = 1; i < argc; i++) {
                if (new String(args[i], StandardCharsets.UTF_8).equalsIgnoreCase("streams")) {
                    int n = (argc - i - 1) / 2;
                    return Arrays.copyOfRange(args, i + 1, i + 1 + n);
                }
            }
            return new byte[0][];
        }
        return new byte[][] {args[1]};
    }

    /** XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] id ...: where the id is. */
    private static int idPosition(byte[][] args, int argc) {
        int i = 2;
        while (i < argc) {
            String a = new String(args[i], StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
            if (a.equals("NOMKSTREAM")) {
                i++;
            } else if (a.equals("MAXLEN") || a.equals("MINID")) {
                i++;
                if (i < argc && (Arrays.equals(args[i], ascii("=")) || Arrays.equals(args[i], ascii("~")))) {
                    i++;
                }
                i++;
                if (i < argc && new String(args[i], StandardCharsets.UTF_8).equalsIgnoreCase("LIMIT")) {
                    i += 2;
                }
            } else {
                return i;
            }
        }
        return i;
    }

    /** The bulk string a command replied with (XADD's new id), null for any other reply. */
    private static byte[] bulkReply(Client c, int mark) {
        ByteBuf b = c.writer.buffer();
        if (b == null || b.writerIndex() <= mark || b.getByte(mark) != '$') {
            return null;
        }
        int lineEnd = b.indexOf(mark, b.writerIndex(), (byte) '\r');
        if (lineEnd < 0) {
            return null;
        }
        int len = Integer.parseInt(b.toString(mark + 1, lineEnd - mark - 1, StandardCharsets.US_ASCII));
        if (len < 0 || lineEnd + 2 + len > b.writerIndex()) {
            return null;
        }
        byte[] id = new byte[len];
        b.getBytes(lineEnd + 2, id);
        return id;
    }
}
