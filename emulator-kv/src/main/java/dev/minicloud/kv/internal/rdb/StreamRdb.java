package dev.minicloud.kv.internal.rdb;

import dev.minicloud.kv.internal.store.RStream;
import dev.minicloud.kv.internal.store.StreamGroup;
import dev.minicloud.kv.internal.store.StreamId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams in RDB (rdb.c {@code RDB_TYPE_STREAM_LISTPACKS*}): listpack nodes keyed by their
 * 128-bit big-endian master id, the counters, then each group with its PEL and consumers.
 *
 * <p>Written as {@code STREAM_LISTPACKS_2} (what Redis 7.0 writes in RDB 10): nodes of up to 100
 * live entries, each entry with its own field names (no {@code SAMEFIELDS} compression, which every
 * reader accepts). Read: versions 1 (Redis 5/6), 2 (7.0) and 3 (7.2, consumers' active-time), with
 * Redis' entry flags (deleted entries are skipped, {@code SAMEFIELDS} entries take the master's fields).
 */
final class StreamRdb {
    static final int LISTPACKS = 15;
    static final int LISTPACKS_2 = 19;
    static final int LISTPACKS_3 = 21;
    private static final int FLAG_DELETED = 1;
    private static final int FLAG_SAMEFIELDS = 2;
    private static final int NODE_ENTRIES = 100;

    private StreamRdb() {}

    // ---- writing --------------------------------------------------------------------------------

    static void write(RStream s, RdbWriter w) {
        List<RStream.Entry> all = s.range(StreamId.MIN, StreamId.MAX, false, 0);
        int nodes = (all.size() + NODE_ENTRIES - 1) / NODE_ENTRIES;
        w.length(nodes);
        for (int n = 0; n < nodes; n++) {
            List<RStream.Entry> part = all.subList(n * NODE_ENTRIES, Math.min(all.size(), (n + 1) * NODE_ENTRIES));
            StreamId master = part.get(0).id();
            w.string(rawId(master));
            w.string(listpack(master, part));
        }
        w.length(s.length());
        w.length(s.lastId().ms());
        w.length(s.lastId().seq());
        StreamId first = s.firstId();
        w.length(first.ms());
        w.length(first.seq());
        w.length(s.maxDeletedId().ms());
        w.length(s.maxDeletedId().seq());
        w.length(s.entriesAdded());
        w.length(s.groups().size());
        for (StreamGroup g : s.groups()) {
            w.string(g.name());
            w.length(g.lastId().ms());
            w.length(g.lastId().seq());
            w.length(g.entriesRead());
            w.length(g.pel().size());
            for (StreamGroup.Pending p : g.pel()) {
                w.raw(rawId(p.id()));
                w.raw(le8(p.deliveryTime()));
                w.length(p.deliveryCount());
            }
            w.length(g.consumers().size());
            for (StreamGroup.Consumer c : g.consumers().values()) {
                w.string(c.name());
                w.raw(le8(c.seenTime()));
                w.length(c.pel().size());
                for (StreamGroup.Pending p : c.pel()) {
                    w.raw(rawId(p.id()));
                }
            }
        }
    }

