package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.KeyFinder;
import dev.minicloud.kv.internal.engine.KeySpec;
import dev.minicloud.kv.internal.engine.Notifications;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.Encoding;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BITFIELD and BITFIELD_RO (bitops.c): signed and unsigned integers of 1 to 64 bits (u64 excepted)
 * at any bit offset of a string, big-endian bit order as SETBIT's, read, written and incremented
 * with Redis' three overflow policies. Every operation is parsed before any is run, so a bad
 * argument changes nothing.
 */
final class BitfieldCommands {
    /** Offsets stop where a string of proto-max-bulk-len (512 MB) ends, as in Redis. */
    private static final long MAX_OFFSET_BYTES = 512L * 1024 * 1024;

    private BitfieldCommands() {}

    private enum Overflow {
        WRAP,
        SAT,
        FAIL
    }

    private enum OpCode {
        GET,
        SET,
        INCRBY
    }

    private record Op(OpCode code, boolean signed, int bits, long offset, long value, Overflow overflow) {}

    static void register(CommandTable t) {
        String g = "bitmap";
        t.add(
                        "bitfield",
                        -2,
                        "write denyoom",
                        1,
                        1,
                        1,
                        g,
                        "Performs arbitrary bitfield integer operations on strings.",
                        c -> bitfield(c, Access.READ_WRITE))
                .keys(KeySpec.range("RW access update variable_flags", 1, 0, 1)
                        .notes("This command allows both access and modification of the key"))
                .keys(BitfieldCommands::keys);
        t.add(
                        "bitfield_ro",
                        -2,
                        "readonly fast",
                        1,
                        1,
                        1,
                        g,
                        "Performs arbitrary read-only bitfield integer operations on strings.",
                        c -> bitfield(c, Access.READ_ONLY))
                .keys(KeySpec.range("RO access", 1, 0, 1));
    }

    /**
     * BITFIELD's key with Redis' {@code bitfieldGetKeys} flags: read-only while every operation is a
     * GET (or OVERFLOW), read-write once one SETs or INCRBYs (or does not parse).
     */
    private static List<KeyFinder.Found> keys(byte[][] argv, int argc) {
        boolean readOnly = true;
        for (int i = 2; i < argc && readOnly; i++) {
            String arg = new String(argv[i], StandardCharsets.ISO_8859_1);
            int remaining = argc - i - 1;
            if (arg.equalsIgnoreCase("GET") && remaining >= 2) {
                i += 2;
            } else if (arg.equalsIgnoreCase("OVERFLOW") && remaining >= 1) {
                i += 1;
            } else {
                readOnly = false;
            }
        }
        return List.of(new KeyFinder.Found(1, readOnly ? List.of("RO", "access") : List.of("RW", "access", "update")));
    }

    /** BITFIELD may SET and INCRBY; BITFIELD_RO only GETs. */
    private enum Access {
        READ_WRITE,
        READ_ONLY
    }

    private static void bitfield(Call c, Access access) {
        boolean readOnly = access == Access.READ_ONLY;
        List<Op> ops = new ArrayList<>();
        Overflow overflow = Overflow.WRAP;
        long highestWrite = -1;
        for (int j = 2; j < c.argc(); j++) {
            int left = c.argc() - j - 1;
            OpCode code;
            if (c.is(j, "GET") && left >= 2) {
                code = OpCode.GET;
            } else if (c.is(j, "SET") && left >= 3) {
                code = OpCode.SET;
            } else if (c.is(j, "INCRBY") && left >= 3) {
                code = OpCode.INCRBY;
            } else if (c.is(j, "OVERFLOW") && left >= 1) {
                j++;
                if (c.is(j, "WRAP")) {
                    overflow = Overflow.WRAP;
                } else if (c.is(j, "SAT")) {
                    overflow = Overflow.SAT;
                } else if (c.is(j, "FAIL")) {
                    overflow = Overflow.FAIL;
                } else {
                    throw new RespError("ERR Invalid OVERFLOW type specified");
                }
                continue;
            } else {
                throw RespError.syntax();
            }
            String type = c.str(j + 1);
            boolean signed = !type.isEmpty() && (type.charAt(0) == 'i' || type.charAt(0) == 'I');
            int bits = bits(type);
            long offset = offset(c.str(j + 2), bits);
            long value = 0;
            if (code != OpCode.GET) {
                value = c.longArg(j + 3);
                highestWrite = Math.max(highestWrite, offset + bits - 1);
            }
            ops.add(new Op(code, signed, bits, offset, value, overflow));
            j += code == OpCode.GET ? 2 : 3;
        }
        if (readOnly && highestWrite >= 0) {
            throw new RespError("ERR BITFIELD_RO only supports the GET subcommand");
        }
        byte[] old = c.string(highestWrite >= 0 ? c.write(c.arg(1)) : c.read(c.arg(1)));
        byte[] v = old;
        boolean grown = false;
        if (highestWrite >= 0) {
            int needed = (int) ((highestWrite >> 3) + 1);
            if (old == null || old.length < needed) {
                v = old == null ? new byte[needed] : Arrays.copyOf(old, needed);
                grown = true;
            } else {
                v = old.clone(); // values may be shared: write a copy
            }
        }
        RespWriter w = c.out();
        w.array(ops.size());
        int changes = 0;
        for (Op op : ops) {
            long current = read(v, op.offset, op.bits, op.signed);
            if (op.code == OpCode.GET) {
                w.integer(current);
                continue;
            }
            long[] limit = new long[1];
            long newValue;
            boolean overflowed;
            long reply;
            if (op.code == OpCode.INCRBY) {
                overflowed = op.signed
                        ? signedOverflow(current, op.value, op.bits, op.overflow, limit) != 0
                        : unsignedOverflow(current, op.value, op.bits, op.overflow, limit) != 0;
                newValue = overflowed ? limit[0] : current + op.value;
                if (!op.signed && !overflowed) {
                    newValue &= mask(op.bits);
                }
                reply = newValue;
            } else {
                overflowed = op.signed
                        ? signedOverflow(op.value, 0, op.bits, op.overflow, limit) != 0
                        : unsignedOverflow(op.value, 0, op.bits, op.overflow, limit) != 0;
                newValue = overflowed ? limit[0] : op.value;
                reply = current;
            }
            if (overflowed && op.overflow == Overflow.FAIL) {
                w.nullBulk();
                continue;
            }
            w.integer(reply);
            write(v, op.offset, op.bits, newValue);
            changes++;
        }
        if (highestWrite >= 0 && (changes > 0 || grown)) {
            c.db().put(c.arg(1), v, true).stringEncoding(Encoding.RAW);
            c.modified(c.arg(1));
            c.notify(Notifications.STRING, "setbit", c.arg(1));
        }
    }

