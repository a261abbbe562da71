package dev.minicloud.dns.internal.server;

import dev.minicloud.dns.internal.zones.VpcRef;
import dev.minicloud.dns.internal.zones.ZoneIndex;
import dev.minicloud.dns.internal.zones.ZoneSnapshot;
import org.xbill.DNS.Name;

/**
 * Which zones one DNS endpoint may answer from, and the AWS region it stands in (latency records are
 * chosen by it). The public endpoint sees public zones only; a VPC's resolver sees that VPC's private
 * zones first (the most specific matching private zone wins and there is no fall-through to public
 * zones once one matches, as in Route 53) and then public zones, and is in the VPC's region.
 */
public interface DnsView {

    /** The zone that answers for {@code name} through this view, or {@code null} if none does. */
    ZoneSnapshot zoneFor(ZoneIndex index, Name name);

    /** The region of the endpoint: latency-routed record sets are chosen by it. */
    String region();

    /** Where the query's client is, by the subnet tables ({@link ClientPlace#UNKNOWN} without them). */
    default ClientPlace client() {
        return ClientPlace.UNKNOWN;
    }

    /** Whether clients are placed at all: then latency and geolocation answers differ by client and are not cached. */
    default boolean placesClients() {
        return false;
    }

    /**
     * This view as one client sees it: its region is the client's when the tables know it (latency
     * records are chosen by it), else the endpoint's.
     */
    default DnsView forClient(ClientPlace place, boolean byTables) {
        DnsView endpoint = this;
        return new DnsView() {
            @Override
            public ZoneSnapshot zoneFor(ZoneIndex index, Name name) {
                return endpoint.zoneFor(index, name);
            }

            @Override
            public String region() {
                return place.region() != null ? place.region() : endpoint.region();
            }

            @Override
            public ClientPlace client() {
                return place;
            }

            @Override
            public boolean placesClients() {
                return byTables;
            }
        };
    }

    /** The public endpoint's view, in {@code region}. */
    static DnsView publicView(String region) {
        return new DnsView() {
            @Override
            public ZoneSnapshot zoneFor(ZoneIndex index, Name name) {
                return index.publicZoneFor(name);
            }

            @Override
            public String region() {
                return region;
            }
        };
    }

    /** The view of the resolver of one VPC, in the VPC's region. */
    static DnsView vpcView(VpcRef vpc) {
        return new DnsView() {
            @Override
            public ZoneSnapshot zoneFor(ZoneIndex index, Name name) {
                ZoneSnapshot z = index.privateZoneFor(vpc, name);
                return z != null ? z : index.publicZoneFor(name);
            }

            @Override
            public String region() {
                return vpc.region();
            }
        };
    }
}
