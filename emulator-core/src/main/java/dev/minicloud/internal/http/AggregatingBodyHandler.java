package dev.minicloud.internal.http;

import dev.minicloud.internal.aws.AwsException;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * Collects a small control-plane body (Route 53 change batches, S3 configuration documents) up to a
 * bound, then hands the bytes over. A body over the bound is answered with the given error at once,
 * and the rest of it is dropped without being stored.
 */
public final class AggregatingBodyHandler implements BodyHandler {
    private final EdgeRequest request;
    private final int maxBytes;
    private final AwsException tooLarge;
    private final Consumer<byte[]> onBody;
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    public AggregatingBodyHandler(EdgeRequest request, int maxBytes, AwsException tooLarge, Consumer<byte[]> onBody) {
        this.request = request;
        this.maxBytes = maxBytes;
        this.tooLarge = tooLarge;
        this.onBody = onBody;
    }

    @Override
    public void onContent(ByteBuf chunk) {
        if (buffer == null) {
            return;
        }
        if (buffer.size() + chunk.readableBytes() > maxBytes) {
            buffer = null;
            request.respondError(tooLarge);
            return;
        }
        byte[] bytes = new byte[chunk.readableBytes()];
        chunk.getBytes(chunk.readerIndex(), bytes);
        buffer.write(bytes, 0, bytes.length);
    }

    @Override
    public void onEnd(HttpHeaders trailers) {
        if (buffer == null) {
            return;
        }
        byte[] bytes = buffer.toByteArray();
        buffer = null;
        onBody.accept(bytes);
    }

    @Override
    public void onAbort() {
        buffer = null;
    }
}
