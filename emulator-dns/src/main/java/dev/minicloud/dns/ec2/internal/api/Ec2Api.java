package dev.minicloud.dns.ec2.internal.api;

import dev.minicloud.dns.ec2.internal.store.Ec2Store;
import dev.minicloud.dns.ec2.internal.store.RegionState;
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
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The EC2 query API (version 2016-11-15) on the edge port, VPC part: a form body (or URL query)
 * with {@code Action=...}, looked up in one table of actions. Calls are small and in memory: each
 * runs on a worker (never the event loop: a VPC's DNS switch binds or closes a resolver endpoint)
 * under the lock of the caller's region. Errors are EC2's
 * {@code <Response><Errors>} shape; an action outside the table is EC2's {@code InvalidAction}.
 */
public final class Ec2Api implements EdgeHandler {
    private static final int MAX_BODY = 1024 * 1024;

    private final Ec2Store store;
    private final String defaultRegion;
    private final SigV4Verifier verifier;
    private final Map<String, Consumer<Call>> actions;
    private final Offload offload;

    /** @param verifier checks signatures in strict mode, or {@code null} to accept any caller */
    public Ec2Api(Ec2Store store, String defaultRegion, SigV4Verifier verifier, VpcListener vpcs, Offload offload) {
        this.store = store;
        this.offload = offload;
        this.defaultRegion = defaultRegion;
        this.verifier = verifier;
        VpcOperations vpc = new VpcOperations(vpcs);
        SubnetOperations subnet = new SubnetOperations();
        SecurityGroupOperations groups = new SecurityGroupOperations();
        TagOperations tags = new TagOperations();
        InfoOperations info = new InfoOperations();
        this.actions = Map.ofEntries(
                Map.entry("CreateVpc", vpc::create),
                Map.entry("DescribeVpcs", vpc::describe),
                Map.entry("DeleteVpc", vpc::delete),
                Map.entry("ModifyVpcAttribute", vpc::modifyAttribute),
                Map.entry("DescribeVpcAttribute", vpc::describeAttribute),
                Map.entry("CreateSubnet", subnet::create),
                Map.entry("DescribeSubnets", subnet::describe),
                Map.entry("DeleteSubnet", subnet::delete),
                Map.entry("ModifySubnetAttribute", subnet::modifyAttribute),
                Map.entry("CreateSecurityGroup", groups::create),
                Map.entry("DescribeSecurityGroups", groups::describe),
                Map.entry("DeleteSecurityGroup", groups::delete),
                Map.entry("AuthorizeSecurityGroupIngress", c -> groups.authorize(c, false)),
                Map.entry("AuthorizeSecurityGroupEgress", c -> groups.authorize(c, true)),
                Map.entry("RevokeSecurityGroupIngress", c -> groups.revoke(c, false)),
                Map.entry("RevokeSecurityGroupEgress", c -> groups.revoke(c, true)),
                Map.entry("CreateTags", tags::create),
                Map.entry("DeleteTags", tags::delete),
                Map.entry("DescribeTags", tags::describe),
                Map.entry("DescribeAvailabilityZones", info::availabilityZones),
                Map.entry("DescribeRegions", info::regions),
                Map.entry("DescribeAccountAttributes", info::accountAttributes));
    }

    @Override
    public BodyHandler onRequest(EdgeRequest request) {
        AwsException tooLarge =
                Ec2Errors.of("RequestEntityTooLarge", "The request body is larger than " + MAX_BODY + " bytes.");
        return new AggregatingBodyHandler(
                request, MAX_BODY, tooLarge, body -> offload.run(request, () -> handle(request, body)));
    }

    private void handle(EdgeRequest request, byte[] body) {
        try {
            if (verifier != null) {
                VerifiedRequest verified = verifier.verify(request.head(), SigV4.sha256Hex(body));
                if (verified == null) {
                    throw Ec2Errors.of("AuthFailure", "AWS was not able to validate the provided access credentials");
                }
                request.authenticatedAs(verified.accessKey());
            }
            Ec2Request params = Ec2Request.of(request.queryProtocolParameters(body));
            String action = params.string("Action");
            if (action == null) {
                throw Ec2Errors.missingParameter("Action");
            }
            Consumer<Call> operation = actions.get(action);
            if (operation == null) {
                throw Ec2Errors.invalidAction(action);
            }
            RegionState state = store.region(request.account(), region(request));
            XmlWriter out = Ec2Xml.response(action, request.requestId());
            synchronized (state) {
                operation.accept(new Call(params, state, out));
            }
            request.respond(HttpResponseStatus.OK, "text/xml;charset=UTF-8", out.toBytes());
        } catch (AwsException e) {
            request.respondError(e);
        } catch (MalformedUriException e) {
            request.respondError(
                    Ec2Errors.invalidParameterValue("The request body is not valid form encoding: " + e.getMessage()));
        }
    }

    private String region(EdgeRequest request) {
        return request.credentialScope() != null && request.credentialScope().region() != null
                ? request.credentialScope().region()
                : defaultRegion;
    }
}
