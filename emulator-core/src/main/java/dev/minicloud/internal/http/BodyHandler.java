package dev.minicloud.internal.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Receives one request's body as it arrives, on the event loop. Buffers passed to
 * {@link #onContent} are borrowed: copy or {@code retain()} what must outlive the call.
 */
public interface BodyHandler {

    /** A handler for requests whose body is ignored (or that have none). */
    BodyHandler DISCARD = new BodyHandler() {
        @Override
        public void onContent(ByteBuf chunk) {
            // the body of a request that has already been answered is dropped
        }

        @Override
        public void onEnd(HttpHeaders trailers) {
            // nothing was buffered
        }
    };

    void onContent(ByteBuf chunk);

    /** The body is complete; {@code trailers} holds HTTP trailers (rare: clients send checksums in-body). */
    void onEnd(HttpHeaders trailers);

    /** The connection closed before the body was complete; release anything held. */
    default void onAbort() {}
}
