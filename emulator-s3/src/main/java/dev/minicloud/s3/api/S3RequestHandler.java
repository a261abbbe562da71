package dev.minicloud.s3.api;

import dev.minicloud.core.aws.chunked.StreamingSignatureCheck;
import dev.minicloud.core.http.BodyHandler;
import dev.minicloud.core.http.EdgeHandler;
import dev.minicloud.core.http.EdgeRequest;
import dev.minicloud.s3.policy.BucketPolicies;
import dev.minicloud.core.http.Offload;
import dev.minicloud.s3.replication.ReplicationConfigs;
import dev.minicloud.s3.replication.ReplicationValidator;
import dev.minicloud.s3.service.ObjectWriteListener;
import dev.minicloud.s3.service.S3Errors;
import dev.minicloud.s3.store.Bucket;
import io.netty.handler.codec.http.HttpMethod;
import dev.minicloud.s3.store.S3Store;
import java.time.Clock;
import java.util.List;

/**
 * The S3 entry point on the edge port: authenticates (lenient or strict, see {@link S3Auth}),
 * resolves path-style or virtual-hosted addressing, and dispatches on method, bucket/key and
 * sub-resource query parameters to the operation handlers. Sub-resources we do not emulate get
 * S3's {@code 501 NotImplemented}, never a wrong answer from a neighbouring operation.
 */
public final class S3RequestHandler implements EdgeHandler {
    /** Sub-resources of real S3 that MiniCloud does not emulate (yet). */
    private static final List<String> UNSUPPORTED = List.of("cors", "lifecycle", "website", "logging",
            "notification", "encryption", "object-lock", "retention", "legal-hold",
            "ownershipControls", "publicAccessBlock", "accelerate", "requestPayment", "analytics", "metrics",
            "inventory", "intelligent-tiering", "torrent", "restore", "select", "policyStatus",
            "session", "metadataTable", "renameObject");

    private final S3Api api;
    private final S3Auth auth;
    private final BucketApi buckets;
    private final ObjectApi objects;
    private final ListApi listing;
    private final MultipartApi multipart;
    private final VersioningApi versioning;
    private final ReplicationApi replication;
    private final PolicyApi policy;

    public S3RequestHandler(S3Store store, Clock clock, String defaultRegion, Offload worker, S3Auth auth) {
        this(store, clock, defaultRegion, worker, auth, new ReplicationConfigs(), new BucketPolicies(),
                ObjectWriteListener.NONE);
    }

    /**
     * With replication: {@code configs} holds the buckets' rules, {@code policies} their policies
     * (which grant replication across accounts), {@code writes} sees every user write.
     */
    public S3RequestHandler(S3Store store, Clock clock, String defaultRegion, Offload worker, S3Auth auth,
                            ReplicationConfigs configs, BucketPolicies policies, ObjectWriteListener writes) {
        this.api = S3Api.create(store, clock, defaultRegion, worker, writes);
        this.versioning = new VersioningApi(configs);
        this.replication = new ReplicationApi(configs, new ReplicationValidator(store, policies));
        this.policy = new PolicyApi(policies);
        this.auth = auth;
        this.buckets = new BucketApi(api);
        this.objects = new ObjectApi(api);
        this.listing = new ListApi(api);
        this.multipart = new MultipartApi(api);
    }

    @Override
    public BodyHandler onRequest(EdgeRequest r) {
        StreamingSignatureCheck signatures = auth.authenticate(r);
        S3Address address = S3Address.parse(r.header("Host"), r.path());
        if (address.bucket() == null) {
            if (r.method().equals(HttpMethod.GET)) {
                buckets.list(r);
                return BodyHandler.DISCARD;
            }
            throw S3Errors.methodNotAllowed(r.method().name(), "SERVICE");
        }
        for (String sub : UNSUPPORTED) {
            if (r.hasQueryParameter(sub)) {
                throw S3Errors.notImplemented("?" + sub);
            }
        }
        if (address.key().isEmpty()) {
            return bucketLevel(r, address.bucket());
        }
        return objectLevel(r, address.bucket(), address.key(), signatures);
    }

