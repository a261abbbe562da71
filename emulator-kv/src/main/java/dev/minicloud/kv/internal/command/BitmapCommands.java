package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.CommandHandler;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.KeySpec;
import dev.minicloud.kv.internal.engine.Notifications;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.Encoding;
import dev.minicloud.kv.internal.wire.Numbers;
import java.util.Arrays;
import java.util.Locale;

/** SETBIT, GETBIT, BITCOUNT, BITPOS and BITOP on string values (bit 0 is the MSB of byte 0). */
final class BitmapCommands {
    private static final long MAX_BIT = 512L * 1024 * 1024 * 8 - 1;

    private BitmapCommands() {}

    static void register(CommandTable t) {
        String g = "bitmap";
        t.add(
                        "setbit",
                        4,
                        "write denyoom",
                        1,
                        1,
                        1,
                        g,
                        "Sets or clears the bit at offset of the string value. Creates the key if it doesn't exist.",
                        Handler.SETBIT)
                .keys(KeySpec.range("RW access update", 1, 0, 1));
        t.add("getbit", 3, "readonly fast", 1, 1, 1, g, "Returns a bit value by offset.", Handler.GETBIT)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "bitcount",
                        -2,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Counts the number of set bits (population counting) in a string.",
                        Handler.BITCOUNT)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "bitpos",
                        -3,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Finds the first set (1) or clear (0) bit in a string.",
                        Handler.BITPOS)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "bitop",
                        -4,
                        "write denyoom",
                        2,
                        -1,
                        1,
                        g,
                        "Performs bitwise operations on multiple strings, and stores the result.",
                        Handler.BITOP)
                .keys(KeySpec.range("OW update", 2, 0, 1), KeySpec.range("RO access", 3, -1, 1));
    }

    private static void setbit(Call c) {
        long offset = bitOffset(c, 2);
        Long bit = Numbers.parseLong(c.arg(3));
        if (bit == null || (bit != 0 && bit != 1)) {
            throw new RespError("ERR bit is not an integer or out of range");
        }
        byte[] old = c.string(c.write(c.arg(1)));
        int byteIdx = (int) (offset >> 3);
        byte[] v = old == null ? new byte[byteIdx + 1] : Arrays.copyOf(old, Math.max(old.length, byteIdx + 1));
        int mask = 1 << (7 - (int) (offset & 7));
        int prev = (v[byteIdx] & mask) != 0 ? 1 : 0;
        if (bit == 1) {
            v[byteIdx] |= (byte) mask;
        } else {
            v[byteIdx] &= (byte) ~mask;
        }
        c.db().put(c.arg(1), v, true).stringEncoding(Encoding.RAW);
        c.modified(c.arg(1));
        c.notify(Notifications.STRING, "setbit", c.arg(1));
        c.out().integer(prev);
    }

    private static void getbit(Call c) {
        long offset = bitOffset(c, 2);
        byte[] v = c.string(c.read(c.arg(1)));
        int byteIdx = (int) (offset >> 3);
        if (v == null || byteIdx >= v.length) {
            c.out().integer(0);
            return;
        }
        c.out().integer((v[byteIdx] >> (7 - (int) (offset & 7))) & 1);
    }

    private static long bitOffset(Call c, int i) {
        Long v = Numbers.parseLong(c.arg(i));
        if (v == null || v < 0 || v > MAX_BIT) {
            throw new RespError("ERR bit offset is not an integer or out of range");
        }
        return v;
    }

    private static boolean bitAt(byte[] v, long bit) {
        return ((v[(int) (bit >> 3)] >> (7 - (int) (bit & 7))) & 1) != 0;
    }

    private static void bitcount(Call c) {
        boolean bits = false;
        long start = 0;
        long end = -1;
        if (c.argc() == 3 || c.argc() > 5) {
            throw RespError.syntax();
        }
        if (c.argc() >= 4) {
            start = c.longArg(2);
            end = c.longArg(3);
            if (c.argc() == 5) {
                bits = c.either(4, "BIT", "BYTE");
            }
        }
        byte[] v = c.string(c.read(c.arg(1)));
        if (v == null) {
            c.out().integer(0);
            return;
        }
        IndexRange r = IndexRange.ofBytes(start, end, bits ? v.length * 8L : v.length);
        long n = 0;
        if (r != null) {
            if (bits) {
                for (long b = r.first(); b <= r.last(); b++) {
                    if (bitAt(v, b)) {
                        n++;
                    }
                }
            } else {
                for (long i = r.first(); i <= r.last(); i++) {
                    n += Integer.bitCount(v[(int) i] & 0xff);
                }
            }
        }
        c.out().integer(n);
    }

    private static void bitpos(Call c) {
        Long bitArg = Numbers.parseLong(c.arg(2));
        if (bitArg == null || (bitArg != 0 && bitArg != 1)) {
            throw new RespError("ERR The bit argument must be 1 or 0.");
        }
        boolean want = bitArg == 1;
        boolean bits = false;
        long start = 0;
        long end = -1;
        boolean endGiven = false;
        if (c.argc() > 6) {
            throw RespError.syntax();
        }
        if (c.argc() >= 4) {
            start = c.longArg(3);
        }
        if (c.argc() >= 5) {
            end = c.longArg(4);
            endGiven = true;
        }
        if (c.argc() == 6) {
            bits = c.either(5, "BIT", "BYTE");
        }
        byte[] v = c.string(c.read(c.arg(1)));
        if (v == null) {
            c.out().integer(want ? -1 : 0);
            return;
        }
        IndexRange r = IndexRange.ofBytes(start, end, bits ? v.length * 8L : v.length);
        if (r == null) {
            c.out().integer(-1);
            return;
        }
        long fromBit = bits ? r.first() : r.first() * 8;
        long toBit = bits ? r.last() : r.last() * 8 + 7;
        for (long b = fromBit; b <= toBit; b++) {
            if (bitAt(v, b) == want) {
                c.out().integer(b);
                return;
            }
        }
        // looking for a clear bit without an explicit end: the string is padded with zeros
        c.out().integer(!want && !endGiven ? toBit + 1 : -1);
    }

    private static void bitop(Call c) {
        String op = c.str(1).toUpperCase(Locale.ROOT);
        if (!op.equals("AND") && !op.equals("OR") && !op.equals("XOR") && !op.equals("NOT")) {
            throw RespError.syntax();
        }
        if (op.equals("NOT") && c.argc() != 4) {
            throw new RespError("ERR BITOP NOT must be called with a single source key.");
        }
        byte[][] srcs = new byte[c.argc() - 3][];
        int max = 0;
        for (int i = 3; i < c.argc(); i++) {
            byte[] v = c.string(c.read(c.arg(i)));
            srcs[i - 3] = v == null ? new byte[0] : v;
            max = Math.max(max, srcs[i - 3].length);
        }
        byte[] out = new byte[max];
        for (int j = 0; j < max; j++) {
            int acc = j < srcs[0].length ? srcs[0][j] & 0xff : 0;
            if (op.equals("NOT")) {
                acc = ~acc & 0xff;
            }
            for (int k = 1; k < srcs.length; k++) {
                int b = j < srcs[k].length ? srcs[k][j] & 0xff : 0;
                acc = switch (op) {
                    case "AND" -> acc & b;
                    case "OR" -> acc | b;
                    default -> acc ^ b;
                };
            }
            out[j] = (byte) acc;
        }
        byte[] dst = c.arg(2);
        if (max == 0) {
            if (c.db().delete(dst)) {
                c.notify(Notifications.GENERIC, "del", dst);
            }
        } else {
            c.db().put(dst, out, false).stringEncoding(Encoding.RAW);
            c.notify(Notifications.STRING, "set", dst);
        }
        c.modified(dst);
        c.out().integer(max);
    }

    /**
     * The handlers of the rows above, one constant each, run through one switch: a lambda or method
     * reference per row would cost an invokedynamic bootstrap (a spun class) each at start.
     */
    private enum Handler implements CommandHandler {
        SETBIT,
        GETBIT,
        BITCOUNT,
        BITPOS,
        BITOP;

        @Override
        public void run(Call c) {
            switch (this) {
                case SETBIT -> BitmapCommands.setbit(c);
                case GETBIT -> BitmapCommands.getbit(c);
                case BITCOUNT -> BitmapCommands.bitcount(c);
                case BITPOS -> BitmapCommands.bitpos(c);
                case BITOP -> BitmapCommands.bitop(c);
            }
        }
    }
}
