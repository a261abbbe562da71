package dev.minicloud.dns.internal.api;

import dev.minicloud.dns.internal.zones.DelegationSet;
import dev.minicloud.dns.internal.zones.Route53Errors;
import dev.minicloud.dns.internal.zones.ZoneIds;
import dev.minicloud.dns.internal.zones.ZoneRegistry;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import io.netty.handler.codec.http.HttpResponseStatus;

/** Route 53's reusable delegation sets: Create, Get, List and Delete. */
final class DelegationSetOperations {
    private final ZoneRegistry zones;
    private final Route53Requests requests;

    DelegationSetOperations(ZoneRegistry zones, Route53Requests requests) {
        this.zones = zones;
        this.requests = requests;
    }

    void create(EdgeRequest request, String account, byte[] body) {
        XmlElement root = requests.read(body, "CreateReusableDelegationSetRequest");
        String callerReference = Route53Requests.trim(root.childText("CallerReference"));
        if (callerReference == null || callerReference.isEmpty() || callerReference.length() > 128) {
            throw Route53Errors.invalidInput("1 validation error detected: Value '" + callerReference + "' at "
                    + "'callerReference' failed to satisfy constraint: Member must have length between 1 and 128");
        }
        DelegationSet set = zones.createDelegationSet(
                account, callerReference, Route53Requests.trim(root.childText("HostedZoneId")));
        XmlWriter w = Route53Xml.document("CreateReusableDelegationSetResponse");
        Route53Xml.delegationSet(w, set);
        Route53Requests.respond(
                request,
                HttpResponseStatus.CREATED,
                w,
                "https://route53.amazonaws.com/2013-04-01/delegationset/" + set.id());
    }

    void get(EdgeRequest request, String account, String id) {
        XmlWriter w = Route53Xml.document("GetReusableDelegationSetResponse");
        Route53Xml.delegationSet(w, zones.delegationSet(account, ZoneIds.bare(id)));
        Route53Requests.ok(request, w);
    }

    void list(EdgeRequest request, String account) {
        Route53Requests.markerPage(
                request,
                "ListReusableDelegationSetsResponse",
                "DelegationSets",
                zones.delegationSets(account),
                DelegationSet::id,
                100,
                Route53Xml::delegationSet);
    }

    void delete(EdgeRequest request, String account, String id) {
        zones.deleteDelegationSet(account, ZoneIds.bare(id));
        Route53Requests.ok(request, Route53Xml.document("DeleteReusableDelegationSetResponse"));
    }
}
