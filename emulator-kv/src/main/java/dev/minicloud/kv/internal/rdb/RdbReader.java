package dev.minicloud.kv.internal.rdb;

import dev.minicloud.kv.internal.store.EncodingLimits;
import dev.minicloud.kv.internal.store.RHash;
import dev.minicloud.kv.internal.store.RList;
import dev.minicloud.kv.internal.store.RSet;
import dev.minicloud.kv.internal.store.RZSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one value of a DUMP payload (rdbLoadObject) in the encodings Redis 7 writes: plain strings
 * (also integer-encoded and LZF-compressed), lists (plain and quicklist 2 of listpacks), sets
 * (plain, intset, listpack), hashes and sorted sets (plain and listpack, ZSET and ZSET_2 scores).
 * Anything malformed, truncated, empty or duplicated is a {@link RdbFormatException}; nothing
 * half-read is ever returned. Values get the encodings Redis' rdbLoadObject gives them under the
 * server's limits (a small list a listpack, a big listpack hash a hashtable, ...).
 */
public final class RdbReader {
    private static final int ENC_INT8 = 0;
    private static final int ENC_INT16 = 1;
    private static final int ENC_INT32 = 2;
    private static final int ENC_LZF = 3;
    private static final int QUICKLIST_PLAIN = 1;
    private static final int QUICKLIST_PACKED = 2;
    private static final long MAX_LZF_EXPANSION = 264;

    private final byte[] in;
    private final EncodingLimits limits;
    private int pos;

