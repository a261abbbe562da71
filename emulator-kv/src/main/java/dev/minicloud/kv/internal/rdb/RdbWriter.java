package dev.minicloud.kv.internal.rdb;

import dev.minicloud.kv.internal.store.RHash;
import dev.minicloud.kv.internal.store.RList;
import dev.minicloud.kv.internal.store.RSet;
import dev.minicloud.kv.internal.store.RStream;
import dev.minicloud.kv.internal.store.RZSet;
import dev.minicloud.kv.internal.store.RZSet.ZEntry;
import java.io.ByteArrayOutputStream;

/**
 * Serializes one value as DUMP does, in RDB encodings that every Redis since 2.x loads (plain
 * string, list, set, hash and ZSET_2 objects): a payload from here restores into redis-server.
 */
public final class RdbWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private RdbWriter() {}

    /** The sealed DUMP payload of {@code value} (a {@code byte[]} string or a collection). */
    public static byte[] dump(Object value) {
        RdbWriter w = new RdbWriter();
        w.value(value);
        return DumpPayload.seal(w.out.toByteArray());
    }

    private void value(Object value) {
        if (value instanceof byte[] s) {
            out.write(RdbType.STRING);
            string(s);
        } else if (value instanceof RList l) {
            out.write(RdbType.LIST);
            length(l.size());
            for (byte[] e : l.toArray()) {
                string(e);
            }
        } else if (value instanceof RSet s) {
            out.write(RdbType.SET);
            length(s.size());
            for (byte[] m : s.members()) {
                string(m);
            }
        } else if (value instanceof RHash h) {
            out.write(RdbType.HASH);
            length(h.size());
            h.dict().forEach(f -> {
                string(f.key());
                string(f.value());
            });
        } else if (value instanceof RZSet z) {
            out.write(RdbType.ZSET_2);
            length(z.size());
            // Redis writes from the highest score down, so its loader appends in order; we do the same
            for (int i = z.size() - 1; i >= 0; i--) {
                ZEntry e = z.at(i);
                string(e.member());
                long bits = Double.doubleToRawLongBits(e.score());
                for (int k = 0; k < 8; k++) {
                    out.write((int) (bits >>> (8 * k)) & 0xff);
                }
            }
        } else if (value instanceof RStream st) {
            out.write(StreamRdb.LISTPACKS_2);
            StreamRdb.write(st, this);
        } else {
            throw new IllegalArgumentException(
                    "no RDB encoding for " + value.getClass().getSimpleName());
        }
    }

    void raw(byte[] b) {
        out.writeBytes(b);
    }

    void string(byte[] s) {
        length(s.length);
        out.writeBytes(s);
    }

    /** rdbSaveLen; {@code n} is unsigned (stream ids and a group's -1 entries-read take all 64 bits). */
    void length(long n) {
        if (n < 0) {
            out.write(0x81);
            for (int k = 7; k >= 0; k--) {
                out.write((int) (n >>> (8 * k)) & 0xff);
            }
        } else if (n < 1 << 6) {
            out.write((int) n);
        } else if (n < 1 << 14) {
            out.write((int) (0x40 | (n >>> 8)));
            out.write((int) (n & 0xff));
        } else if (n <= 0xFFFFFFFFL) {
            out.write(0x80);
            for (int k = 3; k >= 0; k--) {
                out.write((int) (n >>> (8 * k)) & 0xff);
            }
        } else {
            out.write(0x81);
            for (int k = 7; k >= 0; k--) {
                out.write((int) (n >>> (8 * k)) & 0xff);
            }
        }
    }
}
