package dev.minicloud.dns.internal.api;

import dev.minicloud.dns.internal.zones.QueryLoggingConfig;
import dev.minicloud.dns.internal.zones.Route53Errors;
import dev.minicloud.dns.internal.zones.ZoneIds;
import dev.minicloud.dns.internal.zones.ZoneRegistry;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/** Route 53's query logging configurations: Create, Get, List and Delete. */
final class QueryLoggingOperations {
    private final ZoneRegistry zones;
    private final Route53Requests requests;

    QueryLoggingOperations(ZoneRegistry zones, Route53Requests requests) {
        this.zones = zones;
        this.requests = requests;
    }

    void create(EdgeRequest request, String account, byte[] body) {
        XmlElement root = requests.read(body, "CreateQueryLoggingConfigRequest");
        String zoneId = Route53Requests.trim(root.childText("HostedZoneId"));
        if (zoneId == null || zoneId.isEmpty()) {
            throw Route53Errors.invalidInput("1 validation error detected: Value null at 'hostedZoneId' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        QueryLoggingConfig c = zones.createQueryLoggingConfig(
                account, ZoneIds.bare(zoneId), Route53Requests.trim(root.childText("CloudWatchLogsLogGroupArn")));
        XmlWriter w = Route53Xml.document("CreateQueryLoggingConfigResponse");
        config(w, c);
        Route53Requests.respond(
                request,
                HttpResponseStatus.CREATED,
                w,
                "https://route53.amazonaws.com/2013-04-01/queryloggingconfig/" + c.id());
    }

    void get(EdgeRequest request, String account, String id) {
        XmlWriter w = Route53Xml.document("GetQueryLoggingConfigResponse");
        config(w, zones.queryLoggingConfig(account, id));
        Route53Requests.ok(request, w);
    }

    /** ListQueryLoggingConfigs ({@code hostedzoneid}, {@code maxresults}, {@code nexttoken}). */
    void list(EdgeRequest request, String account) {
        String zoneId = request.queryParameter("hostedzoneid");
        List<QueryLoggingConfig> all = zones.queryLoggingConfigs(account, zoneId == null ? null : ZoneIds.bare(zoneId));
        int max = Route53Requests.pageSize(request, "maxresults", 100);
        int start = Route53Requests.pageToken(request, all.size());
        int end = Math.min(all.size(), start + max);
        XmlWriter w = Route53Xml.document("ListQueryLoggingConfigsResponse");
        w.start("QueryLoggingConfigs");
        all.subList(start, end).forEach(c -> config(w, c));
        w.end();
        if (end < all.size()) {
            w.element("NextToken", String.valueOf(end));
        }
        Route53Requests.ok(request, w);
    }

    void delete(EdgeRequest request, String account, String id) {
        zones.deleteQueryLoggingConfig(account, id);
        Route53Requests.ok(request, Route53Xml.document("DeleteQueryLoggingConfigResponse"));
    }

    private static void config(XmlWriter w, QueryLoggingConfig c) {
        w.start("QueryLoggingConfig");
        w.element("Id", c.id());
        w.element("HostedZoneId", c.hostedZoneId());
        w.element("CloudWatchLogsLogGroupArn", c.logGroupArn());
        w.end();
    }
}
