package dev.minicloud.dns.internal.zones;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Query logging configurations, at most one per public hosted zone. Not thread-safe: {@link ZoneRegistry}
 * owns it and calls it under its lock (a zone's deletion removes its configuration).
 */
final class QueryLoggingConfigs {
    /** Route 53 takes a CloudWatch Logs log group in us-east-1; the log group itself is not emulated. */
    private static final Pattern LOG_GROUP_ARN =
            Pattern.compile("arn:aws[a-z-]*:logs:us-east-1:\\d{12}:log-group:[\\w./#-]{1,512}(:\\*)?");

    private final Map<String, QueryLoggingConfig> byId = new LinkedHashMap<>();

    QueryLoggingConfig create(ZoneSnapshot zone, String logGroupArn, Random ids) {
        if (logGroupArn == null || !LOG_GROUP_ARN.matcher(logGroupArn).matches()) {
            throw Route53Errors.invalidInput("The ARN for the CloudWatch Logs log group is invalid");
        }
        if (zone.zone().privateZone()) {
            throw Route53Errors.invalidInput("Query logging is not supported for private hosted zones.");
        }
        for (QueryLoggingConfig c : byId.values()) {
            if (c.hostedZoneId().equals(zone.zone().id())) {
                throw Route53Errors.queryLoggingConfigAlreadyExists();
            }
        }
        QueryLoggingConfig c = new QueryLoggingConfig(
                new UUID(ids.nextLong(), ids.nextLong()).toString(), zone.zone().id(), logGroupArn);
        byId.put(c.id(), c);
        return c;
    }

    QueryLoggingConfig get(String id, List<String> ownZones) {
        QueryLoggingConfig c = byId.get(id);
        if (c == null || !ownZones.contains(c.hostedZoneId())) {
            throw Route53Errors.noSuchQueryLoggingConfig();
        }
        return c;
    }

    /** The configurations of the zones listed, in creation order. */
    List<QueryLoggingConfig> list(List<String> zoneIds) {
        List<QueryLoggingConfig> out = new ArrayList<>();
        for (QueryLoggingConfig c : byId.values()) {
            if (zoneIds.contains(c.hostedZoneId())) {
                out.add(c);
            }
        }
        return out;
    }

    void remove(String id) {
        byId.remove(id);
    }

    void zoneDeleted(String zoneId) {
        byId.values().removeIf(c -> c.hostedZoneId().equals(zoneId));
    }

    void clear() {
        byId.clear();
    }
}