    private static int bits(String type) {
        int bits = -1;
        if (type.length() >= 2
                && (type.charAt(0) == 'i' || type.charAt(0) == 'I' || type.charAt(0) == 'u' || type.charAt(0) == 'U')
                && type.length() <= 3
                && type.substring(1).chars().allMatch(Character::isDigit)) {
            bits = Integer.parseInt(type.substring(1));
        }
        boolean signed = !type.isEmpty() && (type.charAt(0) == 'i' || type.charAt(0) == 'I');
        if (bits < 1 || (signed && bits > 64) || (!signed && bits > 63)) {
            throw new RespError(
                    "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.");
        }
        return bits;
    }

    /** A bit offset, or {@code #N}: the N-th field of this type. */
    private static long offset(String s, int bits) {
        boolean hash = s.startsWith("#");
        String digits = hash ? s.substring(1) : s;
        long v;
        try {
            v = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new RespError("ERR bit offset is not an integer or out of range");
        }
        if (hash) {
            v = v > Long.MAX_VALUE / bits ? -1 : v * bits;
        }
        if (v < 0 || (v >> 3) >= MAX_OFFSET_BYTES) {
            throw new RespError("ERR bit offset is not an integer or out of range");
        }
        return v;
    }

    private static long mask(int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    /** The field's value; bits past the end of the string read as zero. */
    private static long read(byte[] v, long offset, int bits, boolean signed) {
        long value = 0;
        for (int i = 0; i < bits; i++) {
            long bit = offset + i;
            int idx = (int) (bit >> 3);
            int b = v == null || idx >= v.length ? 0 : (v[idx] >> (7 - (int) (bit & 7))) & 1;
            value = (value << 1) | b;
        }
        if (signed && bits < 64 && (value & (1L << (bits - 1))) != 0) {
            value |= -1L << bits;
        }
        return value;
    }

    private static void write(byte[] v, long offset, int bits, long value) {
        for (int i = 0; i < bits; i++) {
            long bit = offset + i;
            int idx = (int) (bit >> 3);
            int shift = 7 - (int) (bit & 7);
            int b = (int) ((value >>> (bits - 1 - i)) & 1);
            v[idx] = (byte) (b == 1 ? v[idx] | (1 << shift) : v[idx] & ~(1 << shift));
        }
    }

    /** checkSignedBitfieldOverflow: 1 up, -1 down, 0 none; {@code limit[0]} is the value to store. */
    private static int signedOverflow(long value, long incr, int bits, Overflow policy, long[] limit) {
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        long min = -max - 1;
        long maxIncr = max - value;
        long minIncr = min - value;
        if (value > max || (bits != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr)) {
            limit[0] = policy == Overflow.WRAP ? wrapSigned(value, incr, bits) : max;
            return 1;
        }
        if (value < min || (bits != 64 && incr < minIncr) || (value < 0 && incr < 0 && incr < minIncr)) {
            limit[0] = policy == Overflow.WRAP ? wrapSigned(value, incr, bits) : min;
            return -1;
        }
        return 0;
    }

    private static long wrapSigned(long value, long incr, int bits) {
        long c = value + incr;
        if (bits < 64) {
            long m = -1L << bits;
            c = (c & (1L << (bits - 1))) != 0 ? c | m : c & ~m;
        }
        return c;
    }

    /** checkUnsignedBitfieldOverflow, on the value as an unsigned 64-bit number. */
    private static int unsignedOverflow(long value, long incr, int bits, Overflow policy, long[] limit) {
        long max = (1L << bits) - 1; // bits <= 63
        long maxIncr = max - value;
        long minIncr = -value;
        if (Long.compareUnsigned(value, max) > 0 || (incr > 0 && incr > maxIncr)) {
            limit[0] = policy == Overflow.WRAP ? (value + incr) & max : max;
            return 1;
        }
        if (incr < 0 && incr < minIncr) {
            limit[0] = policy == Overflow.WRAP ? (value + incr) & max : 0;
            return -1;
        }
        return 0;
    }
}
