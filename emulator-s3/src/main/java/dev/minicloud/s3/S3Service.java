package dev.minicloud.s3;

import dev.minicloud.core.aws.AwsException;
import dev.minicloud.core.aws.AwsProtocol;
import dev.minicloud.core.http.BodyHandler;
import dev.minicloud.core.http.EdgeRequest;
import dev.minicloud.core.http.EdgeRoute;
import dev.minicloud.core.xml.XmlWriter;
import dev.minicloud.spi.Service;
import dev.minicloud.spi.ServiceContext;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Set;

/**
 * The S3 service on the edge port. This first cut answers ListBuckets (with no buckets) and
 * {@code 501 NotImplemented} in S3's error shape for everything else.
 */
public final class S3Service implements Service {
    private final ServiceContext context;

    S3Service(ServiceContext context) {
        this.context = context;
        context.edge().register(new EdgeRoute("s3", Set.of("s3"), null, true, AwsProtocol.S3_XML, this::onRequest));
    }

    private BodyHandler onRequest(EdgeRequest request) {
        if (request.method().equals(HttpMethod.GET) && request.rawPath().equals("/")) {
            XmlWriter xml = XmlWriter.document("ListAllMyBucketsResult", "http://s3.amazonaws.com/doc/2006-03-01/");
            xml.start("Owner").element("ID", request.account()).element("DisplayName", "minicloud").end();
            xml.emptyElement("Buckets");
            request.respond(HttpResponseStatus.OK, "application/xml", xml.toBytes());
            return BodyHandler.DISCARD;
        }
        throw new AwsException(501, "NotImplemented", "A header you provided implies functionality that is not implemented");
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public void start() {
        // S3 lives on the edge port, which MiniCloud binds.
    }

    @Override
    public String endpoint() {
        return context.edgeEndpoint().toString();
    }

    @Override
    public void reset() {
        // no state yet
    }

    @Override
    public void close() {
        // nothing of its own to release
    }
}
