package dev.minicloud.dns.internal.server;

import dev.minicloud.dns.internal.zones.SubnetTable;
import java.net.InetAddress;
import java.util.List;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.OPTRecord;

/**
 * Places a query's client with the configured subnet tables: by its EDNS Client Subnet (RFC 7871)
 * when the query has one, else by the address it came from. Without tables every client is
 * {@link ClientPlace#UNKNOWN}.
 */
public final class ClientLocator {
    private final SubnetTable<String> regions;
    private final SubnetTable<ClientPlace.GeoPlace> locations;
    private final SubnetTable<ClientPlace.Coordinates> coordinates;

    public ClientLocator(
            SubnetTable<String> regions,
            SubnetTable<ClientPlace.GeoPlace> locations,
            SubnetTable<ClientPlace.Coordinates> coordinates) {
        this.regions = regions;
        this.locations = locations;
        this.coordinates = coordinates;
    }

    static ClientLocator none() {
        return new ClientLocator(SubnetTable.empty(), SubnetTable.empty(), SubnetTable.empty());
    }

    boolean isEmpty() {
        return regions.isEmpty() && locations.isEmpty() && coordinates.isEmpty();
    }

    /** The client's subnet option, if the query carries one. */
    static ClientSubnetOption clientSubnet(OPTRecord opt) {
        if (opt == null) {
            return null;
        }
        List<EDNSOption> options = opt.getOptions(EDNSOption.Code.CLIENT_SUBNET);
        // dnsjava parses code 8 as ClientSubnetOption (or refuses the message); anything else is no subnet.
        return !options.isEmpty() && options.get(0) instanceof ClientSubnetOption subnet ? subnet : null;
    }

    ClientPlace locate(InetAddress source, ClientSubnetOption subnet) {
        InetAddress client = subnet != null ? subnet.getAddress() : source;
        return isEmpty()
                ? new ClientPlace(null, null, client, null)
                : new ClientPlace(regions.find(client), locations.find(client), client, coordinates.find(client));
    }
}
