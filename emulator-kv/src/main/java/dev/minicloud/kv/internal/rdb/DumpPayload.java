package dev.minicloud.kv.internal.rdb;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The envelope of a DUMP payload: the serialized value, the RDB version it was written with (two
 * bytes, little-endian) and Redis' CRC-64/Jones of both (eight bytes, little-endian).
 */
public final class DumpPayload {
    /** The RDB version of Redis 7.0, the newest whose encodings this codec reads and writes. */
    public static final int RDB_VERSION = 10;
    /** Redis 7.2 and 7.4 write 11 and 12 but only with encodings we decode (set listpacks): accepted. */
    static final int NEWEST_READABLE = 12;

    private DumpPayload() {}

    @SuppressWarnings("ErroneousBitwiseExpression") // the version's high byte, zero for every version so far
    public static byte[] seal(byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 10);
        out.writeBytes(value);
        out.write(RDB_VERSION & 0xff);
        out.write((RDB_VERSION >>> 8) & 0xff);
        byte[] body = out.toByteArray();
        long crc = Crc64Jones.of(body, 0, body.length);
        for (int i = 0; i < 8; i++) {
            out.write((int) (crc >>> (8 * i)) & 0xff);
        }
        return out.toByteArray();
    }

    /** The value bytes of a payload whose version and checksum hold, else {@code null} (Redis' verifyDumpPayload). */
    public static byte[] open(byte[] payload) {
        if (payload.length < 10) {
            return null;
        }
        int version = (payload[payload.length - 10] & 0xff) | (payload[payload.length - 9] & 0xff) << 8;
        if (version > NEWEST_READABLE) {
            return null;
        }
        long crc = Crc64Jones.of(payload, 0, payload.length - 8);
        for (int i = 0; i < 8; i++) {
            if ((byte) (crc >>> (8 * i)) != payload[payload.length - 8 + i]) {
                return null;
            }
        }
        return Arrays.copyOf(payload, payload.length - 10);
    }
}
