package dev.minicloud.internal.aws.checksum;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * An incremental checksum or digest over a stream of bytes: feed it {@link ByteBuf}s or arrays as
 * they arrive (nothing is copied or buffered), then read the result once. One instance per body;
 * not thread-safe. Obtain one from {@link ChecksumAlgorithm#newChecksummer()} or {@link #md5()}.
 */
public abstract class Checksummer {

    Checksummer() {}

    /** A fresh MD5 digest (for ETags and {@code Content-MD5}). */
    public static Checksummer md5() {
        return new DigestChecksummer("MD5");
    }

    /** Updates with the readable bytes of {@code buf}; does not move its reader index. */
    public final Checksummer update(ByteBuf buf) {
        int len = buf.readableBytes();
        if (len == 0) {
            return this;
        }
        if (buf.hasArray()) {
            update(buf.array(), buf.arrayOffset() + buf.readerIndex(), len);
        } else if (buf.nioBufferCount() > 0) {
            // Composite and direct buffers expose their memory as NIO views: no copy.
            for (ByteBuffer nio : buf.nioBuffers(buf.readerIndex(), len)) {
                update(nio);
            }
        } else {
            byte[] tmp = new byte[Math.min(len, 8192)];
            for (int i = buf.readerIndex(), end = i + len; i < end; ) {
                int n = Math.min(tmp.length, end - i);
                buf.getBytes(i, tmp, 0, n);
                update(tmp, 0, n);
                i += n;
            }
        }
        return this;
    }

    public final Checksummer update(byte[] bytes) {
        return update(bytes, 0, bytes.length);
    }

    public abstract Checksummer update(byte[] bytes, int offset, int length);

    /** Updates with the remaining bytes of {@code buffer}, consuming them. */
    public abstract Checksummer update(ByteBuffer buffer);

    /**
     * The checksum of everything fed so far, big-endian, as AWS sends it (4 bytes for CRC32/CRC32C,
     * 8 for CRC64NVME, 20 for SHA-1, 32 for SHA-256, 16 for MD5). Call once.
     */
    public abstract byte[] digest();

    /** {@link #digest()} in base64, the form of {@code x-amz-checksum-*} headers. Call once. */
    public final String base64() {
        return Base64.getEncoder().encodeToString(digest());
    }
}
