package dev.minicloud.dns.internal.zones;

import dev.minicloud.spi.VpcDirectory;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who owns each VPC, and which VPCs of other accounts each private zone has authorized
 * (CreateVPCAssociationAuthorization): what Route 53 checks before a VPC and a zone of different
 * accounts are associated, so that no account can put its records into another account's view.
 *
 * <p>Owners come from the EC2 service when one runs ({@code directory}): a VPC it does not know is
 * Route 53's {@code InvalidVPCId}. Without one (or with {@code --dns-vpc-ownership first-use}), a VPC
 * belongs to the first account that uses its id (in a private CreateHostedZone or an
 * AssociateVPCWithHostedZone) and stays that account's until reset. Not thread-safe:
 * {@link ZoneRegistry} calls it under its write lock.
 */
final class VpcAuthorizations {
    private final Map<VpcRef, String> owners = new HashMap<>();
    private final Map<String, Set<VpcRef>> byZone = new HashMap<>();
    private final Supplier<VpcDirectory> directory;

    /** @param directory the EC2 service's VPCs, looked up per call ({@code null} result: first use decides) */
    VpcAuthorizations(Supplier<VpcDirectory> directory) {
        this.directory = directory;
    }

    /** The owning account, or {@code null} for a VPC no account has used yet (or EC2 does not know). */
    String owner(VpcRef vpc) {
        VpcDirectory ec2 = directory.get();
        return ec2 != null ? ec2.ownerOf(vpc.region(), vpc.vpcId()) : owners.get(vpc);
    }

    /** Throws {@code InvalidVPCId} unless {@code vpc} is {@code account}'s (or, by first use, no one's yet). */
    void checkUsableBy(String account, VpcRef vpc) {
        VpcDirectory ec2 = directory.get();
        String owner = ec2 != null ? ec2.ownerOf(vpc.region(), vpc.vpcId()) : owners.get(vpc);
        if (ec2 != null && owner == null) {
            throw Route53Errors.invalidVpcId("The VPC ID that you specified either isn't a valid ID or the current "
                    + "account is not authorized to access this VPC: " + vpc.vpcId());
        }
        if (owner != null && !owner.equals(account)) {
            throw Route53Errors.invalidVpcId("The VPC ID that you specified either isn't a valid ID or the current "
                    + "account is not authorized to access this VPC: " + vpc.vpcId());
        }
    }

    void claim(String account, VpcRef vpc) {
        owners.putIfAbsent(vpc, account);
    }

    void authorize(String zoneId, VpcRef vpc) {
        byZone.computeIfAbsent(zoneId, z -> new LinkedHashSet<>()).add(vpc);
    }

    boolean isAuthorized(String zoneId, VpcRef vpc) {
        return byZone.getOrDefault(zoneId, Set.of()).contains(vpc);
    }

    /** Removes an authorization; {@code false} if there was none. */
    boolean revoke(String zoneId, VpcRef vpc) {
        Set<VpcRef> vpcs = byZone.get(zoneId);
        return vpcs != null && vpcs.remove(vpc);
    }

    List<VpcRef> authorized(String zoneId) {
        return List.copyOf(byZone.getOrDefault(zoneId, Set.of()));
    }

    void zoneDeleted(String zoneId) {
        byZone.remove(zoneId);
    }

    void clear() {
        owners.clear();
        byZone.clear();
    }
}
