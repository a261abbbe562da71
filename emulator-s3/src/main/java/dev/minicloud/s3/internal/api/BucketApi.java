package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.s3.internal.acl.AccessControlList;
import dev.minicloud.s3.internal.acl.ObjectOwnership;
import dev.minicloud.s3.internal.service.BucketService;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.VersioningState;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bucket-level operations on the wire: CreateBucket (with {@code LocationConstraint}),
 * DeleteBucket, HeadBucket, ListBuckets, GetBucketLocation, GetBucketVersioning (read-only until
 * versioning lands) and bucket tagging.
 */
final class BucketApi {
    private final S3Api api;

    BucketApi(S3Api api) {
        this.api = api;
    }

    BodyHandler create(EdgeRequest r, String name) {
        ObjectOwnership ownership = AclApi.ownershipForNewBucket(r);
        AccessControlList acl = AclApi.forNewBucket(r, r.account(), ownership);
        boolean objectLock = ObjectLockApi.requestedOnCreate(r);
        return ControlBodies.bytes(r, body -> {
            String region = null;
            if (body.length > 0) {
                XmlElement config = ControlBodies.parse(body);
                String constraint = config.childText("LocationConstraint");
                if (constraint != null && !constraint.isBlank()) {
                    region = constraint.trim().equals("EU") ? "eu-west-1" : constraint.trim();
                }
            }
            if (region == null) {
                // As on S3's regional endpoints: no constraint means the endpoint's region, here --region.
                region = api.defaultRegion();
            }
            api.buckets().create(r.account(), name, region, ownership, acl, objectLock);
            FullHttpResponse resp =
                    new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
            resp.headers().set("Location", "/" + name);
            r.respond(resp);
        });
    }

    /** DeleteBucket of the resolved bucket (in strict mode another account's, where its policy allows it). */
    void delete(EdgeRequest r, Bucket b) {
        api.buckets().delete(b.owner(), b.name());
        r.respondEmpty(HttpResponseStatus.NO_CONTENT);
    }

    void head(EdgeRequest r, Bucket b) {
        FullHttpResponse resp =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
        resp.headers().set("x-amz-bucket-region", b.region());
        resp.headers().set("x-amz-access-point-alias", "false");
        r.respond(resp);
    }

    void list(EdgeRequest r) {
        int max = RequestHeaders.intParam(r, "max-buckets", 10_000, 10_000);
        if (r.queryParameter("max-buckets") != null && max < 1) {
            throw S3Errors.invalidArgument(
                    "Argument max-buckets must be an integer between 1 and 10000",
                    "max-buckets",
                    r.queryParameter("max-buckets"));
        }
        String prefix = r.queryParameter("prefix");
        BucketService.BucketPage page =
                api.buckets().list(r.account(), prefix, r.queryParameter("continuation-token"), max);
        XmlWriter x = S3Xml.document("ListAllMyBucketsResult");
        x.start("Buckets");
        for (Bucket b : page.buckets()) {
            x.start("Bucket")
                    .element("Name", b.name())
                    .element("CreationDate", b.created())
                    .element("BucketRegion", b.region())
                    .end();
        }
        x.end();
        S3Xml.owner(x, "Owner", r.account());
        x.element("ContinuationToken", page.continuationToken());
        x.element("Prefix", prefix);
        r.respond(HttpResponseStatus.OK, "application/xml", x.toBytes());
    }

    void location(EdgeRequest r, Bucket b) {
        // S3 answers us-east-1 as an empty constraint; XmlWriter has no root text, so write it directly.
        String text = "us-east-1".equals(b.region()) ? "" : b.region();
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><LocationConstraint xmlns=\"" + S3Xml.NS + "\">" + text
                + "</LocationConstraint>";
        r.respond(HttpResponseStatus.OK, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    void versioning(EdgeRequest r, Bucket b) {
        XmlWriter x = S3Xml.document("VersioningConfiguration");
        if (b.versioning() != VersioningState.UNVERSIONED) {
            x.element("Status", b.versioning() == VersioningState.ENABLED ? "Enabled" : "Suspended");
        }
        r.respond(HttpResponseStatus.OK, "application/xml", x.toBytes());
    }

    BodyHandler putTags(EdgeRequest r, Bucket b) {
        return ControlBodies.xml(r, xml -> {
            api.buckets().putTags(b, Tagging.parse(xml));
            r.respondEmpty(HttpResponseStatus.NO_CONTENT);
        });
    }

    void getTags(EdgeRequest r, Bucket b) {
        Map<String, String> tags = api.buckets().tags(b);
        r.respond(HttpResponseStatus.OK, "application/xml", Tagging.render(tags));
    }

    void deleteTags(EdgeRequest r, Bucket b) {
        api.buckets().putTags(b, new LinkedHashMap<>());
        r.respondEmpty(HttpResponseStatus.NO_CONTENT);
    }
}
