package dev.minicloud.internal.aws.checksum;

import java.nio.ByteBuffer;
import java.util.zip.Checksum;

/** A {@link Checksummer} over a {@code java.util.zip.Checksum} CRC, emitting its big-endian bytes. */
final class CrcChecksummer extends Checksummer {
    private final Checksum crc;
    private final int widthBytes;

    CrcChecksummer(Checksum crc, int widthBytes) {
        this.crc = crc;
        this.widthBytes = widthBytes;
    }

    @Override
    public Checksummer update(byte[] bytes, int offset, int length) {
        crc.update(bytes, offset, length);
        return this;
    }

    @Override
    public Checksummer update(ByteBuffer buffer) {
        crc.update(buffer);
        return this;
    }

    @Override
    public byte[] digest() {
        return CrcMath.toBytes(crc.getValue(), widthBytes);
    }
}
