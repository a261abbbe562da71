package dev.minicloud.dns.api;

import dev.minicloud.core.aws.AwsException;
import dev.minicloud.core.http.EdgeRequest;
import dev.minicloud.core.xml.XmlElement;
import dev.minicloud.core.xml.XmlWriter;
import dev.minicloud.dns.zones.Route53Errors;
import dev.minicloud.dns.zones.ZoneIds;
import dev.minicloud.dns.zones.ZoneRegistry;
import dev.minicloud.dns.zones.ZoneSnapshot;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ChangeTagsForResource, ListTagsForResource and ListTagsForResources, for hosted zones. */
final class TagOperations {
    private final ZoneRegistry zones;
    private final Route53Requests requests;

    TagOperations(ZoneRegistry zones, Route53Requests requests) {
        this.zones = zones;
        this.requests = requests;
    }

    void handle(EdgeRequest request, String account, List<String> segments, byte[] body) {
        String resourceType = segments.get(1);
        if (!resourceType.equals("hostedzone") && !resourceType.equals("healthcheck")) {
            throw Route53Errors.invalidInput("Invalid request: unknown resource type " + resourceType);
        }
        if (resourceType.equals("healthcheck")) {
            throw new AwsException(404, "NoSuchHealthCheck", "MiniCloud does not emulate health checks.");
        }
        HttpMethod method = request.method();
        if (segments.size() == 3 && method.equals(HttpMethod.GET)) {
            ZoneSnapshot z = zones.zone(account, ZoneIds.bare(segments.get(2)));
            XmlWriter w = Route53Xml.document("ListTagsForResourceResponse");
            tagSet(w, z);
            Route53Requests.ok(request, w);
            return;
        }
        if (segments.size() == 3 && method.equals(HttpMethod.POST)) {
            XmlElement root = requests.read(body, "ChangeTagsForResourceRequest");
            Map<String, String> add = new LinkedHashMap<>();
            XmlElement addTags = root.child("AddTags");
            if (addTags != null) {
                for (XmlElement t : addTags.children("Tag")) {
                    add.put(t.childText("Key"), t.childText("Value") == null ? "" : t.childText("Value"));
                }
            }
            List<String> remove = new ArrayList<>();
            XmlElement removeKeys = root.child("RemoveTagKeys");
            if (removeKeys != null) {
                for (XmlElement k : removeKeys.children("Key")) {
                    remove.add(k.rawText());
                }
            }
            if (add.size() > 10 || remove.size() > 10) {
                throw Route53Errors.invalidInput("Invalid request: at most 10 tags may be added or removed at once");
            }
            zones.changeTags(account, ZoneIds.bare(segments.get(2)), add, remove);
            Route53Requests.ok(request, Route53Xml.document("ChangeTagsForResourceResponse"));
            return;
        }
        if (segments.size() == 2 && method.equals(HttpMethod.POST)) {
            XmlElement root = requests.read(body, "ListTagsForResourcesRequest");
            XmlWriter w = Route53Xml.document("ListTagsForResourcesResponse");
            w.start("ResourceTagSets");
            XmlElement ids = root.child("ResourceIds");
            if (ids != null) {
                for (XmlElement id : ids.children("ResourceId")) {
                    tagSet(w, zones.zone(account, ZoneIds.bare(id.text())));
                }
            }
            w.end();
            Route53Requests.ok(request, w);
            return;
        }
        throw Route53Errors.invalidInput("Invalid request: " + method + " " + request.rawPath());
    }

    private static void tagSet(XmlWriter w, ZoneSnapshot z) {
        w.start("ResourceTagSet");
        w.element("ResourceType", "hostedzone");
        w.element("ResourceId", z.zone().id());
        Route53Xml.tags(w, z.zone().tags());
        w.end();
    }
}
