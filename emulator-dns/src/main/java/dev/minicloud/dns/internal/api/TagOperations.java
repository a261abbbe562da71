package dev.minicloud.dns.internal.api;

import dev.minicloud.dns.internal.health.HealthCheckRegistry;
import dev.minicloud.dns.internal.zones.Route53Errors;
import dev.minicloud.dns.internal.zones.ZoneIds;
import dev.minicloud.dns.internal.zones.ZoneRegistry;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ChangeTagsForResource, ListTagsForResource and ListTagsForResources, for hosted zones and health
 * checks: one {@link Tagged} per resource type, so the operations are written once.
 */
final class TagOperations {
    /** The tags of one kind of resource: read them (or its {@code NoSuch...} error), change them. */
    private interface Tagged {
        /** The id as Route 53 answers it in {@code ResourceId}, and the tags; throws if there is no such resource. */
        Map.Entry<String, Map<String, String>> tags(String account, String id);

        void change(String account, String id, Map<String, String> add, List<String> remove);
    }

    private final Map<String, Tagged> types;
    private final Route53Requests requests;

    TagOperations(ZoneRegistry zones, HealthCheckRegistry healthChecks, Route53Requests requests) {
        this.requests = requests;
        this.types = Map.of(
                "hostedzone",
                        new Tagged() {
                            @Override
                            public Map.Entry<String, Map<String, String>> tags(String account, String id) {
                                var z = zones.zone(account, ZoneIds.bare(id)).zone();
                                return Map.entry(z.id(), z.tags());
                            }

                            @Override
                            public void change(
                                    String account, String id, Map<String, String> add, List<String> remove) {
                                zones.changeTags(account, ZoneIds.bare(id), add, remove);
                            }
                        },
                "healthcheck",
                        new Tagged() {
                            @Override
                            public Map.Entry<String, Map<String, String>> tags(String account, String id) {
                                var c = healthChecks.get(account, id);
                                return Map.entry(c.id(), c.tags());
                            }

                            @Override
                            public void change(
                                    String account, String id, Map<String, String> add, List<String> remove) {
                                healthChecks.changeTags(account, id, add, remove);
                            }
                        });
    }

    private Tagged type(String resourceType) {
        Tagged t = types.get(resourceType);
        if (t == null) {
            throw Route53Errors.invalidInput("1 validation error detected: Value '" + resourceType + "' at "
                    + "'resourceType' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[healthcheck, hostedzone]");
        }
        return t;
    }

    void list(EdgeRequest request, String account, String resourceType, String id) {
        XmlWriter w = Route53Xml.document("ListTagsForResourceResponse");
        tagSet(w, resourceType, type(resourceType).tags(account, id));
        Route53Requests.ok(request, w);
    }

    void change(EdgeRequest request, String account, String resourceType, String id, byte[] body) {
        Tagged type = type(resourceType);
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
        type.change(account, id, add, remove);
        Route53Requests.ok(request, Route53Xml.document("ChangeTagsForResourceResponse"));
    }

    void listMany(EdgeRequest request, String account, String resourceType, byte[] body) {
        Tagged type = type(resourceType);
        XmlElement root = requests.read(body, "ListTagsForResourcesRequest");
        XmlWriter w = Route53Xml.document("ListTagsForResourcesResponse");
        w.start("ResourceTagSets");
        XmlElement ids = root.child("ResourceIds");
        if (ids != null) {
            for (XmlElement id : ids.children("ResourceId")) {
                tagSet(w, resourceType, type.tags(account, id.text()));
            }
        }
        w.end();
        Route53Requests.ok(request, w);
    }

    private static void tagSet(XmlWriter w, String resourceType, Map.Entry<String, Map<String, String>> resource) {
        w.start("ResourceTagSet");
        w.element("ResourceType", resourceType);
        w.element("ResourceId", resource.getKey());
        Route53Xml.tags(w, resource.getValue());
        w.end();
    }
}
