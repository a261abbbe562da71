package dev.minicloud.internal.http;

/**
 * A service's entry point on the edge HTTP port. Called on the event loop with the request head;
 * returns the consumer of the request body, which is streamed to it chunk by chunk.
 */
@FunctionalInterface
public interface EdgeHandler {
    BodyHandler onRequest(EdgeRequest request);

    /**
     * Whether an unsigned cross-site "simple" write (one a web page sends without a preflight) may
     * reach this handler although the edge refuses such writes by default: S3 admits those its
     * bucket's CORS rules allow, the configuration a user writes for exactly that.
     */
    default boolean admitsCrossSiteWrite(EdgeRequest request) {
        return false;
    }
}
