package dev.minicloud.kv.internal.rdb;

/** LZF decompression (liblzf's lzf_d.c), as Redis compresses long strings in RDB payloads; bounds-checked. */
final class Lzf {
    private Lzf() {}

    static byte[] decompress(byte[] in, int from, int length, int plainLength) {
        byte[] out = new byte[plainLength];
        int ip = from;
        int end = from + length;
        int op = 0;
        while (ip < end) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < 1 << 5) {
                int run = ctrl + 1;
                if (op + run > out.length || ip + run > end) {
                    throw new RdbFormatException("LZF literal past the end");
                }
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
            } else {
                int len = ctrl >> 5;
                int ref = op - ((ctrl & 0x1f) << 8) - 1;
                if (len == 7) {
                    if (ip >= end) {
                        throw new RdbFormatException("LZF truncated");
                    }
                    len += in[ip++] & 0xff;
                }
                if (ip >= end) {
                    throw new RdbFormatException("LZF truncated");
                }
                ref -= in[ip++] & 0xff;
                len += 2;
                if (ref < 0 || op + len > out.length) {
                    throw new RdbFormatException("LZF back reference out of range");
                }
                for (int i = 0; i < len; i++) {
                    out[op++] = out[ref++];
                }
            }
        }
        if (op != out.length) {
            throw new RdbFormatException("LZF length mismatch");
        }
        return out;
    }
}