    private BodyHandler bucketLevel(EdgeRequest r, String name) {
        HttpMethod m = r.method();
        if (m.equals(HttpMethod.PUT) && !r.hasQueryParameter("tagging") && !r.hasQueryParameter("versioning")
                && !r.hasQueryParameter("acl") && !r.hasQueryParameter("replication") && !r.hasQueryParameter("policy")) {
            return buckets.create(r, name);
        }
        if (m.equals(HttpMethod.HEAD)) {
            buckets.head(r, name);
            return BodyHandler.DISCARD;
        }
        Bucket b = api.buckets().require(r.account(), name);
        if (m.equals(HttpMethod.GET)) {
            if (r.hasQueryParameter("location")) {
                buckets.location(r, b);
            } else if (r.hasQueryParameter("tagging")) {
                buckets.getTags(r, b);
            } else if (r.hasQueryParameter("versioning")) {
                buckets.versioning(r, b);
            } else if (r.hasQueryParameter("versions")) {
                versioning.list(r, b);
            } else if (r.hasQueryParameter("replication")) {
                replication.get(r, b);
            } else if (r.hasQueryParameter("policy")) {
                policy.get(r, b);
            } else if (r.hasQueryParameter("acl")) {
                ObjectApi.acl(r);
            } else if (r.hasQueryParameter("uploads")) {
                multipart.listUploads(r, b);
            } else if ("2".equals(r.queryParameter("list-type"))) {
                listing.listV2(r, b);
            } else {
                listing.listV1(r, b);
            }
            return BodyHandler.DISCARD;
        }
        if (m.equals(HttpMethod.PUT)) {
            if (r.hasQueryParameter("tagging")) {
                return buckets.putTags(r, b);
            }
            if (r.hasQueryParameter("versioning")) {
                return versioning.put(r, b);
            }
            if (r.hasQueryParameter("replication")) {
                return replication.put(r, b);
            }
            if (r.hasQueryParameter("policy")) {
                return policy.put(r, b);
            }
            throw S3Errors.notImplemented(r.hasQueryParameter("acl") ? "?acl" : "?versioning");
        }
        if (m.equals(HttpMethod.DELETE)) {
            if (r.hasQueryParameter("tagging")) {
                buckets.deleteTags(r, b);
            } else if (r.hasQueryParameter("replication")) {
                replication.delete(r, b);
            } else if (r.hasQueryParameter("policy")) {
                policy.delete(r, b);
            } else {
                buckets.delete(r, name);
                replication.forget(b);
                policy.forget(b);
            }
            return BodyHandler.DISCARD;
        }
        if (m.equals(HttpMethod.POST) && r.hasQueryParameter("delete")) {
            return objects.deleteObjects(r, b);
        }
        throw S3Errors.methodNotAllowed(m.name(), "BUCKET");
    }

    private BodyHandler objectLevel(EdgeRequest r, String bucketName, String key,
                                    StreamingSignatureCheck signatures) {
        Bucket b = api.buckets().require(r.account(), bucketName);
        HttpMethod m = r.method();
        if (m.equals(HttpMethod.PUT)) {
            if (r.hasQueryParameter("tagging")) {
                return objects.putTags(r, b, key);
            }
            if (r.hasQueryParameter("acl")) {
                throw S3Errors.notImplemented("?acl");
            }
            if (r.hasQueryParameter("uploadId") || r.hasQueryParameter("partNumber")) {
                if (r.header("x-amz-copy-source") != null) {
                    multipart.uploadPartCopy(r, b, key);
                    return BodyHandler.DISCARD;
                }
                return multipart.uploadPart(r, b, key, signatures);
            }
            if (r.header("x-amz-copy-source") != null) {
                objects.copy(r, b, key);
                return BodyHandler.DISCARD;
            }
            return objects.put(r, b, key, signatures);
        }
        if (m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD)) {
            if (m.equals(HttpMethod.GET) && r.hasQueryParameter("uploadId")) {
                multipart.listParts(r, b, key);
            } else if (m.equals(HttpMethod.GET) && r.hasQueryParameter("tagging")) {
                objects.getTags(r, b, key);
            } else if (m.equals(HttpMethod.GET) && r.hasQueryParameter("attributes")) {
                objects.attributes(r, b, key);
            } else if (m.equals(HttpMethod.GET) && r.hasQueryParameter("acl")) {
                api.objects().get(b, key, r.queryParameter("versionId"));
                ObjectApi.acl(r);
            } else {
                objects.get(r, b, key);
            }
            return BodyHandler.DISCARD;
        }
        if (m.equals(HttpMethod.DELETE)) {
            if (r.hasQueryParameter("uploadId")) {
                multipart.abort(r, b, key);
            } else if (r.hasQueryParameter("tagging")) {
                objects.deleteTags(r, b, key);
            } else {
                objects.delete(r, b, key);
            }
            return BodyHandler.DISCARD;
        }
        if (m.equals(HttpMethod.POST)) {
            if (r.hasQueryParameter("uploads")) {
                return multipart.create(r, b, key);
            }
            if (r.hasQueryParameter("uploadId")) {
                return multipart.complete(r, b, key);
            }
            throw S3Errors.notImplemented("POST");
        }
        throw S3Errors.methodNotAllowed(m.name(), "OBJECT");
    }
}
