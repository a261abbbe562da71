package dev.minicloud.internal.aws.chunked;

import io.netty.buffer.ByteBuf;

/**
 * Receives what an {@link AwsChunkedDecoder} finds, in order: for each chunk a header, its data
 * (in as many pieces as it arrived), its end; after the final zero-length chunk the trailers, then
 * the end of the body. Buffers are borrowed: copy or {@code retain()} what must outlive the call.
 * Any method may throw an {@link dev.minicloud.internal.aws.AwsException} to reject the body.
 */
public interface ChunkListener {

    /** A chunk starts; {@code signature} is its {@code chunk-signature} extension, or {@code null}. */
    default void chunkStart(long size, String signature) {}

    /** Decoded payload bytes of the current chunk (never framing). */
    void chunkData(ByteBuf data);

    /** The current chunk's data is complete (also called for the final zero-length chunk). */
    default void chunkEnd() {}

    /** One trailer line, {@code name} lower-cased and {@code value} trimmed. */
    default void trailer(String name, String value) {}

    /** The body ended properly (final chunk, trailers, blank line). */
    default void end() {}
}
