package dev.minicloud.dns.internal.zones;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;

/**
 * The metadata of one hosted zone (everything but its records): bare id ({@code Z...}), owning
 * account, apex name, caller reference, comment, whether it is private and the VPCs it is
 * associated with, its four name servers (those of a reusable delegation set when
 * {@code delegationSetId} names one), tags and DNSSEC keys and signing. Immutable; changes produce a copy.
 */
public record HostedZone(
        String id,
        String account,
        Name name,
        String callerReference,
        String comment,
        boolean privateZone,
        List<VpcRef> vpcs,
        List<String> nameServers,
        String delegationSetId,
        Map<String, String> tags,
        Instant created,
        long sequence,
        DnssecState dnssec) {

    public HostedZone {
        vpcs = List.copyOf(vpcs);
        nameServers = List.copyOf(nameServers);
        tags = Map.copyOf(tags);
        dnssec = dnssec == null ? DnssecState.NONE : dnssec;
    }

    public HostedZone withComment(String newComment) {
        return new HostedZone(
                id,
                account,
                name,
                callerReference,
                newComment,
                privateZone,
                vpcs,
                nameServers,
                delegationSetId,
                tags,
                created,
                sequence,
                dnssec);
    }

    public HostedZone withVpcs(List<VpcRef> newVpcs) {
        return new HostedZone(
                id,
                account,
                name,
                callerReference,
                comment,
                privateZone,
                newVpcs,
                nameServers,
                delegationSetId,
                tags,
                created,
                sequence,
                dnssec);
    }

    /** The same zone on a reusable delegation set made from its own name servers. */
    public HostedZone withDelegationSet(String setId) {
        return new HostedZone(
                id,
                account,
                name,
                callerReference,
                comment,
                privateZone,
                vpcs,
                nameServers,
                setId,
                tags,
                created,
                sequence,
                dnssec);
    }

    public HostedZone withDnssec(DnssecState state) {
        return new HostedZone(
                id,
                account,
                name,
                callerReference,
                comment,
                privateZone,
                vpcs,
                nameServers,
                delegationSetId,
                tags,
                created,
                sequence,
                state);
    }

    public HostedZone withTags(Map<String, String> newTags) {
        return new HostedZone(
                id,
                account,
                name,
                callerReference,
                comment,
                privateZone,
                vpcs,
                nameServers,
                delegationSetId,
                newTags,
                created,
                sequence,
                dnssec);
    }
}
