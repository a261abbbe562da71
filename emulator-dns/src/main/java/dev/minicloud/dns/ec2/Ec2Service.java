package dev.minicloud.dns.ec2;

import dev.minicloud.dns.ec2.internal.api.Ec2Api;
import dev.minicloud.dns.ec2.internal.api.Ec2Errors;
import dev.minicloud.dns.ec2.internal.api.VpcListener;
import dev.minicloud.dns.ec2.internal.store.Ec2Store;
import dev.minicloud.dns.ec2.internal.store.Ids;
import dev.minicloud.dns.ec2.internal.store.RegionState;
import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.AwsProtocol;
import dev.minicloud.internal.aws.auth.AuthFailures;
import dev.minicloud.internal.aws.auth.SigV4Verifier;
import dev.minicloud.internal.http.EdgeRoute;
import dev.minicloud.spi.AuthMode;
import dev.minicloud.spi.Service;
import dev.minicloud.spi.ServiceContext;
import dev.minicloud.spi.VpcDependents;
import dev.minicloud.spi.VpcDirectory;
import java.util.Optional;
import java.util.Set;

/**
 * The EC2 control plane, VPC part, on the edge port: requests signed for {@code ec2} reach it.
 * Every account finds a default VPC in every region. {@link #vpcExists} answers other services
 * (Route 53 private zones) from Java.
 */
public final class Ec2Service implements Service, VpcDirectory {
    /** EC2's wording where it differs from S3's. */
    private static final AuthFailures EC2 = AuthFailures.withUnknownKey(
            new AwsException(401, "AuthFailure", "AWS was not able to validate the provided access credentials"));

    private final ServiceContext context;
    private final Ec2Store store;

    Ec2Service(ServiceContext context) {
        this.context = context;
        this.store = new Ec2Store(new Ids(context.random()));
        SigV4Verifier verifier = context.config().get(Ec2Settings.AUTH) == AuthMode.STRICT
                ? new SigV4Verifier(context.config().credentials()::get, context.clock(), "ec2", false, EC2)
                : null;
        context.edge()
                .register(new EdgeRoute(
                        "ec2",
                        Set.of("ec2"),
                        null,
                        false,
                        AwsProtocol.EC2_XML,
                        new Ec2Api(
                                store,
                                context.config().region(),
                                verifier,
                                new DependentsCheck(context),
                                context.offload())));
    }

    /**
     * Refuses to delete a VPC another service still uses (a private hosted zone), as EC2 does, and
     * tells that service when a VPC's DNS support changes.
     */
    private record DependentsCheck(ServiceContext context) implements VpcListener {
        @Override
        public void beforeDelete(String account, String region, String vpcId) {
            if (context.service(VpcDependents.class)
                    .map(d -> d.hasDependents(region, vpcId))
                    .orElse(false)) {
                throw Ec2Errors.dependencyViolation("The vpc '" + vpcId + "' has dependencies and cannot be deleted.");
            }
        }

        @Override
        public void dnsSupportChanged(String account, String region, String vpcId, boolean enabled) {
            context.service(VpcDependents.class).ifPresent(d -> d.dnsSupportChanged(region, vpcId, enabled));
        }
    }

    @Override
    public String ownerOf(String region, String vpcId) {
        return store.ownerOf(region, vpcId);
    }

    @Override
    public Optional<VpcDirectory.Subnet> subnet(String account, String region, String subnetId) {
        RegionState state = store.region(account, region);
        synchronized (state) {
            dev.minicloud.dns.ec2.internal.model.Subnet s = state.subnets().get(subnetId);
            return s == null
                    ? Optional.empty()
                    : Optional.of(new VpcDirectory.Subnet(
                            s.id(), s.vpcId(), s.zone().name(), s.cidr().toString()));
        }
    }

    /** Whether {@code vpcId} is a VPC of {@code account} in {@code region} (the default VPC included). */
    public boolean vpcExists(String account, String region, String vpcId) {
        RegionState state = store.region(account, region);
        synchronized (state) {
            return state.vpcs().containsKey(vpcId);
        }
    }

    @Override
    public String name() {
        return "ec2";
    }

    @Override
    public void start() {
        // EC2 lives on the edge port, which MiniCloud binds.
    }

    @Override
    public String endpoint() {
        return context.edgeEndpoint().toString();
    }

    @Override
    public void reset() {
        store.clear();
    }

    @Override
    public void close() {
        store.clear();
    }
}