    private static byte[] rawId(StreamId id) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (id.ms() >>> (56 - 8 * i));
            b[8 + i] = (byte) (id.seq() >>> (56 - 8 * i));
        }
        return b;
    }

    private static byte[] le8(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    /** One node: the master entry (count, deleted, fields of the first entry, 0), then each entry. */
    private static byte[] listpack(StreamId master, List<RStream.Entry> part) {
        ListpackWriter lp = new ListpackWriter();
        byte[][] masterFields = part.get(0).fields();
        int numFields = masterFields.length / 2;
        lp.integer(part.size());
        lp.integer(0);
        lp.integer(numFields);
        for (int i = 0; i < masterFields.length; i += 2) {
            lp.string(masterFields[i]);
        }
        lp.integer(0);
        for (RStream.Entry e : part) {
            byte[][] fv = e.fields();
            lp.integer(0);
            lp.integer(e.id().ms() - master.ms());
            lp.integer(e.id().seq() - master.seq());
            lp.integer(fv.length / 2);
            for (byte[] b : fv) {
                lp.string(b);
            }
            lp.integer(fv.length + 4L);
        }
        return lp.finish();
    }

    /** listpack.c's encodings: 7-bit, 13-bit, 16/24/32/64-bit integers, 6/12/32-bit length strings. */
    static final class ListpackWriter {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int count;

        void integer(long v) {
            byte[] enc;
            if (v >= 0 && v <= 127) {
                enc = new byte[] {(byte) v};
            } else if (v >= -4096 && v <= 4095) {
                long u = v < 0 ? (1 << 13) + v : v;
                enc = new byte[] {(byte) ((u >> 8) | 0xC0), (byte) u};
            } else {
                int width = v >= Short.MIN_VALUE && v <= Short.MAX_VALUE
                        ? 2
                        : v >= -(1 << 23) && v < (1 << 23)
                                ? 3
                                : v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? 4 : 8;
                enc = new byte[1 + width];
                enc[0] = (byte) (width == 2 ? 0xF1 : width == 3 ? 0xF2 : width == 4 ? 0xF3 : 0xF4);
                for (int i = 0; i < width; i++) {
                    enc[1 + i] = (byte) (v >>> (8 * i));
                }
            }
            entry(enc);
        }

        void string(byte[] s) {
            int n = s.length;
            byte[] enc;
            int h;
            if (n < 64) {
                enc = new byte[1 + n];
                enc[0] = (byte) (0x80 | n);
                h = 1;
            } else if (n < 4096) {
                enc = new byte[2 + n];
                enc[0] = (byte) (0xE0 | (n >> 8));
                enc[1] = (byte) n;
                h = 2;
            } else {
                enc = new byte[5 + n];
                enc[0] = (byte) 0xF0;
                for (int i = 0; i < 4; i++) {
                    enc[1 + i] = (byte) (n >>> (8 * i));
                }
                h = 5;
            }
            System.arraycopy(s, 0, enc, h, n);
            entry(enc);
        }

        private void entry(byte[] enc) {
            body.writeBytes(enc);
            long l = enc.length;
            // lpEncodeBacklen: the entry's length in 7-bit groups, read right to left
            if (l <= 127) {
                body.write((int) l);
            } else {
                int groups = l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
                for (int g = groups - 1; g >= 0; g--) {
                    int bits = (int) ((l >>> (7 * g)) & 127);
                    body.write(g == groups - 1 ? bits : bits | 128);
                }
            }
            count++;
        }

        byte[] finish() {
            byte[] b = body.toByteArray();
            int total = 6 + b.length + 1;
            byte[] out = new byte[total];
            for (int i = 0; i < 4; i++) {
                out[i] = (byte) (total >>> (8 * i));
            }
            int c = Math.min(count, 0xFFFF);
            out[4] = (byte) c;
            out[5] = (byte) (c >>> 8);
            System.arraycopy(b, 0, out, 6, b.length);
            out[total - 1] = (byte) 0xFF;
            return out;
        }
    }

    // ---- reading --------------------------------------------------------------------------------

    static RStream read(int type, RdbReader r) {
        RStream s = new RStream(r.limits());
        long nodes = r.length();
        for (long n = 0; n < nodes; n++) {
            byte[] key = r.string();
            if (key.length != 16) {
                throw new RdbFormatException("bad stream node key");
            }
            readNode(s, id(key, 0), RdbReader.Listpack.entries(r.string()));
        }
        long length = r.length();
        StreamId last = new StreamId(r.unsignedLength(), r.unsignedLength());
        if (type >= LISTPACKS_2) {
            r.unsignedLength(); // first id: derived from the entries
            r.unsignedLength();
            s.maxDeletedId(new StreamId(r.unsignedLength(), r.unsignedLength()));
            s.entriesAdded(r.length());
        } else {
            s.entriesAdded(length);
        }
        if (length != s.length() || (s.length() > 0 && s.last().id().compareTo(last) > 0)) {
            throw new RdbFormatException("stream length or last id mismatch");
        }
        s.lastId(last);
        long groups = r.length();
        for (long g = 0; g < groups; g++) {
            readGroup(type, s, r);
        }
        return s;
    }

    private static StreamId id(byte[] b, int at) {
        long ms = 0;
        long seq = 0;
        for (int i = 0; i < 8; i++) {
            ms = (ms << 8) | (b[at + i] & 0xff);
            seq = (seq << 8) | (b[at + 8 + i] & 0xff);
        }
        return new StreamId(ms, seq);
    }

    private static long number(byte[] b) {
        try {
            return Long.parseLong(new String(b, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new RdbFormatException("bad stream listpack integer");
        }
    }

    private static void readNode(RStream s, StreamId master, List<byte[]> lp) {
        int p = 0;
        try {
            long live = number(lp.get(p++));
            long deleted = number(lp.get(p++));
            int masterCount = count(number(lp.get(p++)), lp.size());
            List<byte[]> masterFields = new ArrayList<>(lp.subList(p, p + masterCount));
            p += masterCount;
            if (number(lp.get(p++)) != 0) {
                throw new RdbFormatException("bad stream master entry");
            }
            for (long k = 0; k < live + deleted; k++) {
                int flags = (int) number(lp.get(p++));
                StreamId id = new StreamId(master.ms() + number(lp.get(p++)), master.seq() + number(lp.get(p++)));
                boolean same = (flags & FLAG_SAMEFIELDS) != 0;
                int fields = same ? masterCount : count(number(lp.get(p++)), lp.size());
                byte[][] fv = new byte[fields * 2][];
                for (int f = 0; f < fields; f++) {
                    fv[2 * f] = same ? masterFields.get(f) : lp.get(p++);
                    fv[2 * f + 1] = lp.get(p++);
                }
                p++; // lp-count
                if ((flags & FLAG_DELETED) == 0) {
                    if (s.length() > 0 && id.compareTo(s.lastId()) <= 0) {
                        throw new RdbFormatException("stream ids out of order");
                    }
                    s.append(id, fv);
                }
            }
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new RdbFormatException("truncated stream listpack");
        }
        if (p != lp.size()) {
            throw new RdbFormatException("stream listpack has trailing elements");
        }
    }

    /** A field count a listpack of {@code size} elements can hold, before anything is allocated for it. */
    private static int count(long n, int size) {
        if (n < 0 || n > size) {
            throw new RdbFormatException("bad stream field count");
        }
        return (int) n;
    }

    private record Nack(long time, long count) {}

    private static void readGroup(int type, RStream s, RdbReader r) {
        byte[] name = r.string();
        StreamId last = new StreamId(r.unsignedLength(), r.unsignedLength());
        long entriesRead = type >= LISTPACKS_2 ? r.unsignedLength() : s.estimateEntriesRead(last);
        StreamGroup g = s.createGroup(name, last, entriesRead);
        if (g == null) {
            throw new RdbFormatException("duplicated consumer group");
        }
        Map<StreamId, Nack> nacks = new HashMap<>();
        for (long n = r.length(); n > 0; n--) {
            StreamId id = id(r.raw(16), 0);
            nacks.put(id, new Nack(RdbReader.le(r.raw(8), 0, 8), r.length()));
        }
        for (long n = r.length(); n > 0; n--) {
            byte[] consumerName = r.string();
            long seen = RdbReader.le(r.raw(8), 0, 8);
            long active = type >= LISTPACKS_3 ? RdbReader.le(r.raw(8), 0, 8) : seen;
            StreamGroup.Consumer c = g.createConsumer(consumerName, seen);
            if (c == null) {
                throw new RdbFormatException("duplicated consumer");
            }
            c.active(active);
            for (long k = r.length(); k > 0; k--) {
                StreamId id = id(r.raw(16), 0);
                Nack nack = nacks.remove(id);
                if (nack == null) {
                    throw new RdbFormatException("consumer entry not found in the group PEL");
                }
                g.addPending(id, c, nack.time(), nack.count());
            }
        }
        if (!nacks.isEmpty()) {
            throw new RdbFormatException("group PEL entry without a consumer");
        }
    }
}
