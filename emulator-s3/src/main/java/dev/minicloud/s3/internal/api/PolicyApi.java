package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.s3.internal.policy.BucketPolicies;
import dev.minicloud.s3.internal.policy.BucketPolicy;
import dev.minicloud.s3.internal.policy.PolicyParser;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.Bucket;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * Put/Get/DeleteBucketPolicy on the wire: the JSON document is checked by {@link PolicyParser} and
 * stored as sent; GET answers it back unchanged or {@code NoSuchBucketPolicy}; DELETE is 204 and
 * idempotent.
 */
final class PolicyApi {
    private final BucketPolicies policies;
    private final PolicyParser parser = new PolicyParser();

    PolicyApi(BucketPolicies policies) {
        this.policies = policies;
    }

    BodyHandler put(EdgeRequest r, Bucket b) {
        return ControlBodies.bytes(r, body -> {
            BucketPolicy parsed = parser.parse(b.name(), body);
            if (b.blocksPublicPolicy() && parsed.isPublic()) {
                throw S3Errors.accessDenied("Access Denied");
            }
            policies.put(b, parsed);
            r.respondEmpty(HttpResponseStatus.NO_CONTENT);
        });
    }

    void get(EdgeRequest r, Bucket b) {
        BucketPolicy policy = policies.get(b);
        if (policy == null) {
            throw noSuchBucketPolicy(b);
        }
        r.respond(HttpResponseStatus.OK, "application/json", policy.document().getBytes(StandardCharsets.UTF_8));
    }

    /** GetBucketPolicyStatus: whether the bucket's policy is public ({@code NoSuchBucketPolicy} without one). */
    void status(EdgeRequest r, Bucket b) {
        BucketPolicy policy = policies.get(b);
        if (policy == null) {
            throw noSuchBucketPolicy(b);
        }
        XmlWriter x = S3Xml.document("PolicyStatus");
        x.element("IsPublic", policy.isPublic());
        r.respond(HttpResponseStatus.OK, "application/xml", x.toBytes());
    }

    private static AwsException noSuchBucketPolicy(Bucket b) {
        return new AwsException(404, "NoSuchBucketPolicy", "The bucket policy does not exist")
                .with("BucketName", b.name());
    }

    void delete(EdgeRequest r, Bucket b) {
        policies.remove(b);
        r.respondEmpty(HttpResponseStatus.NO_CONTENT);
    }

    /** Drops a deleted bucket's policy. */
    void forget(Bucket b) {
        policies.remove(b);
    }
}