    private RdbReader(byte[] in, EncodingLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    /** The value of an opened payload ({@link DumpPayload#open}), encoded under {@code limits}. */
    public static Object read(byte[] value, EncodingLimits limits) {
        RdbReader r = new RdbReader(value, limits);
        int type = r.u8();
        return r.object(type);
    }

    private Object object(int type) {
        return switch (type) {
            case RdbType.STRING -> string();
            case RdbType.LIST -> {
                RList l = new RList(limits);
                for (long n = nonEmpty(length()); n > 0; n--) {
                    l.addLast(string());
                }
                l.settle();
                yield l;
            }
            case RdbType.LIST_QUICKLIST_2 -> quicklist();
            case RdbType.SET -> {
                RSet s = new RSet(limits);
                for (long n = nonEmpty(length()); n > 0; n--) {
                    addMember(s, string());
                }
                yield s;
            }
            case RdbType.SET_INTSET -> intset(string());
            case RdbType.SET_LISTPACK -> {
                RSet s = RSet.listpack(limits);
                for (byte[] m : nonEmpty(Listpack.entries(string()))) {
                    addMember(s, m);
                }
                yield s;
            }
            case RdbType.HASH -> {
                RHash h = new RHash(limits);
                for (long n = nonEmpty(length()); n > 0; n--) {
                    putField(h, string(), string());
                }
                yield h;
            }
            case RdbType.HASH_LISTPACK -> {
                List<byte[]> e = nonEmpty(Listpack.entries(string()));
                if (e.size() % 2 != 0) {
                    throw new RdbFormatException("odd hash listpack");
                }
                RHash h = new RHash(limits);
                for (int i = 0; i < e.size(); i += 2) {
                    putField(h, e.get(i), e.get(i + 1));
                }
                yield h;
            }
            case RdbType.ZSET, RdbType.ZSET_2 -> {
                RZSet z = new RZSet(limits);
                for (long n = nonEmpty(length()); n > 0; n--) {
                    byte[] member = string();
                    double score = type == RdbType.ZSET_2 ? binaryDouble() : stringDouble();
                    addScored(z, member, score);
                }
                z.settle();
                yield z;
            }
            case RdbType.ZSET_LISTPACK -> {
                List<byte[]> e = nonEmpty(Listpack.entries(string()));
                if (e.size() % 2 != 0) {
                    throw new RdbFormatException("odd zset listpack");
                }
                RZSet z = new RZSet(limits);
                for (int i = 0; i < e.size(); i += 2) {
                    addScored(z, e.get(i), parseScore(e.get(i + 1)));
                }
                yield z;
            }
            case StreamRdb.LISTPACKS, StreamRdb.LISTPACKS_2, StreamRdb.LISTPACKS_3 -> StreamRdb.read(type, this);
            default -> throw new RdbFormatException("unsupported RDB type " + type);
        };
    }

    private RList quicklist() {
        RList l = new RList(limits);
        for (long nodes = nonEmpty(length()); nodes > 0; nodes--) {
            long container = length();
            byte[] data = string();
            if (container == QUICKLIST_PLAIN) {
                l.addLast(data);
            } else if (container == QUICKLIST_PACKED) {
                for (byte[] e : nonEmpty(Listpack.entries(data))) {
                    l.addLast(e);
                }
            } else {
                throw new RdbFormatException("bad quicklist container");
            }
        }
        l.settle();
        return l;
    }

    /** The server's encoding limits, for the values this reader makes. */
    EncodingLimits limits() {
        return limits;
    }

    private RSet intset(byte[] blob) {
        if (blob.length < 8) {
            throw new RdbFormatException("short intset");
        }
        int width = (int) le(blob, 0, 4);
        long count = le(blob, 4, 4);
        if ((width != 2 && width != 4 && width != 8) || count <= 0 || blob.length != 8 + count * width) {
            throw new RdbFormatException("bad intset");
        }
        RSet s = new RSet(limits);
        for (int i = 0; i < count; i++) {
            long v = le(blob, 8 + i * width, width);
            v = width == 2 ? (short) v : width == 4 ? (int) v : v;
            addMember(s, Long.toString(v).getBytes(StandardCharsets.US_ASCII));
        }
        return s;
    }

    private static void addMember(RSet s, byte[] m) {
        if (!s.add(m)) {
            throw new RdbFormatException("duplicate set member");
        }
    }

    private static void putField(RHash h, byte[] field, byte[] value) {
        if (!h.put(field, value)) {
            throw new RdbFormatException("duplicate hash field");
        }
    }

    private static void addScored(RZSet z, byte[] member, double score) {
        if (Double.isNaN(score) || z.score(member) != null) {
            throw new RdbFormatException("bad or duplicate zset member");
        }
        z.put(member, score);
    }

    private static double parseScore(byte[] s) {
        try {
            double d = Double.parseDouble(new String(s, StandardCharsets.US_ASCII));
            if (Double.isNaN(d)) {
                throw new RdbFormatException("NaN score");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new RdbFormatException("bad score");
        }
    }

    private double binaryDouble() {
        need(8);
        long bits = le(in, pos, 8);
        pos += 8;
        return Double.longBitsToDouble(bits);
    }

    /** rdbLoadDoubleValue: a length byte (253 NaN, 254 +inf, 255 -inf) and ASCII digits. */
    private double stringDouble() {
        int len = u8();
        return switch (len) {
            case 253 -> throw new RdbFormatException("NaN score");
            case 254 -> Double.POSITIVE_INFINITY;
            case 255 -> Double.NEGATIVE_INFINITY;
            default -> {
                need(len);
                byte[] digits = Arrays.copyOfRange(in, pos, pos + len);
                pos += len;
                yield parseScore(digits);
            }
        };
    }

    /** rdbGenericLoadStringObject: raw bytes, an integer in 1, 2 or 4 bytes, or an LZF block. */
    byte[] string() {
        int first = u8();
        if ((first & 0xC0) == 0xC0) {
            return switch (first & 0x3F) {
                case ENC_INT8 -> decimal((byte) u8());
                case ENC_INT16 -> {
                    need(2);
                    long v = (short) le(in, pos, 2);
                    pos += 2;
                    yield decimal(v);
                }
                case ENC_INT32 -> {
                    need(4);
                    long v = (int) le(in, pos, 4);
                    pos += 4;
                    yield decimal(v);
                }
                case ENC_LZF -> {
                    long compressed = length();
                    long plain = length();
                    // LZF cannot expand one input byte to more than 264 output bytes (a back reference):
                    // a larger claim is a lie that would make us allocate gigabytes for a short payload
                    if (compressed > in.length - pos || plain == 0 || plain > compressed * MAX_LZF_EXPANSION) {
                        throw new RdbFormatException("bad LZF lengths");
                    }
                    byte[] out = Lzf.decompress(in, pos, (int) compressed, (int) plain);
                    pos += (int) compressed;
                    yield out;
                }
                default -> throw new RdbFormatException("unknown string encoding");
            };
        }
        pos--;
        long len = length();
        if (len > in.length - pos) {
            throw new RdbFormatException("string past the end");
        }
        byte[] s = Arrays.copyOfRange(in, pos, pos + (int) len);
        pos += (int) len;
        return s;
    }

    private static byte[] decimal(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    /** rdbLoadLen: 6, 14, 32 or 64 bits (special encodings are read by {@link #string}). */
    long length() {
        long v = unsignedLength();
        if (v < 0) {
            throw new RdbFormatException("length out of range");
        }
        return v;
    }

    /** rdbLoadLen with all 64 bits (stream ids, a group's entries-read). */
    long unsignedLength() {
        int first = u8();
        int kind = (first & 0xC0) >> 6;
        if (kind == 0) {
            return first & 0x3F;
        }
        if (kind == 1) {
            return ((first & 0x3FL) << 8) | u8();
        }
        if (first == 0x80) {
            need(4);
            long v = be(4);
            return v;
        }
        if (first == 0x81) {
            need(8);
            return be(8);
        }
        throw new RdbFormatException("bad length encoding");
    }

    private long be(int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (in[pos++] & 0xff);
        }
        return v;
    }

    static long le(byte[] b, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    byte[] raw(int n) {
        need(n);
        byte[] b = Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        return b;
    }

    private int u8() {
        need(1);
        return in[pos++] & 0xff;
    }

    private void need(int n) {
        if (n < 0 || pos + n > in.length) {
            throw new RdbFormatException("truncated payload");
        }
    }

    private static long nonEmpty(long n) {
        if (n == 0) {
            throw new RdbFormatException("empty collection");
        }
        return n;
    }

    private static List<byte[]> nonEmpty(List<byte[]> entries) {
        if (entries.isEmpty()) {
            throw new RdbFormatException("empty collection");
        }
        return entries;
    }

    /** Redis' listpack (listpack.c): a total length, a count, entries with back-lengths, 0xFF. */
    static final class Listpack {
        private Listpack() {}

        static List<byte[]> entries(byte[] lp) {
            if (lp.length < 7 || le(lp, 0, 4) != lp.length || (lp[lp.length - 1] & 0xff) != 0xFF) {
                throw new RdbFormatException("bad listpack header");
            }
            int declared = (int) le(lp, 4, 2);
            List<byte[]> out = new ArrayList<>();
            int p = 6;
            int end = lp.length - 1;
            while (p < end) {
                int b = lp[p] & 0xff;
                int start = p;
                byte[] value;
                if ((b & 0x80) == 0) {
                    value = decimal(b & 0x7f);
                    p += 1;
                } else if ((b & 0xC0) == 0x80) {
                    int len = b & 0x3f;
                    value = slice(lp, p + 1, len, end);
                    p += 1 + len;
                } else if ((b & 0xE0) == 0xC0) {
                    check(p, 2, end);
                    int v = ((b & 0x1f) << 8) | (lp[p + 1] & 0xff);
                    value = decimal(v >= 1 << 12 ? v - (1 << 13) : v);
                    p += 2;
                } else if ((b & 0xF0) == 0xE0) {
                    check(p, 2, end);
                    int len = ((b & 0x0f) << 8) | (lp[p + 1] & 0xff);
                    value = slice(lp, p + 2, len, end);
                    p += 2 + len;
                } else if (b == 0xF0) {
                    check(p, 5, end);
                    long len = le(lp, p + 1, 4);
                    if (len > end - p - 5) {
                        throw new RdbFormatException("listpack string past the end");
                    }
                    value = slice(lp, p + 5, (int) len, end);
                    p += 5 + (int) len;
                } else if (b >= 0xF1 && b <= 0xF4) {
                    int width = b == 0xF1 ? 2 : b == 0xF2 ? 3 : b == 0xF3 ? 4 : 8;
                    check(p, 1 + width, end);
                    long v = le(lp, p + 1, width);
                    int shift = 64 - 8 * width;
                    value = decimal((v << shift) >> shift);
                    p += 1 + width;
                } else {
                    throw new RdbFormatException("bad listpack entry");
                }
                int encoded = p - start;
                int backlen =
                        encoded <= 127 ? 1 : encoded < 16383 ? 2 : encoded < 2097151 ? 3 : encoded < 268435455 ? 4 : 5;
                p += backlen;
                if (p > end) {
                    throw new RdbFormatException("listpack entry past the end");
                }
                out.add(value);
            }
            if (declared != 0xFFFF && declared != out.size()) {
                throw new RdbFormatException("listpack count mismatch");
            }
            return out;
        }

        private static void check(int p, int n, int end) {
            if (p + n > end) {
                throw new RdbFormatException("listpack entry past the end");
            }
        }

        private static byte[] slice(byte[] lp, int from, int len, int end) {
            if (from + len > end) {
                throw new RdbFormatException("listpack string past the end");
            }
            return Arrays.copyOfRange(lp, from, from + len);
        }
    }
}
