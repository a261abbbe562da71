package dev.minicloud.core.http;

/**
 * A service's entry point on the edge HTTP port. Called on the event loop with the request head;
 * returns the consumer of the request body, which is streamed to it chunk by chunk.
 */
@FunctionalInterface
public interface EdgeHandler {
    BodyHandler onRequest(EdgeRequest request);
}
