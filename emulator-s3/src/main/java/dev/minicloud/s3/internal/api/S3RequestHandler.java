package dev.minicloud.s3.internal.api;

import static dev.minicloud.s3.internal.api.S3Route.Level.BUCKET;
import static dev.minicloud.s3.internal.api.S3Route.Level.OBJECT;
import static dev.minicloud.s3.internal.api.S3Route.Level.SERVICE;
import static dev.minicloud.s3.internal.api.S3Route.on;
import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.HEAD;
import static io.netty.handler.codec.http.HttpMethod.OPTIONS;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;

import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.http.Offload;
import dev.minicloud.s3.internal.cors.CorsConfiguration;
import dev.minicloud.s3.internal.lifecycle.RestoreDelays;
import dev.minicloud.s3.internal.policy.BucketPolicies;
import dev.minicloud.s3.internal.replication.ReplicationConfigs;
import dev.minicloud.s3.internal.replication.ReplicationValidator;
import dev.minicloud.s3.internal.service.ObjectWriteListener;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.service.S3Ids;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.S3Store;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The S3 entry point on the edge port: authenticates (lenient or strict, see {@link S3Auth}),
 * resolves path-style or virtual-hosted addressing, and dispatches through {@link #routes}, one
 * ordered table of every operation in AWS's S3 model (in the spirit of MinIO's {@code api-router.go}).
 * Each served row names the IAM action it needs ({@link IamAction}); in strict mode {@link S3Access}
 * authorizes the request by it before the handler runs.
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
    private final S3Access access;
    private final WebsiteEndpoint website;
    private final List<S3Route> routes;
    /**
     * {@link #routes} split by method and level, each list in table order: a request is matched only
     * against the rows that can take it (a PutObject no longer walks the ~140 rows above it).
     */
    private final Map<HttpMethod, Map<S3Route.Level, List<S3Route>>> routesByMethodAndLevel;

    public S3RequestHandler(S3Store store, Clock clock, String defaultRegion, Offload worker, S3Auth auth) {
        this(
                store,
                clock,
                defaultRegion,
                worker,
                auth,
                new ReplicationConfigs(),
                new BucketPolicies(clock),
                ObjectWriteListener.NONE);
    }

    /**
     * With replication: {@code configs} holds the buckets' rules, {@code policies} their policies
     * (which grant replication across accounts), {@code writes} sees every user write.
     */
    public S3RequestHandler(
            S3Store store,
            Clock clock,
            String defaultRegion,
            Offload worker,
            S3Auth auth,
            ReplicationConfigs configs,
            BucketPolicies policies,
            ObjectWriteListener writes) {
        this(store, clock, defaultRegion, worker, auth, configs, policies, writes, false, new S3Ids(new Random()));
    }

    /**
     * As above; {@code sseCOverHttp} accepts SSE-C customer keys on the plain-HTTP edge (S3 refuses
     * them), {@code ids} makes version, upload and rule ids from the service's seeded random.
     */
    public S3RequestHandler(
            S3Store store,
            Clock clock,
            String defaultRegion,
            Offload worker,
            S3Auth auth,
            ReplicationConfigs configs,
            BucketPolicies policies,
            ObjectWriteListener writes,
            boolean sseCOverHttp,
            S3Ids ids) {
        this(
                store,
                clock,
                defaultRegion,
                worker,
                auth,
                configs,
                policies,
                writes,
                sseCOverHttp,
                ids,
                RestoreDelays.S3_DEFAULTS);
    }

    /** As above; {@code restoreDelays} are how long RestoreObject takes per archive class and tier. */
    public S3RequestHandler(
            S3Store store,
            Clock clock,
            String defaultRegion,
            Offload worker,
            S3Auth auth,
            ReplicationConfigs configs,
            BucketPolicies policies,
            ObjectWriteListener writes,
            boolean sseCOverHttp,
            S3Ids ids,
            RestoreDelays restoreDelays) {
        this.api = S3Api.create(store, clock, defaultRegion, worker, writes, sseCOverHttp, ids);
        this.auth = auth;
        this.access = new S3Access(store, policies, clock, auth.strict());
        this.website = new WebsiteEndpoint(api, access);
        this.routes = routes(api, configs, policies, restoreDelays, auth, access);
        this.routesByMethodAndLevel = index(routes);
    }

    private static Map<HttpMethod, Map<S3Route.Level, List<S3Route>>> index(List<S3Route> routes) {
        Map<HttpMethod, Map<S3Route.Level, List<S3Route>>> index = new HashMap<>();
        for (S3Route route : routes) {
            Map<S3Route.Level, List<S3Route>> byLevel =
                    index.computeIfAbsent(route.method(), m -> new EnumMap<>(S3Route.Level.class));
            byLevel.computeIfAbsent(route.level(), l -> new ArrayList<>()).add(route);
            if (route.alsoAt() != null && route.alsoAt() != route.level()) {
                byLevel.computeIfAbsent(route.alsoAt(), l -> new ArrayList<>()).add(route);
            }
        }
        Map<HttpMethod, Map<S3Route.Level, List<S3Route>>> frozen = new HashMap<>();
        index.forEach((method, byLevel) -> {
            Map<S3Route.Level, List<S3Route>> levels = new EnumMap<>(S3Route.Level.class);
            byLevel.forEach((level, rows) -> levels.put(level, List.copyOf(rows)));
            frozen.put(method, levels);
        });
        return Map.copyOf(frozen);
    }

    /** The route table, in matching order (package-private for its own test). */
    List<S3Route> routes() {
        return routes;
    }

    private static List<S3Route> routes(
            S3Api api,
            ReplicationConfigs configs,
            BucketPolicies policies,
            RestoreDelays restoreDelays,
            S3Auth auth,
            S3Access access) {
        BucketApi buckets = new BucketApi(api);
        ObjectApi objects = new ObjectApi(api);
        ListApi listing = new ListApi(api);
        MultipartApi multipart = new MultipartApi(api);
        VersioningApi versioning = new VersioningApi(configs, api.clock());
        ReplicationApi replication =
                new ReplicationApi(configs, new ReplicationValidator(api.store(), policies), api.ids());
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
        PostObjectApi postObject = new PostObjectApi(api, auth, access);
        return List.of(
                // ---- service: GET / ------------------------------------------------------------
                // ListDirectoryBuckets goes to S3 Express endpoints; its page-size parameter tells it apart.
                on(GET, SERVICE, "ListDirectoryBuckets")
                        .query("max-directory-buckets")
                        .notImplemented(),
                on(GET, SERVICE, "ListBuckets").iam("s3:ListAllMyBuckets").head(c -> buckets.list(c.r())),

                // ---- bucket: fixed paths and S3 Express ----------------------------------------
                on(POST, BUCKET, "WriteGetObjectResponse")
                        .path("WriteGetObjectResponse")
                        .notImplemented(),
                on(GET, BUCKET, "CreateSession").query("session").notImplemented(),

                // ---- bucket: served ----------------------------------------------------------
                on(HEAD, BUCKET, "HeadBucket").iam("s3:ListBucket").head(c -> buckets.head(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketLocation")
                        .iam("s3:GetBucketLocation")
                        .query("location")
                        .head(c -> buckets.location(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketTagging")
                        .iam("s3:GetBucketTagging")
                        .query("tagging")
                        .head(c -> buckets.getTags(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketTagging")
                        .iam("s3:PutBucketTagging")
                        .query("tagging")
                        .to(c -> buckets.putTags(c.r(), c.bucket())),
                on(DELETE, BUCKET, "DeleteBucketTagging")
                        .iam("s3:PutBucketTagging")
                        .query("tagging")
                        .head(c -> buckets.deleteTags(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketVersioning")
                        .iam("s3:GetBucketVersioning")
                        .query("versioning")
                        .head(c -> buckets.versioning(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketVersioning")
                        .iam("s3:PutBucketVersioning")
                        .query("versioning")
                        .to(c -> versioning.put(c.r(), c.bucket())),
                on(GET, BUCKET, "ListObjectVersions")
                        .iam("s3:ListBucketVersions")
                        .query("versions")
                        .head(c -> versioning.list(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketReplication")
                        .iam("s3:GetReplicationConfiguration")
                        .query("replication")
                        .head(c -> replication.get(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketReplication")
                        .iam("s3:PutReplicationConfiguration")
                        .query("replication")
                        .to(c -> replication.put(c.r(), c.bucket())),
                on(DELETE, BUCKET, "DeleteBucketReplication")
                        .iam("s3:PutReplicationConfiguration")
                        .query("replication")
                        .head(c -> replication.delete(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketPolicyStatus")
                        .iam("s3:GetBucketPolicyStatus")
                        .query("policyStatus")
                        .head(c -> policy.status(c.r(), c.bucket())),
                on(GET, BUCKET, "GetPublicAccessBlock")
                        .iam("s3:GetBucketPublicAccessBlock")
                        .query("publicAccessBlock")
                        .head(c -> publicAccess.get(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutPublicAccessBlock")
                        .iam("s3:PutBucketPublicAccessBlock")
                        .query("publicAccessBlock")
                        .to(c -> publicAccess.put(c.r(), c.bucket())),
                on(DELETE, BUCKET, "DeletePublicAccessBlock")
                        .iam("s3:PutBucketPublicAccessBlock")
                        .query("publicAccessBlock")
                        .head(c -> publicAccess.delete(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketPolicy")
                        .iam("s3:GetBucketPolicy")
                        .query("policy")
                        .head(c -> policy.get(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketPolicy")
                        .iam("s3:PutBucketPolicy")
                        .query("policy")
                        .to(c -> policy.put(c.r(), c.bucket())),
                on(DELETE, BUCKET, "DeleteBucketPolicy")
                        .iam("s3:DeleteBucketPolicy")
                        .query("policy")
                        .head(c -> policy.delete(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketAcl")
                        .iam("s3:GetBucketAcl")
                        .query("acl")
                        .head(c -> acls.getBucketAcl(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketAcl")
                        .iam("s3:PutBucketAcl")
                        .query("acl")
                        .to(c -> acls.putBucketAcl(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketOwnershipControls")
                        .iam("s3:GetBucketOwnershipControls")
                        .query("ownershipControls")
                        .head(c -> acls.getOwnershipControls(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketOwnershipControls")
                        .iam("s3:PutBucketOwnershipControls")
                        .query("ownershipControls")
                        .to(c -> acls.putOwnershipControls(c.r(), c.bucket())),
                on(DELETE, BUCKET, "DeleteBucketOwnershipControls")
                        .iam("s3:PutBucketOwnershipControls")
                        .query("ownershipControls")
                        .head(c -> acls.deleteOwnershipControls(c.r(), c.bucket())),
                // The website configuration is stored and validated; no website endpoint serves it yet.
                on(GET, BUCKET, "GetBucketWebsite")
                        .iam("s3:GetBucketWebsite")
                        .query("website")
                        .head(c -> website.get(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketWebsite")
                        .iam("s3:PutBucketWebsite")
                        .query("website")
                        .to(c -> website.put(c.r(), c.bucket())),
                on(DELETE, BUCKET, "DeleteBucketWebsite")
                        .iam("s3:DeleteBucketWebsite")
                        .query("website")
                        .head(c -> website.delete(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketEncryption")
                        .iam("s3:GetEncryptionConfiguration")
                        .query("encryption")
                        .head(c -> encryption.get(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketEncryption")
                        .iam("s3:PutEncryptionConfiguration")
                        .query("encryption")
                        .to(c -> encryption.put(c.r(), c.bucket())),
                on(DELETE, BUCKET, "DeleteBucketEncryption")
                        .iam("s3:PutEncryptionConfiguration")
                        .query("encryption")
                        .head(c -> encryption.delete(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketCors")
                        .iam("s3:GetBucketCORS")
                        .query("cors")
                        .head(c -> cors.get(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketCors")
                        .iam("s3:PutBucketCORS")
                        .query("cors")
                        .to(c -> cors.put(c.r(), c.bucket())),
                on(DELETE, BUCKET, "DeleteBucketCors")
                        .iam("s3:PutBucketCORS")
                        .query("cors")
                        .head(c -> cors.delete(c.r(), c.bucket())),
                // A browser's CORS preflight (S3's "OPTIONS object"; not in the SDK's model). Unsigned, as browsers
                // send it.
                on(OPTIONS, OBJECT, "OptionsObject")
                        .noIamAction()
                        .orAt(BUCKET)
                        .head(c -> cors.preflight(c, c.key().isEmpty() ? BUCKET : OBJECT)),
                on(GET, BUCKET, "ListMultipartUploads")
                        .iam("s3:ListBucketMultipartUploads")
                        .query("uploads")
                        .head(c -> multipart.listUploads(c.r(), c.bucket())),
                on(POST, BUCKET, "DeleteObjects")
                        .iam("s3:DeleteObject", IamAction.Scope.PER_KEY)
                        .query("delete")
                        .to(c -> objects.deleteObjects(c.r(), c.bucket(), c::mayDelete)),
                on(GET, BUCKET, "GetObjectLockConfiguration")
                        .iam("s3:GetBucketObjectLockConfiguration")
                        .query("object-lock")
                        .head(c -> locks.getConfiguration(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutObjectLockConfiguration")
                        .iam("s3:PutBucketObjectLockConfiguration")
                        .query("object-lock")
                        .to(c -> locks.putConfiguration(c.r(), c.bucket())),

                // ---- bucket: configurations stored and returned, not acted on ----------------------
                on(GET, BUCKET, "GetBucketLogging")
                        .iam("s3:GetBucketLogging")
                        .query("logging")
                        .head(c -> stored.getLogging(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketLogging")
                        .iam("s3:PutBucketLogging")
                        .query("logging")
                        .to(c -> stored.putLogging(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketNotificationConfiguration")
                        .iam("s3:GetBucketNotification")
                        .query("notification")
                        .head(c -> stored.getNotification(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketNotificationConfiguration")
                        .iam("s3:PutBucketNotification")
                        .query("notification")
                        .to(c -> stored.putNotification(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketRequestPayment")
                        .iam("s3:GetBucketRequestPayment")
                        .query("requestPayment")
                        .head(c -> stored.getRequestPayment(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketRequestPayment")
                        .iam("s3:PutBucketRequestPayment")
                        .query("requestPayment")
                        .to(c -> stored.putRequestPayment(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketAccelerateConfiguration")
                        .iam("s3:GetAccelerateConfiguration")
                        .query("accelerate")
                        .head(c -> stored.getAccelerate(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketAccelerateConfiguration")
                        .iam("s3:PutAccelerateConfiguration")
                        .query("accelerate")
                        .to(c -> stored.putAccelerate(c.r(), c.bucket())),
                on(GET, BUCKET, "GetBucketAbac")
                        .iam("s3:GetBucketAbac")
                        .query("abac")
                        .head(c -> stored.getAbac(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketAbac")
                        .iam("s3:PutBucketAbac")
                        .query("abac")
                        .to(c -> stored.putAbac(c.r(), c.bucket())),
                // Get and List of a configuration family share the sub-resource; Get names an id.
                on(GET, BUCKET, "GetBucketAnalyticsConfiguration")
                        .iam("s3:GetAnalyticsConfiguration")
                        .query("analytics", "id")
                        .head(c -> stored.getById(c.r(), c.bucket(), StoredConfigurationsApi.ById.ANALYTICS)),
                on(GET, BUCKET, "ListBucketAnalyticsConfigurations")
                        .iam("s3:GetAnalyticsConfiguration")
                        .query("analytics")
                        .head(c -> stored.list(c.r(), c.bucket(), StoredConfigurationsApi.ById.ANALYTICS)),
                on(PUT, BUCKET, "PutBucketAnalyticsConfiguration")
                        .iam("s3:PutAnalyticsConfiguration")
                        .query("analytics")
                        .to(c -> stored.putById(c.r(), c.bucket(), StoredConfigurationsApi.ById.ANALYTICS)),
                on(DELETE, BUCKET, "DeleteBucketAnalyticsConfiguration")
                        .iam("s3:PutAnalyticsConfiguration")
                        .query("analytics")
                        .head(c -> stored.deleteById(c.r(), c.bucket(), StoredConfigurationsApi.ById.ANALYTICS)),
                on(GET, BUCKET, "GetBucketInventoryConfiguration")
                        .iam("s3:GetInventoryConfiguration")
                        .query("inventory", "id")
                        .head(c -> stored.getById(c.r(), c.bucket(), StoredConfigurationsApi.ById.INVENTORY)),
                on(GET, BUCKET, "ListBucketInventoryConfigurations")
                        .iam("s3:GetInventoryConfiguration")
                        .query("inventory")
                        .head(c -> stored.list(c.r(), c.bucket(), StoredConfigurationsApi.ById.INVENTORY)),
                on(PUT, BUCKET, "PutBucketInventoryConfiguration")
                        .iam("s3:PutInventoryConfiguration")
                        .query("inventory")
                        .to(c -> stored.putById(c.r(), c.bucket(), StoredConfigurationsApi.ById.INVENTORY)),
                on(DELETE, BUCKET, "DeleteBucketInventoryConfiguration")
                        .iam("s3:PutInventoryConfiguration")
                        .query("inventory")
                        .head(c -> stored.deleteById(c.r(), c.bucket(), StoredConfigurationsApi.ById.INVENTORY)),
                on(GET, BUCKET, "GetBucketMetricsConfiguration")
                        .iam("s3:GetMetricsConfiguration")
                        .query("metrics", "id")
                        .head(c -> stored.getById(c.r(), c.bucket(), StoredConfigurationsApi.ById.METRICS)),
                on(GET, BUCKET, "ListBucketMetricsConfigurations")
                        .iam("s3:GetMetricsConfiguration")
                        .query("metrics")
                        .head(c -> stored.list(c.r(), c.bucket(), StoredConfigurationsApi.ById.METRICS)),
                on(PUT, BUCKET, "PutBucketMetricsConfiguration")
                        .iam("s3:PutMetricsConfiguration")
                        .query("metrics")
                        .to(c -> stored.putById(c.r(), c.bucket(), StoredConfigurationsApi.ById.METRICS)),
                on(DELETE, BUCKET, "DeleteBucketMetricsConfiguration")
                        .iam("s3:PutMetricsConfiguration")
                        .query("metrics")
                        .head(c -> stored.deleteById(c.r(), c.bucket(), StoredConfigurationsApi.ById.METRICS)),
                on(GET, BUCKET, "GetBucketIntelligentTieringConfiguration")
                        .iam("s3:GetIntelligentTieringConfiguration")
                        .query("intelligent-tiering", "id")
                        .head(c -> stored.getById(c.r(), c.bucket(), StoredConfigurationsApi.ById.INTELLIGENT_TIERING)),
                on(GET, BUCKET, "ListBucketIntelligentTieringConfigurations")
                        .iam("s3:GetIntelligentTieringConfiguration")
                        .query("intelligent-tiering")
                        .head(c -> stored.list(c.r(), c.bucket(), StoredConfigurationsApi.ById.INTELLIGENT_TIERING)),
                on(PUT, BUCKET, "PutBucketIntelligentTieringConfiguration")
                        .iam("s3:PutIntelligentTieringConfiguration")
                        .query("intelligent-tiering")
                        .to(c -> stored.putById(c.r(), c.bucket(), StoredConfigurationsApi.ById.INTELLIGENT_TIERING)),
                on(DELETE, BUCKET, "DeleteBucketIntelligentTieringConfiguration")
                        .iam("s3:PutIntelligentTieringConfiguration")
                        .query("intelligent-tiering")
                        .head(c ->
                                stored.deleteById(c.r(), c.bucket(), StoredConfigurationsApi.ById.INTELLIGENT_TIERING)),

                // ---- bucket: configuration we do not serve (yet) -------------------------------
                on(GET, BUCKET, "GetBucketMetadataConfiguration")
                        .query("metadataConfiguration")
                        .notImplemented(),
                on(POST, BUCKET, "CreateBucketMetadataConfiguration")
                        .query("metadataConfiguration")
                        .notImplemented(),
                on(DELETE, BUCKET, "DeleteBucketMetadataConfiguration")
                        .query("metadataConfiguration")
                        .notImplemented(),
                on(GET, BUCKET, "GetBucketMetadataTableConfiguration")
                        .query("metadataTable")
                        .notImplemented(),
                on(POST, BUCKET, "CreateBucketMetadataTableConfiguration")
                        .query("metadataTable")
                        .notImplemented(),
                on(DELETE, BUCKET, "DeleteBucketMetadataTableConfiguration")
                        .query("metadataTable")
                        .notImplemented(),
                on(PUT, BUCKET, "UpdateBucketMetadataAnnotationTableConfiguration")
                        .query("metadataAnnotationTable")
                        .notImplemented(),
                on(PUT, BUCKET, "UpdateBucketMetadataInventoryTableConfiguration")
                        .query("metadataInventoryTable")
                        .notImplemented(),
                on(PUT, BUCKET, "UpdateBucketMetadataJournalTableConfiguration")
                        .query("metadataJournalTable")
                        .notImplemented(),
                // Lifecycle (the older PutBucketLifecycle/GetBucketLifecycle share ?lifecycle) belongs to issue 12.
                on(GET, BUCKET, "GetBucketLifecycleConfiguration")
                        .iam("s3:GetLifecycleConfiguration")
                        .query("lifecycle")
                        .head(c -> lifecycle.get(c.r(), c.bucket())),
                on(PUT, BUCKET, "PutBucketLifecycleConfiguration")
                        .iam("s3:PutLifecycleConfiguration")
                        .query("lifecycle")
                        .to(c -> lifecycle.put(c.r(), c.bucket())),
                on(DELETE, BUCKET, "DeleteBucketLifecycle")
                        .iam("s3:PutLifecycleConfiguration")
                        .query("lifecycle")
                        .head(c -> lifecycle.delete(c.r(), c.bucket())),

                // ---- bucket: the rows without a sub-resource come last ---------------------------
                on(PUT, BUCKET, "CreateBucket")
                        .iam("s3:CreateBucket", IamAction.Scope.ACCOUNT)
                        .to(c -> buckets.create(c.r(), c.bucketName())),
                // Browser form uploads (not in the SDK's model: no SDK sends them); the form carries the
                // signature. Any other POST on the bucket URL gets S3's 412.
                on(POST, BUCKET, "PostObject")
                        .iam("s3:PutObject", IamAction.Scope.PER_KEY)
                        .to(c -> postObject.upload(c.r(), c.bucketName())),
                on(DELETE, BUCKET, "DeleteBucket").iam("s3:DeleteBucket").head(c -> {
                    var b = c.bucket();
                    buckets.delete(c.r(), b);
                    replication.forget(b);
                    policy.forget(b);
                }),
                on(GET, BUCKET, "ListObjectsV2")
                        .iam("s3:ListBucket")
                        .queryValue("list-type", "2")
                        .head(c -> listing.listV2(c.r(), c.bucket())),
                on(GET, BUCKET, "ListObjects").iam("s3:ListBucket").head(c -> listing.listV1(c.r(), c.bucket())),

                // ---- object: served ------------------------------------------------------------
                on(PUT, OBJECT, "PutObjectTagging")
                        .iam("s3:PutObjectTagging", "s3:PutObjectVersionTagging")
                        .query("tagging")
                        .to(c -> objects.putTags(c.r(), c.bucket(), c.key())),
                on(GET, OBJECT, "GetObjectTagging")
                        .iam("s3:GetObjectTagging", "s3:GetObjectVersionTagging")
                        .query("tagging")
                        .head(c -> objects.getTags(c.r(), c.bucket(), c.key())),
                on(DELETE, OBJECT, "DeleteObjectTagging")
                        .iam("s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging")
                        .query("tagging")
                        .head(c -> objects.deleteTags(c.r(), c.bucket(), c.key())),
                on(GET, OBJECT, "GetObjectAcl")
                        .iam("s3:GetObjectAcl", "s3:GetObjectVersionAcl")
                        .query("acl")
                        .head(c -> acls.getObjectAcl(c.r(), c.bucket(), c.key())),
                on(PUT, OBJECT, "PutObjectAcl")
                        .iam("s3:PutObjectAcl", "s3:PutObjectVersionAcl")
                        .query("acl")
                        .to(c -> acls.putObjectAcl(c.r(), c.bucket(), c.key())),
                on(GET, OBJECT, "GetObjectAttributes")
                        .iam("s3:GetObjectAttributes", "s3:GetObjectVersionAttributes")
                        .query("attributes")
                        .head(c -> objects.attributes(c.r(), c.bucket(), c.key())),
                on(POST, OBJECT, "CreateMultipartUpload")
                        .iam("s3:PutObject")
                        .query("uploads")
                        .to(c -> multipart.create(c.r(), c.bucket(), c.key())),
                on(PUT, OBJECT, "UploadPartCopy")
                        .iam("s3:PutObject")
                        .query("partNumber", "uploadId")
                        .header("x-amz-copy-source")
                        .head(c -> multipart.uploadPartCopy(c.r(), c.bucket(), c.key(), c::copySource)),
                on(PUT, OBJECT, "UploadPart")
                        .iam("s3:PutObject")
                        .query("partNumber", "uploadId")
                        .to(c -> multipart.uploadPart(c.r(), c.bucket(), c.key(), c.signatures())),
                on(POST, OBJECT, "CompleteMultipartUpload")
                        .iam("s3:PutObject")
                        .query("uploadId")
                        .to(c -> multipart.complete(c.r(), c.bucket(), c.key())),
                on(DELETE, OBJECT, "AbortMultipartUpload")
                        .iam("s3:AbortMultipartUpload")
                        .query("uploadId")
                        .head(c -> multipart.abort(c.r(), c.bucket(), c.key())),
                on(GET, OBJECT, "ListParts")
                        .iam("s3:ListMultipartUploadParts")
                        .query("uploadId")
                        .head(c -> multipart.listParts(c.r(), c.bucket(), c.key())),
                on(GET, OBJECT, "GetObjectRetention")
                        .iam("s3:GetObjectRetention")
                        .query("retention")
                        .head(c -> locks.getRetention(c.r(), c.bucket(), c.key())),
                on(PUT, OBJECT, "PutObjectRetention")
                        .iam("s3:PutObjectRetention")
                        .query("retention")
                        .to(c -> locks.putRetention(c.r(), c.bucket(), c.key())),
                on(GET, OBJECT, "GetObjectLegalHold")
                        .iam("s3:GetObjectLegalHold")
                        .query("legal-hold")
                        .head(c -> locks.getLegalHold(c.r(), c.bucket(), c.key())),
                on(PUT, OBJECT, "PutObjectLegalHold")
                        .iam("s3:PutObjectLegalHold")
                        .query("legal-hold")
                        .to(c -> locks.putLegalHold(c.r(), c.bucket(), c.key())),

                // ---- object: operations we do not serve (yet) ------------------------------------
                on(GET, OBJECT, "GetObjectTorrent").query("torrent").notImplemented(),
                on(PUT, OBJECT, "RenameObject").query("renameObject").notImplemented(),
                on(PUT, OBJECT, "UpdateObjectEncryption").query("encryption").notImplemented(),
                on(GET, OBJECT, "GetObjectAnnotation")
                        .query("annotation", "annotationName")
                        .notImplemented(),
                on(GET, OBJECT, "ListObjectAnnotations").query("annotation").notImplemented(),
                on(PUT, OBJECT, "PutObjectAnnotation").query("annotation").notImplemented(),
                on(DELETE, OBJECT, "DeleteObjectAnnotation").query("annotation").notImplemented(),
                // Restore and select belong to issue 12.
                on(POST, OBJECT, "RestoreObject")
                        .iam("s3:RestoreObject")
                        .query("restore")
                        .to(c -> restore.restore(c.r(), c.bucket(), c.key())),
                on(POST, OBJECT, "SelectObjectContent").query("select").notImplemented(),

                // ---- object: the rows without a sub-resource come last ---------------------------
                on(PUT, OBJECT, "CopyObject")
                        .iam("s3:PutObject")
                        .header("x-amz-copy-source")
                        .head(c -> objects.copy(c.r(), c.bucket(), c.key(), c::copySource)),
                on(PUT, OBJECT, "PutObject")
                        .iam("s3:PutObject")
                        .to(c -> objects.put(c.r(), c.bucket(), c.key(), c.signatures())),
                on(GET, OBJECT, "GetObject")
                        .iam("s3:GetObject", "s3:GetObjectVersion")
                        .head(c -> objects.get(c.r(), c.bucket(), c.key())),
                on(HEAD, OBJECT, "HeadObject")
                        .iam("s3:GetObject", "s3:GetObjectVersion")
                        .head(c -> objects.get(c.r(), c.bucket(), c.key())),
                on(DELETE, OBJECT, "DeleteObject")
                        .iam("s3:DeleteObject", "s3:DeleteObjectVersion")
                        .head(c -> objects.delete(c.r(), c.bucket(), c.key())));
    }

    @Override
    public BodyHandler onRequest(EdgeRequest r) {
        String websiteBucket = WebsiteEndpoint.bucket(r.header("Host"));
        if (websiteBucket != null) {
            // Website endpoints are anonymous and answer in HTML: no signature, no route table.
            website.serve(r, websiteBucket);
            return BodyHandler.DISCARD;
        }
        // Browsers send CORS preflights without credentials; S3 answers them from the bucket's rules.
        // A form upload signs its policy, not its head: PostObjectApi verifies the form's signature.
        S3Auth.Authenticated signed = r.method().equals(OPTIONS) || PostObjectApi.isFormUpload(r)
                ? S3Auth.Authenticated.UNSIGNED
                : auth.authenticate(r);
        S3Address address = S3Address.parse(r.header("Host"), r.path());
        S3Route.Level level = address.bucket() == null ? SERVICE : address.key().isEmpty() ? BUCKET : OBJECT;
        S3Route route = route(r, level, address.bucket());
        if (!route.served()) {
            throw S3Errors.notImplemented(route.subResource());
        }
        if (level != SERVICE && r.header("Origin") != null && !r.method().equals(OPTIONS)) {
            // Only requests a browser made carry an Origin: SDK traffic never pays for the lookup.
            Bucket b = access.find(r, address.bucket(), "x-amz-expected-bucket-owner");
            if (b != null) {
                CorsApi.actualRequest(r, b);
            }
        }
        S3Call call = new S3Call(r, signed.caller(), address, signed.signatures(), access);
        access.authorize(call, route.iam());
        return route.handler().serve(call);
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
        CorsConfiguration cors = b == null ? null : b.cors();
        return cors != null && cors.answer(origin, r.method().name()) != null;
    }

    private S3Route route(EdgeRequest r, S3Route.Level level, String bucket) {
        Map<S3Route.Level, List<S3Route>> byLevel = routesByMethodAndLevel.get(r.method());
        List<S3Route> candidates = byLevel == null ? null : byLevel.get(level);
        if (candidates != null) {
            for (S3Route route : candidates) {
                if (route.matches(r, level, bucket)) {
                    return route;
                }
            }
        }
        throw S3Errors.methodNotAllowed(r.method().name(), level.name());
    }
}
