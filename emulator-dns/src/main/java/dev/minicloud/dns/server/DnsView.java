package dev.minicloud.dns.server;

import dev.minicloud.dns.zones.VpcRef;
import dev.minicloud.dns.zones.ZoneIndex;
import dev.minicloud.dns.zones.ZoneSnapshot;
import org.xbill.DNS.Name;

/**
 * Which zones one DNS endpoint may answer from. The public endpoint sees public zones only; a VPC's
 * resolver sees that VPC's private zones first (the most specific matching private zone wins and
 * there is no fall-through to public zones once one matches, as in Route 53) and then public zones.
 */
public interface DnsView {

    /** The zone that answers for {@code name} through this view, or {@code null} if none does. */
    ZoneSnapshot zoneFor(ZoneIndex index, Name name);

    /** The public endpoint's view. */
    static DnsView publicView() {
        return ZoneIndex::publicZoneFor;
    }

    /** The view of the resolver of one VPC. */
    static DnsView vpcView(VpcRef vpc) {
        return (index, name) -> {
            ZoneSnapshot z = index.privateZoneFor(vpc, name);
            return z != null ? z : index.publicZoneFor(name);
        };
    }
}
