package dev.minicloud.s3.api;

import static dev.minicloud.s3.api.S3Route.Level.BUCKET;
import static dev.minicloud.s3.api.S3Route.Level.OBJECT;
import static dev.minicloud.s3.api.S3Route.Level.SERVICE;
import static dev.minicloud.s3.api.S3Route.on;
import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.HEAD;
import static io.netty.handler.codec.http.HttpMethod.OPTIONS;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;

import dev.minicloud.core.aws.chunked.StreamingSignatureCheck;
import dev.minicloud.core.http.BodyHandler;
import dev.minicloud.core.http.EdgeHandler;
import dev.minicloud.core.http.EdgeRequest;
import dev.minicloud.core.http.Offload;
import dev.minicloud.s3.lifecycle.RestoreDelays;
import dev.minicloud.s3.policy.BucketPolicies;
import dev.minicloud.s3.replication.ReplicationConfigs;
import dev.minicloud.s3.replication.ReplicationValidator;
import dev.minicloud.s3.service.ObjectWriteListener;
import dev.minicloud.s3.service.S3Ids;
import dev.minicloud.s3.service.S3Errors;
import dev.minicloud.s3.store.Bucket;
import dev.minicloud.s3.store.S3Store;
import java.time.Clock;
import java.util.List;
import java.util.Random;

/**
 * The S3 entry point on the edge port: authenticates (lenient or strict, see {@link S3Auth}),
 * resolves path-style or virtual-hosted addressing, and dispatches through {@link #routes}, one
 * ordered table of every operation in AWS's S3 model (in the spirit of MinIO's {@code api-router.go}).
 *
 * <p>Routing: the first row whose method, level (service, bucket or object), sub-resource query
 * parameters and distinguishing headers all match serves the request, so a more specific row comes
 * before a more general one at the same method and level (UploadPartCopy before UploadPart before
 * CopyObject before PutObject; every sub-resource before ListObjects). Nothing is kept beside the
 * table: a matching row without a handler answers {@code 501 NotImplemented} (before the bucket is
 * looked up, as before), and a request no row matches answers {@code 405 MethodNotAllowed} for its
 * level. To find the handler of an operation, search this file for its AWS name.
 */
