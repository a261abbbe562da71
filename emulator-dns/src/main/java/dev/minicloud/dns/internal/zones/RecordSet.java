package dev.minicloud.dns.internal.zones;

import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * One resource record set as Route 53 stores it: name, type, the routing-policy fields
 * ({@code SetIdentifier}, {@code Weight}, {@code MultiValueAnswer}, and the stored-only
 * {@code Region}, {@code Failover}, {@code GeoLocation}, {@code GeoProximityLocation}), TTL and
 * values, or an alias target.
 * {@code records} holds the values already parsed into wire records, so the DNS server never parses
 * text on the query path. Immutable.
 */
public record RecordSet(
        Name name,
        int type,
        String setIdentifier,
        Long weight,
        String region,
        String failover,
        Map<String, String> geoLocation,
        Boolean multiValueAnswer,
        Long ttl,
        List<String> values,
        AliasTarget aliasTarget,
        String healthCheckId,
        List<Record> records,
        GeoProximity geoProximity,
        CidrRouting cidrRouting) {

    /** A set without a geoproximity location or CIDR routing. */
    public RecordSet(
            Name name,
            int type,
            String setIdentifier,
            Long weight,
            String region,
            String failover,
            Map<String, String> geoLocation,
            Boolean multiValueAnswer,
            Long ttl,
            List<String> values,
            AliasTarget aliasTarget,
            String healthCheckId,
            List<Record> records) {
        this(
                name,
                type,
                setIdentifier,
                weight,
                region,
                failover,
                geoLocation,
                multiValueAnswer,
                ttl,
                values,
                aliasTarget,
                healthCheckId,
                records,
                null,
                null);
    }

    public RecordSet {
        values = values == null ? List.of() : List.copyOf(values);
        records = records == null ? List.of() : List.copyOf(records);
        geoLocation = geoLocation == null ? Map.of() : Map.copyOf(geoLocation);
    }

    public RecordKey key() {
        return new RecordKey(name, type, setIdentifier);
    }

    public boolean isAlias() {
        return aliasTarget != null;
    }

    /** Whether this set takes part in a routing policy (it has a {@code SetIdentifier}). */
    public boolean isRouted() {
        return setIdentifier != null;
    }
}
