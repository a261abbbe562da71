package dev.minicloud.internal.aws.chunked;

import io.netty.buffer.ByteBuf;

/**
 * A {@link PayloadSink} that copies the decoded bytes into arrays of its own (a store's pages) and
 * says where each piece landed. The {@link PayloadDecoder} then computes MD5 and the checksums over
 * those copies, right after they are written and still in the CPU cache, instead of reading the
 * network buffer once per checksum and once more for the copy (the JDK's digests would also copy a
 * direct buffer into a scratch array of their own first).
 */
@FunctionalInterface
public interface CopyingPayloadSink extends PayloadSink {

    /** Receives each region the sink copied bytes into, in body order. */
    @FunctionalInterface
    interface Copied {
        void region(byte[] array, int offset, int length);
    }

    /**
     * Copies the readable bytes of {@code data} (borrowed; its reader index is not moved), calling
     * {@code copied} for every region written, in order, covering exactly those bytes.
     */
    void copy(ByteBuf data, Copied copied);

    @Override
    default void onData(ByteBuf data) {
        copy(data, (array, offset, length) -> {});
    }
}
