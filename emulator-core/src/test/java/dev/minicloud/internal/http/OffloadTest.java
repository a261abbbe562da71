package dev.minicloud.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.AwsProtocol;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** Core's one offload policy, per protocol: AWS errors as thrown, bugs as a bare 500, a full pool as 503. */
class OffloadTest {

    /** The response to one request routed to a handler that offloads {@code work} onto {@code executor}. */
    private static FullHttpResponse answer(AwsProtocol protocol, Executor executor, Runnable work) {
        Offload offload = new Offload(executor);
        EdgeRouter router = new EdgeRouter();
        router.register(new EdgeRoute("test", Set.of(), null, true, protocol, request -> {
            offload.run(request, work);
            return BodyHandler.DISCARD;
        }));
        EmbeddedChannel channel =
                new EmbeddedChannel(new EdgeDispatcher(router, Clock.systemUTC(), key -> "000000000000"));
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/x"));
        FullHttpResponse response = channel.readOutbound();
        assertFalse(channel.finish());
        return response;
    }

    private static String body(FullHttpResponse r) {
        try {
            return r.content().toString(StandardCharsets.UTF_8);
        } finally {
            r.release();
        }
    }

    @Test
    void aBugOnTheWorkerIsA500WithoutItsText() {
        FullHttpResponse r = answer(AwsProtocol.S3_XML, Runnable::run, () -> {
            throw new IllegalStateException("secret-internal-detail");
        });
        assertEquals(500, r.status().code());
        String body = body(r);
        assertTrue(
                body.contains("<Code>InternalError</Code><Message>We encountered an internal error. Please try again."
                        + "</Message>"),
                body);
        assertFalse(body.contains("secret-internal-detail"), body);
    }

    @Test
    void route53GetsItsOwnInternalFailure() {
        FullHttpResponse r = answer(AwsProtocol.ROUTE53_XML, Runnable::run, () -> {
            throw new IllegalStateException("secret-internal-detail");
        });
        assertEquals(500, r.status().code());
        String body = body(r);
        assertTrue(body.contains("<Type>Receiver</Type><Code>InternalFailure</Code>"), body);
        assertFalse(body.contains("secret-internal-detail"), body);
    }

    @Test
    void anAwsErrorIsAnsweredAsThrown() {
        FullHttpResponse r = answer(AwsProtocol.S3_XML, Runnable::run, () -> {
            throw new AwsException(409, "Conflict", "as thrown");
        });
        assertEquals(409, r.status().code());
        assertTrue(body(r).contains("<Code>Conflict</Code><Message>as thrown</Message>"));
    }

    @Test
    void aSaturatedPoolIs503SlowDownForS3AndServiceUnavailableElsewhere() {
        Executor full = task -> {
            throw new RejectedExecutionException("queue full");
        };
        FullHttpResponse s3 = answer(AwsProtocol.S3_XML, full, () -> {});
        assertEquals(503, s3.status().code());
        assertTrue(body(s3).contains("<Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"));
        FullHttpResponse route53 = answer(AwsProtocol.ROUTE53_XML, full, () -> {});
        assertEquals(503, route53.status().code());
        assertTrue(body(route53).contains("<Code>ServiceUnavailable</Code>"));
    }
}
