package dev.minicloud.core.testservice;

import dev.minicloud.MiniCloudStartException;
import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.AwsProtocol;
import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.http.EdgeRoute;
import dev.minicloud.spi.AuthMode;
import dev.minicloud.spi.OptionSpec;
import dev.minicloud.spi.Service;
import dev.minicloud.spi.ServiceContext;
import dev.minicloud.spi.ServiceProvider;
import dev.minicloud.spi.ValueParsers;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A service that exists only in core's tests: it takes the edge fallback route and the signing name
 * {@code echo}, streams request bodies and answers with their length, so routing, streaming and
 * errors are tested without any real service module.
 */
public final class EchoServiceProvider implements ServiceProvider {
    @Override
    public String name() {
        return "echo";
    }

    /** Makes start() fail, to test start-up rollback. */
    public static final OptionSpec<Boolean> FAIL_START =
            OptionSpec.of("echo-fail-start", ValueParsers.bool(), false, "make start() fail (tests startup rollback)");
    /** A service auth setting like s3-auth: the admin API is strict when any {@code <service>-auth} is. */
    public static final OptionSpec<AuthMode> AUTH = OptionSpec.of(
            "echo-auth",
            ValueParsers.enumOf(AuthMode.class),
            AuthMode.LENIENT,
            "signature checking of the echo service (tests the admin API's strict mode)");

    @Override
    public List<OptionSpec<?>> options() {
        return List.of(FAIL_START, AUTH);
    }

    @Override
    public Service create(ServiceContext context) {
        return new EchoService(context);
    }

    static final class EchoService implements Service {
        private final ServiceContext context;
        private final AtomicLong requests = new AtomicLong();

        EchoService(ServiceContext context) {
            this.context = context;
            context.edge()
                    .register(
                            new EdgeRoute("echo", Set.of("echo"), "/echo/", true, AwsProtocol.S3_XML, this::onRequest));
        }

        private BodyHandler onRequest(EdgeRequest request) {
            requests.incrementAndGet();
            if (request.rawPath().startsWith("/echo/fail")) {
                throw new AwsException(404, "NoSuchThing", "The thing does not exist").with("Thing", "fail");
            }
            if (request.rawPath().startsWith("/echo/crash")) {
                throw new IllegalStateException("a bug inside a service");
            }
            if (request.rawPath().startsWith("/echo/worker-crash")) {
                context.offload().run(request, () -> {
                    throw new IllegalStateException("secret-internal-detail");
                });
                return BodyHandler.DISCARD;
            }
            return new BodyHandler() {
                private long length;

                @Override
                public void onContent(ByteBuf chunk) {
                    length += chunk.readableBytes();
                }

                @Override
                public void onEnd(HttpHeaders trailers) {
                    String body = "path=" + request.path() + " account=" + request.account() + " length=" + length
                            + " requests=" + requests.get();
                    request.respond(HttpResponseStatus.OK, "text/plain", body.getBytes(StandardCharsets.UTF_8));
                }
            };
        }

        @Override
        public String name() {
            return "echo";
        }

        @Override
        public void start() {
            if (context.config().get(FAIL_START)) {
                throw new MiniCloudStartException("echo was asked to fail", null);
            }
        }

        @Override
        public String endpoint() {
            return context.edgeEndpoint().toString();
        }

        @Override
        public void reset() {
            requests.set(0);
        }

        @Override
        public void close() {
            // nothing of its own
        }
    }
}