public final class S3RequestHandler implements EdgeHandler {
    private final S3Api api;
    private final S3Auth auth;
    private final List<S3Route> routes;

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
        this(store, clock, defaultRegion, worker, auth, configs, policies, writes, false, new S3Ids(new Random()));
    }

    /**
     * As above; {@code sseCOverHttp} accepts SSE-C customer keys on the plain-HTTP edge (S3 refuses
     * them), {@code ids} makes version, upload and rule ids from the service's seeded random.
     */
    public S3RequestHandler(S3Store store, Clock clock, String defaultRegion, Offload worker, S3Auth auth,
                            ReplicationConfigs configs, BucketPolicies policies, ObjectWriteListener writes,
                            boolean sseCOverHttp, S3Ids ids) {
        this(store, clock, defaultRegion, worker, auth, configs, policies, writes, sseCOverHttp, ids,
                RestoreDelays.S3_DEFAULTS);
    }

    /** As above; {@code restoreDelays} are how long RestoreObject takes per archive class and tier. */
    public S3RequestHandler(S3Store store, Clock clock, String defaultRegion, Offload worker, S3Auth auth,
                            ReplicationConfigs configs, BucketPolicies policies, ObjectWriteListener writes,
                            boolean sseCOverHttp, S3Ids ids, RestoreDelays restoreDelays) {
        this.api = S3Api.create(store, clock, defaultRegion, worker, writes, sseCOverHttp, ids);
        this.auth = auth;
        this.routes = routes(api, configs, policies, restoreDelays, auth);
    }

    /** The route table, in matching order (package-private for its own test). */
    List<S3Route> routes() {
        return routes;
    }

    private static List<S3Route> routes(S3Api api, ReplicationConfigs configs, BucketPolicies policies,
                                        RestoreDelays restoreDelays, S3Auth auth) {
        BucketApi buckets = new BucketApi(api);
        ObjectApi objects = new ObjectApi(api);
        ListApi listing = new ListApi(api);
        MultipartApi multipart = new MultipartApi(api);
        VersioningApi versioning = new VersioningApi(configs, api.clock());
        ReplicationApi replication = new ReplicationApi(configs, new ReplicationValidator(api.store(), policies), api.ids());
        PolicyApi policy = new PolicyApi(policies);
        AclApi acls = new AclApi(api);
        PublicAccessBlockApi publicAccess = new PublicAccessBlockApi();
        CorsApi cors = new CorsApi();
        EncryptionApi encryption = new EncryptionApi();
        WebsiteApi website = new WebsiteApi();
        StoredConfigurationsApi stored = new StoredConfigurationsApi(api);
        LifecycleApi lifecycle = new LifecycleApi(api.ids());
        RestoreApi restore = new RestoreApi(api, restoreDelays);
        ObjectLockApi locks = new ObjectLockApi(api);
        PostObjectApi postObject = new PostObjectApi(api, auth);
        return List.of(
                // ---- service: GET / ------------------------------------------------------------
                // ListDirectoryBuckets goes to S3 Express endpoints; its page-size parameter tells it apart.
                on(GET, SERVICE, "ListDirectoryBuckets").query("max-directory-buckets").notImplemented(),
                on(GET, SERVICE, "ListBuckets").head(c -> buckets.list(c.r())),

                // ---- bucket: fixed paths and S3 Express ----------------------------------------
                on(POST, BUCKET, "WriteGetObjectResponse").path("WriteGetObjectResponse").notImplemented(),
                on(GET, BUCKET, "CreateSession").query("session").notImplemented(),

                // ---- bucket: served ----------------------------------------------------------
                on(HEAD, BUCKET, "HeadBucket").head(c -> buckets.head(c.r(), c.bucketName())),
                on(GET, BUCKET, "GetBucketLocation").query("location").head(c -> buckets.location(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketTagging").query("tagging").head(c -> buckets.getTags(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketTagging").query("tagging").to(c -> buckets.putTags(c.r(), c.bucket())),
                on(DELETE, BUCKET, "DeleteBucketTagging").query("tagging")
                        .head(c -> buckets.deleteTags(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketVersioning").query("versioning")
                        .head(c -> buckets.versioning(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketVersioning").query("versioning").to(c -> versioning.put(c.r(), c.bucket())),
                on(GET, BUCKET, "ListObjectVersions").query("versions").head(c -> versioning.list(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketReplication").query("replication")
                        .head(c -> replication.get(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketReplication").query("replication")
                        .to(c -> replication.put(c.r(), c.bucket())),
                on(DELETE, BUCKET, "DeleteBucketReplication").query("replication")
                        .head(c -> replication.delete(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketPolicyStatus").query("policyStatus").head(c -> policy.status(c.r(), c.bucket())),
                on(GET, BUCKET, "GetPublicAccessBlock").query("publicAccessBlock")
                        .head(c -> publicAccess.get(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutPublicAccessBlock").query("publicAccessBlock")
                        .to(c -> publicAccess.put(c.r(), c.bucket())),
                on(DELETE, BUCKET, "DeletePublicAccessBlock").query("publicAccessBlock")
                        .head(c -> publicAccess.delete(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketPolicy").query("policy").head(c -> policy.get(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketPolicy").query("policy").to(c -> policy.put(c.r(), c.bucket())),
                on(DELETE, BUCKET, "DeleteBucketPolicy").query("policy").head(c -> policy.delete(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketAcl").query("acl").head(c -> acls.getBucketAcl(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketAcl").query("acl").to(c -> acls.putBucketAcl(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketOwnershipControls").query("ownershipControls")
                        .head(c -> acls.getOwnershipControls(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketOwnershipControls").query("ownershipControls")
                        .to(c -> acls.putOwnershipControls(c.r(), c.bucket())),
                on(DELETE, BUCKET, "DeleteBucketOwnershipControls").query("ownershipControls")
                        .head(c -> acls.deleteOwnershipControls(c.r(), c.bucket())),
                // The website configuration is stored and validated; no website endpoint serves it yet.
                on(GET, BUCKET, "GetBucketWebsite").query("website").head(c -> website.get(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketWebsite").query("website").to(c -> website.put(c.r(), c.bucket())),
                on(DELETE, BUCKET, "DeleteBucketWebsite").query("website").head(c -> website.delete(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketEncryption").query("encryption").head(c -> encryption.get(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketEncryption").query("encryption").to(c -> encryption.put(c.r(), c.bucket())),
                on(DELETE, BUCKET, "DeleteBucketEncryption").query("encryption")
                        .head(c -> encryption.delete(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketCors").query("cors").head(c -> cors.get(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketCors").query("cors").to(c -> cors.put(c.r(), c.bucket())),
                on(DELETE, BUCKET, "DeleteBucketCors").query("cors").head(c -> cors.delete(c.r(), c.bucket())),
                // A browser's CORS preflight (S3's "OPTIONS object"; not in the SDK's model). Unsigned, as browsers send it.
                on(OPTIONS, OBJECT, "OptionsObject").orAt(BUCKET).head(c -> cors.preflight(c, c.key().isEmpty() ? BUCKET : OBJECT)),
                on(GET, BUCKET, "ListMultipartUploads").query("uploads")
                        .head(c -> multipart.listUploads(c.r(), c.bucket())),
                on(POST, BUCKET, "DeleteObjects").query("delete").to(c -> objects.deleteObjects(c.r(), c.bucket())),
                on(GET, BUCKET, "GetObjectLockConfiguration").query("object-lock")
                        .head(c -> locks.getConfiguration(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutObjectLockConfiguration").query("object-lock")
                        .to(c -> locks.putConfiguration(c.r(), c.bucket())),

                // ---- bucket: configurations stored and returned, not acted on ----------------------
                on(GET, BUCKET, "GetBucketLogging").query("logging").head(c -> stored.getLogging(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketLogging").query("logging").to(c -> stored.putLogging(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketNotificationConfiguration").query("notification")
                        .head(c -> stored.getNotification(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketNotificationConfiguration").query("notification")
                        .to(c -> stored.putNotification(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketRequestPayment").query("requestPayment")
                        .head(c -> stored.getRequestPayment(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketRequestPayment").query("requestPayment")
                        .to(c -> stored.putRequestPayment(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketAccelerateConfiguration").query("accelerate")
                        .head(c -> stored.getAccelerate(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketAccelerateConfiguration").query("accelerate")
                        .to(c -> stored.putAccelerate(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketAbac").query("abac").head(c -> stored.getAbac(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketAbac").query("abac").to(c -> stored.putAbac(c.r(), c.bucket())),
                // Get and List of a configuration family share the sub-resource; Get names an id.
                on(GET, BUCKET, "GetBucketAnalyticsConfiguration").query("analytics", "id")
                        .head(c -> stored.getById(c.r(), c.bucket(), StoredConfigurationsApi.ById.ANALYTICS)),
                on(GET, BUCKET, "ListBucketAnalyticsConfigurations").query("analytics")
                        .head(c -> stored.list(c.r(), c.bucket(), StoredConfigurationsApi.ById.ANALYTICS)),
                on(PUT, BUCKET, "PutBucketAnalyticsConfiguration").query("analytics")
                        .to(c -> stored.putById(c.r(), c.bucket(), StoredConfigurationsApi.ById.ANALYTICS)),
                on(DELETE, BUCKET, "DeleteBucketAnalyticsConfiguration").query("analytics")
                        .head(c -> stored.deleteById(c.r(), c.bucket(), StoredConfigurationsApi.ById.ANALYTICS)),
                on(GET, BUCKET, "GetBucketInventoryConfiguration").query("inventory", "id")
                        .head(c -> stored.getById(c.r(), c.bucket(), StoredConfigurationsApi.ById.INVENTORY)),
                on(GET, BUCKET, "ListBucketInventoryConfigurations").query("inventory")
                        .head(c -> stored.list(c.r(), c.bucket(), StoredConfigurationsApi.ById.INVENTORY)),
                on(PUT, BUCKET, "PutBucketInventoryConfiguration").query("inventory")
                        .to(c -> stored.putById(c.r(), c.bucket(), StoredConfigurationsApi.ById.INVENTORY)),
                on(DELETE, BUCKET, "DeleteBucketInventoryConfiguration").query("inventory")
                        .head(c -> stored.deleteById(c.r(), c.bucket(), StoredConfigurationsApi.ById.INVENTORY)),
                on(GET, BUCKET, "GetBucketMetricsConfiguration").query("metrics", "id")
                        .head(c -> stored.getById(c.r(), c.bucket(), StoredConfigurationsApi.ById.METRICS)),
                on(GET, BUCKET, "ListBucketMetricsConfigurations").query("metrics")
                        .head(c -> stored.list(c.r(), c.bucket(), StoredConfigurationsApi.ById.METRICS)),
                on(PUT, BUCKET, "PutBucketMetricsConfiguration").query("metrics")
                        .to(c -> stored.putById(c.r(), c.bucket(), StoredConfigurationsApi.ById.METRICS)),
                on(DELETE, BUCKET, "DeleteBucketMetricsConfiguration").query("metrics")
                        .head(c -> stored.deleteById(c.r(), c.bucket(), StoredConfigurationsApi.ById.METRICS)),
                on(GET, BUCKET, "GetBucketIntelligentTieringConfiguration").query("intelligent-tiering", "id")
                        .head(c -> stored.getById(c.r(), c.bucket(), StoredConfigurationsApi.ById.INTELLIGENT_TIERING)),
                on(GET, BUCKET, "ListBucketIntelligentTieringConfigurations").query("intelligent-tiering")
                        .head(c -> stored.list(c.r(), c.bucket(), StoredConfigurationsApi.ById.INTELLIGENT_TIERING)),
                on(PUT, BUCKET, "PutBucketIntelligentTieringConfiguration").query("intelligent-tiering")
                        .to(c -> stored.putById(c.r(), c.bucket(), StoredConfigurationsApi.ById.INTELLIGENT_TIERING)),
                on(DELETE, BUCKET, "DeleteBucketIntelligentTieringConfiguration").query("intelligent-tiering")
                        .head(c -> stored.deleteById(c.r(), c.bucket(), StoredConfigurationsApi.ById.INTELLIGENT_TIERING)),

                // ---- bucket: configuration we do not serve (yet) -------------------------------
                on(GET, BUCKET, "GetBucketMetadataConfiguration").query("metadataConfiguration").notImplemented(),
                on(POST, BUCKET, "CreateBucketMetadataConfiguration").query("metadataConfiguration").notImplemented(),
                on(DELETE, BUCKET, "DeleteBucketMetadataConfiguration").query("metadataConfiguration")
                        .notImplemented(),
                on(GET, BUCKET, "GetBucketMetadataTableConfiguration").query("metadataTable").notImplemented(),
                on(POST, BUCKET, "CreateBucketMetadataTableConfiguration").query("metadataTable").notImplemented(),
                on(DELETE, BUCKET, "DeleteBucketMetadataTableConfiguration").query("metadataTable").notImplemented(),
                on(PUT, BUCKET, "UpdateBucketMetadataAnnotationTableConfiguration").query("metadataAnnotationTable")
                        .notImplemented(),
                on(PUT, BUCKET, "UpdateBucketMetadataInventoryTableConfiguration").query("metadataInventoryTable")
                        .notImplemented(),
                on(PUT, BUCKET, "UpdateBucketMetadataJournalTableConfiguration").query("metadataJournalTable")
                        .notImplemented(),
                // Lifecycle (the older PutBucketLifecycle/GetBucketLifecycle share ?lifecycle) belongs to issue 12.
                on(GET, BUCKET, "GetBucketLifecycleConfiguration").query("lifecycle")
                        .head(c -> lifecycle.get(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketLifecycleConfiguration").query("lifecycle")
                        .to(c -> lifecycle.put(c.r(), c.bucket())),
                on(DELETE, BUCKET, "DeleteBucketLifecycle").query("lifecycle")
                        .head(c -> lifecycle.delete(c.r(), c.bucket())),

                // ---- bucket: the rows without a sub-resource come last ---------------------------
                on(PUT, BUCKET, "CreateBucket").to(c -> buckets.create(c.r(), c.bucketName())),
                // Browser form uploads (not in the SDK's model: no SDK sends them); the form carries the
                // signature. Any other POST on the bucket URL gets S3's 412.
                on(POST, BUCKET, "PostObject").to(c -> postObject.upload(c.r(), c.bucketName())),
                on(DELETE, BUCKET, "DeleteBucket").head(c -> {
                    var b = c.bucket();
                    buckets.delete(c.r(), c.bucketName());
                    replication.forget(b);
                    policy.forget(b);
                }),
                on(GET, BUCKET, "ListObjectsV2").queryValue("list-type", "2").head(c -> listing.listV2(c.r(), c.bucket())),
                on(GET, BUCKET, "ListObjects").head(c -> listing.listV1(c.r(), c.bucket())),

                // ---- object: served ------------------------------------------------------------
                on(PUT, OBJECT, "PutObjectTagging").query("tagging")
                        .to(c -> objects.putTags(c.r(), c.bucket(), c.key())),
                on(GET, OBJECT, "GetObjectTagging").query("tagging")
                        .head(c -> objects.getTags(c.r(), c.bucket(), c.key())),
                on(DELETE, OBJECT, "DeleteObjectTagging").query("tagging")
                        .head(c -> objects.deleteTags(c.r(), c.bucket(), c.key())),
                on(GET, OBJECT, "GetObjectAcl").query("acl").head(c -> acls.getObjectAcl(c.r(), c.bucket(), c.key())),
                on(PUT, OBJECT, "PutObjectAcl").query("acl").to(c -> acls.putObjectAcl(c.r(), c.bucket(), c.key())),
                on(GET, OBJECT, "GetObjectAttributes").query("attributes")
                        .head(c -> objects.attributes(c.r(), c.bucket(), c.key())),
                on(POST, OBJECT, "CreateMultipartUpload").query("uploads")
                        .to(c -> multipart.create(c.r(), c.bucket(), c.key())),
                on(PUT, OBJECT, "UploadPartCopy").query("partNumber", "uploadId").header("x-amz-copy-source")
                        .head(c -> multipart.uploadPartCopy(c.r(), c.bucket(), c.key())),
                on(PUT, OBJECT, "UploadPart").query("partNumber", "uploadId")
                        .to(c -> multipart.uploadPart(c.r(), c.bucket(), c.key(), c.signatures())),
                on(POST, OBJECT, "CompleteMultipartUpload").query("uploadId")
                        .to(c -> multipart.complete(c.r(), c.bucket(), c.key())),
                on(DELETE, OBJECT, "AbortMultipartUpload").query("uploadId")
                        .head(c -> multipart.abort(c.r(), c.bucket(), c.key())),
                on(GET, OBJECT, "ListParts").query("uploadId").head(c -> multipart.listParts(c.r(), c.bucket(), c.key())),
                on(GET, OBJECT, "GetObjectRetention").query("retention")
                        .head(c -> locks.getRetention(c.r(), c.bucket(), c.key())),
                on(PUT, OBJECT, "PutObjectRetention").query("retention")
                        .to(c -> locks.putRetention(c.r(), c.bucket(), c.key())),
                on(GET, OBJECT, "GetObjectLegalHold").query("legal-hold")
                        .head(c -> locks.getLegalHold(c.r(), c.bucket(), c.key())),
                on(PUT, OBJECT, "PutObjectLegalHold").query("legal-hold")
                        .to(c -> locks.putLegalHold(c.r(), c.bucket(), c.key())),

                // ---- object: operations we do not serve (yet) ------------------------------------
                on(GET, OBJECT, "GetObjectTorrent").query("torrent").notImplemented(),
                on(PUT, OBJECT, "RenameObject").query("renameObject").notImplemented(),
                on(PUT, OBJECT, "UpdateObjectEncryption").query("encryption").notImplemented(),
                on(GET, OBJECT, "GetObjectAnnotation").query("annotation", "annotationName").notImplemented(),
                on(GET, OBJECT, "ListObjectAnnotations").query("annotation").notImplemented(),
                on(PUT, OBJECT, "PutObjectAnnotation").query("annotation").notImplemented(),
                on(DELETE, OBJECT, "DeleteObjectAnnotation").query("annotation").notImplemented(),
                // Restore and select belong to issue 12.
                on(POST, OBJECT, "RestoreObject").query("restore").to(c -> restore.restore(c.r(), c.bucket(), c.key())),
                on(POST, OBJECT, "SelectObjectContent").query("select").notImplemented(),

                // ---- object: the rows without a sub-resource come last ---------------------------
                on(PUT, OBJECT, "CopyObject").header("x-amz-copy-source")
                        .head(c -> objects.copy(c.r(), c.bucket(), c.key())),
                on(PUT, OBJECT, "PutObject").to(c -> objects.put(c.r(), c.bucket(), c.key(), c.signatures())),
                on(GET, OBJECT, "GetObject").head(c -> objects.get(c.r(), c.bucket(), c.key())),
                on(HEAD, OBJECT, "HeadObject").head(c -> objects.get(c.r(), c.bucket(), c.key())),
                on(DELETE, OBJECT, "DeleteObject").head(c -> objects.delete(c.r(), c.bucket(), c.key())));
    }

    @Override
    public BodyHandler onRequest(EdgeRequest r) {
        // Browsers send CORS preflights without credentials; S3 answers them from the bucket's rules.
        // A form upload signs its policy, not its head: PostObjectApi verifies the form's signature.
        StreamingSignatureCheck signatures = r.method().equals(OPTIONS) || PostObjectApi.isFormUpload(r) ? null
                : auth.authenticate(r);
        S3Address address = S3Address.parse(r.header("Host"), r.path());
        S3Route.Level level = address.bucket() == null ? SERVICE : address.key().isEmpty() ? BUCKET : OBJECT;
        S3Route route = route(r, level, address.bucket());
        if (!route.served()) {
            throw S3Errors.notImplemented(route.subResource());
        }
        if (level != SERVICE && r.header("Origin") != null && !r.method().equals(OPTIONS)) {
            // Only requests a browser made carry an Origin: SDK traffic never pays for the lookup.
            Bucket b = api.store().bucket(r.account(), address.bucket());
            if (b != null) {
                CorsApi.actualRequest(r, b);
            }
        }
        return route.handler().serve(new S3Call(r, address, signatures, api.buckets()));
    }

    /**
     * A page's unsigned write (a presigned PUT, a form POST) passes the edge's cross-site guard when the
     * bucket's CORS rules admit the page's origin and the method: in lenient mode nothing else stops
     * any web page writing, so the rules a user wrote for their own pages decide. In strict mode a form
     * upload (POST Object) passes too: its signed policy decides, as on S3.
     */
    @Override
    public boolean admitsCrossSiteWrite(EdgeRequest r) {
        if (auth.strict() && PostObjectApi.isFormUpload(r)) {
            return true; // a form upload's policy signature is verified: any page may post one, as on S3
        }
        String origin = r.header("Origin");
        S3Address address = S3Address.parse(r.header("Host"), r.path());
        if (origin == null || address.bucket() == null) {
            return false;
        }
        Bucket b = api.store().bucket(r.account(), address.bucket());
        return b != null && b.cors() != null && b.cors().match(origin, r.method().name(), List.of()) != null;
    }

    private S3Route route(EdgeRequest r, S3Route.Level level, String bucket) {
        for (S3Route route : routes) {
            if (route.matches(r, level, bucket)) {
                return route;
            }
        }
        throw S3Errors.methodNotAllowed(r.method().name(), level.name());
    }
}
