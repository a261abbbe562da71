package dev.minicloud.kv.elasticache.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.MalformedUriException;
import dev.minicloud.internal.aws.auth.SigV4;
import dev.minicloud.internal.aws.auth.SigV4Verifier;
import dev.minicloud.internal.aws.auth.VerifiedRequest;
import dev.minicloud.internal.http.AggregatingBodyHandler;
import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.http.Offload;
import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.kv.elasticache.internal.model.CacheStore;
import dev.minicloud.kv.elasticache.internal.model.RegionCaches;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The ElastiCache query API (version 2015-02-02) on the edge port: a form body (or URL query) with
 * {@code Action=...}, looked up in one table of actions. Each call runs on a worker (starting a
 * node binds a socket, which must not happen on an event loop) under the lock of the caller's
 * account and region. Errors are the query protocol's {@code <ErrorResponse>}; an action outside
 * the table is {@code InvalidAction}.
 */
public final class ElastiCacheApi implements EdgeHandler {
    private static final int MAX_BODY = 1024 * 1024;
    private static final String VERSION = "2015-02-02";

    private final CacheStore store;
    private final String defaultRegion;
    private final Clock clock;
    private final Offload offload;
    private final SigV4Verifier verifier;
    private final boolean dnsNames;
    private final Map<String, Consumer<Call>> actions;

    /**
     * @param verifier checks signatures in strict mode, or {@code null} to accept any caller
     * @param dnsNames endpoints answered by ElastiCache DNS name rather than the node's IP address
     */
    public ElastiCacheApi(
            CacheStore store,
            String defaultRegion,
            Clock clock,
            Offload offload,
            Env env,
            SigV4Verifier verifier,
            boolean dnsNames) {
        this.store = store;
        this.dnsNames = dnsNames;
        this.verifier = verifier;
        this.defaultRegion = defaultRegion;
        this.clock = clock;
        this.offload = offload;
        ClusterOperations clusters = new ClusterOperations(env);
        ReplicationGroupOperations groups = new ReplicationGroupOperations(env);
        SubnetGroupOperations subnets = new SubnetGroupOperations(env);
        ParameterGroupOperations params = new ParameterGroupOperations(env);
        InfoOperations info = new InfoOperations();
        TagOperations tags = new TagOperations();
        SnapshotOperations snapshots = new SnapshotOperations();
        ServerlessOperations serverless = new ServerlessOperations(env);
        UserOperations users = new UserOperations();
        this.actions = Map.ofEntries(
                Map.entry("CreateCacheCluster", clusters::create),
                Map.entry("DescribeCacheClusters", clusters::describe),
                Map.entry("ModifyCacheCluster", clusters::modify),
                Map.entry("DeleteCacheCluster", clusters::delete),
                Map.entry("RebootCacheCluster", clusters::reboot),
                Map.entry("CreateReplicationGroup", groups::create),
                Map.entry("DescribeReplicationGroups", groups::describe),
                Map.entry("ModifyReplicationGroup", groups::modify),
                Map.entry("DeleteReplicationGroup", groups::delete),
                Map.entry("IncreaseReplicaCount", groups::increaseReplicaCount),
                Map.entry("DecreaseReplicaCount", groups::decreaseReplicaCount),
                Map.entry("TestFailover", groups::testFailover),
                Map.entry("CreateCacheSubnetGroup", subnets::create),
                Map.entry("DescribeCacheSubnetGroups", subnets::describe),
                Map.entry("ModifyCacheSubnetGroup", subnets::modify),
                Map.entry("DeleteCacheSubnetGroup", subnets::delete),
                Map.entry("CreateCacheParameterGroup", params::create),
                Map.entry("DescribeCacheParameterGroups", params::describeGroups),
                Map.entry("ModifyCacheParameterGroup", params::modify),
                Map.entry("ResetCacheParameterGroup", params::reset),
                Map.entry("DeleteCacheParameterGroup", params::delete),
                Map.entry("DescribeCacheParameters", params::describeParameters),
                Map.entry("DescribeEngineDefaultParameters", params::describeEngineDefaults),
                Map.entry("DescribeCacheEngineVersions", info::engineVersions),
                Map.entry("DescribeEvents", info::events),
                Map.entry("CreateSnapshot", snapshots::create),
                Map.entry("DescribeSnapshots", snapshots::describe),
                Map.entry("CopySnapshot", snapshots::copy),
                Map.entry("DeleteSnapshot", snapshots::delete),
                Map.entry("CreateServerlessCache", serverless::create),
                Map.entry("DescribeServerlessCaches", serverless::describe),
                Map.entry("DeleteServerlessCache", serverless::delete),
                Map.entry("CreateUser", users::createUser),
                Map.entry("DescribeUsers", users::describeUsers),
                Map.entry("ModifyUser", users::modifyUser),
                Map.entry("DeleteUser", users::deleteUser),
                Map.entry("CreateUserGroup", users::createGroup),
                Map.entry("DescribeUserGroups", users::describeGroups),
                Map.entry("ModifyUserGroup", users::modifyGroup),
                Map.entry("DeleteUserGroup", users::deleteGroup),
                Map.entry("AddTagsToResource", tags::add),
                Map.entry("RemoveTagsFromResource", tags::remove),
                Map.entry("ListTagsForResource", tags::list));
    }

    @Override
    public BodyHandler onRequest(EdgeRequest request) {
        AwsException tooLarge =
                EcErrors.of(413, "RequestEntityTooLarge", "The request body is larger than " + MAX_BODY + " bytes.");
        return new AggregatingBodyHandler(
                request, MAX_BODY, tooLarge, body -> offload.run(request, () -> handle(request, body)));
    }

    private void handle(EdgeRequest request, byte[] body) {
        try {
            if (verifier != null) {
                VerifiedRequest verified = verifier.verify(request.head(), SigV4.sha256Hex(body));
                if (verified == null) {
                    throw EcErrors.of(
                            403, "InvalidClientTokenId", "The security token included in the request is invalid.");
                }
                request.authenticatedAs(verified.accessKey());
            }
            Params params = Params.of(request.queryProtocolParameters(body));
            String action = params.string("Action");
            if (action == null) {
                throw EcErrors.missingParameter("Action");
            }
            Consumer<Call> operation = actions.get(action);
            if (operation == null) {
                throw EcErrors.of(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
            }
            String version = params.string("Version");
            if (version != null && !version.equals(VERSION)) {
                throw EcErrors.of(
                        400,
                        "InvalidParameterValue",
                        "Unsupported API version " + version + "; this service speaks " + VERSION + ".");
            }
            RegionCaches state = store.region(request.account(), region(request));
            XmlWriter out = EcXml.response(action);
            synchronized (state) {
                operation.accept(new Call(params, state, out, clock.instant(), dnsNames));
            }
            request.respond(HttpResponseStatus.OK, "text/xml", EcXml.finish(out, request.requestId()));
        } catch (AwsException e) {
            request.respondError(e);
        } catch (MalformedUriException e) {
            request.respondError(
                    EcErrors.invalidParameterValue("The request body is not valid form encoding: " + e.getMessage()));
        }
    }

    private String region(EdgeRequest request) {
        return request.credentialScope() != null && request.credentialScope().region() != null
                ? request.credentialScope().region()
                : defaultRegion;
    }
}
