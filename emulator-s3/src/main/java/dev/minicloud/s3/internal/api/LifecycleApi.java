package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.s3.internal.lifecycle.LifecycleConfiguration;
import dev.minicloud.s3.internal.lifecycle.LifecycleXml;
import dev.minicloud.s3.internal.lifecycle.LifecycleXmlWriter;
import dev.minicloud.s3.internal.service.S3Ids;
import dev.minicloud.s3.internal.store.Bucket;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Put/Get/DeleteBucketLifecycleConfiguration on {@code ?lifecycle}, which is also where the older
 * PutBucketLifecycle/GetBucketLifecycle go (their rule-level {@code Prefix} form is kept and
 * returned as put). A configuration S3 would refuse changes nothing; a valid one replaces the
 * bucket's whole configuration, and {@link dev.minicloud.s3.internal.lifecycle.LifecycleEngine} acts on it.
 */
final class LifecycleApi {
    static final String MINIMUM_SIZE_HEADER = "x-amz-transition-default-minimum-object-size";

    private final S3Ids ids;

    LifecycleApi(S3Ids ids) {
        this.ids = ids;
    }

    BodyHandler put(EdgeRequest r, Bucket b) {
        String minimum = r.header(MINIMUM_SIZE_HEADER);
        return ControlBodies.xml(r, ControlBodies.Integrity.REQUIRED, xml -> {
            LifecycleConfiguration config = LifecycleXml.parse(xml, minimum, ids::lifecycleRuleId);
            b.lifecycle(config);
            FullHttpResponse resp =
                    new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
            resp.headers().set(MINIMUM_SIZE_HEADER, config.minimumObjectSize().header());
            r.respond(resp);
        });
    }

    void get(EdgeRequest r, Bucket b) {
        LifecycleConfiguration config = b.lifecycle();
        if (config == null) {
            throw LifecycleXml.noSuchConfiguration(b.name());
        }
        FullHttpResponse resp = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(LifecycleXmlWriter.render(config)));
        resp.headers().set("Content-Type", "application/xml");
        resp.headers().set(MINIMUM_SIZE_HEADER, config.minimumObjectSize().header());
        r.respond(resp);
    }

    void delete(EdgeRequest r, Bucket b) {
        b.lifecycle(null);
        r.respondEmpty(HttpResponseStatus.NO_CONTENT);
    }
}
