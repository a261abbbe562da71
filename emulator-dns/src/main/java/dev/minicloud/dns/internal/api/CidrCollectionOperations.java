package dev.minicloud.dns.internal.api;

import dev.minicloud.dns.internal.zones.CidrCollection;
import dev.minicloud.dns.internal.zones.CidrCollectionRegistry;
import dev.minicloud.dns.internal.zones.RecordSet;
import dev.minicloud.dns.internal.zones.Route53Errors;
import dev.minicloud.dns.internal.zones.ZoneRegistry;
import dev.minicloud.dns.internal.zones.ZoneSnapshot;
import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * IP-based routing's CIDR collections: Create, Change, Delete, List, ListCidrBlocks and
 * ListCidrLocations, paged with {@code nexttoken}/{@code maxresults}. A location that record sets use
 * cannot be emptied, nor its collection deleted.
 */
final class CidrCollectionOperations {
    private static final Pattern NAME = Pattern.compile("[0-9A-Za-z_\\-]{1,64}");
    private static final Pattern LOCATION = Pattern.compile("[0-9A-Za-z_\\-]{1,16}");

    private final CidrCollectionRegistry collections;
    private final ZoneRegistry zones;
    private final Route53Requests requests;

    CidrCollectionOperations(CidrCollectionRegistry collections, ZoneRegistry zones, Route53Requests requests) {
        this.collections = collections;
        this.zones = zones;
        this.requests = requests;
    }

    void create(EdgeRequest request, String account, byte[] body) {
        XmlElement root = requests.read(body, "CreateCidrCollectionRequest");
        String name = root.childText("Name");
        String ref = root.childText("CallerReference");
        if (name == null || !NAME.matcher(name).matches()) {
            throw HealthCheckConfigReader.validation(
                    String.valueOf(name), "name", "Member must satisfy regular expression pattern: [0-9A-Za-z_\\-]+");
        }
        if (ref == null || ref.isEmpty() || ref.length() > 64) {
            throw HealthCheckConfigReader.validation(
                    String.valueOf(ref), "callerReference", "Member must have length between 1 and 64");
        }
        CidrCollection c = collections.create(account, name, ref).collection();
        XmlWriter w = Route53Xml.document("CreateCidrCollectionResponse");
        collection(w, "Collection", c);
        Route53Requests.respond(
                request,
                HttpResponseStatus.CREATED,
                w,
                "https://route53.amazonaws.com/2013-04-01/cidrcollection/" + c.id());
    }

    void change(EdgeRequest request, String account, String id, byte[] body) {
        XmlElement root = requests.read(body, "ChangeCidrCollectionRequest");
        String versionText = root.childText("CollectionVersion");
        Long version;
        try {
            version = versionText == null ? null : Long.valueOf(versionText.trim());
        } catch (NumberFormatException e) {
            throw Route53Errors.invalidInput(
                    "Invalid request: CollectionVersion must be an integer, got '" + versionText + "'");
        }
        XmlElement changesElement = root.child("Changes");
        List<CidrCollectionRegistry.LocationChange> changes = new ArrayList<>();
        if (changesElement != null) {
            for (XmlElement m : changesElement.children("member")) {
                String location = m.childText("LocationName");
                String action = m.childText("Action");
                if (location == null || !LOCATION.matcher(location).matches()) {
                    throw HealthCheckConfigReader.validation(
                            String.valueOf(location),
                            "changes.member.locationName",
                            "Member must satisfy regular expression pattern: [0-9A-Za-z_\\-]+");
                }
                if (!"PUT".equals(action) && !"DELETE_IF_EXISTS".equals(action)) {
                    throw HealthCheckConfigReader.validation(
                            String.valueOf(action),
                            "changes.member.action",
                            "Member must satisfy enum value set: [PUT, DELETE_IF_EXISTS]");
                }
                List<String> cidrs = new ArrayList<>();
                XmlElement list = m.child("CidrList");
                if (list != null) {
                    for (XmlElement c : list.children("Cidr")) {
                        cidrs.add(c.text());
                    }
                }
                if (cidrs.isEmpty() || cidrs.size() > 1000) {
                    throw HealthCheckConfigReader.validation(
                            cidrs.toString(), "changes.member.cidrList", "Member must have length between 1 and 1000");
                }
                changes.add(new CidrCollectionRegistry.LocationChange(location, action.equals("PUT"), cidrs));
            }
        }
        if (changes.isEmpty() || changes.size() > 1000) {
            throw HealthCheckConfigReader.validation(
                    changes.toString(), "changes", "Member must have length between 1 and 1000");
        }
        String changeId = collections
                .change(account, id, version, changes, location -> used(id, location::equals))
                .changeId();
        XmlWriter w = Route53Xml.document("ChangeCidrCollectionResponse");
        w.element("Id", changeId);
        Route53Requests.ok(request, w);
    }

    void delete(EdgeRequest request, String account, String id) {
        collections.get(account, id);
        collections.delete(account, id, used(id, location -> true));
        Route53Requests.ok(request, Route53Xml.document("DeleteCidrCollectionResponse"));
    }

    void list(EdgeRequest request, String account) {
        List<CidrCollection> all = collections.list(account);
        page(request, "ListCidrCollectionsResponse", "CidrCollections", all, (w, c) -> collection(w, "member", c));
    }

    void listLocations(EdgeRequest request, String account, String id) {
        List<String> locations =
                new ArrayList<>(collections.get(account, id).locations().keySet());
        page(request, "ListCidrLocationsResponse", "CidrLocations", locations, (w, l) -> {
            w.start("member");
            w.element("LocationName", l);
            w.end();
        });
    }

    void listBlocks(EdgeRequest request, String account, String id) {
        CidrCollection c = collections.get(account, id);
        String only = request.queryParameter("location");
        if (only != null && !c.locations().containsKey(only)) {
            throw new AwsException(
                    404, "NoSuchCidrLocationException", "The CIDR collection " + id + " has no location " + only + ".");
        }
        List<Map.Entry<String, String>> blocks = new ArrayList<>();
        c.locations().forEach((location, cidrs) -> {
            if (only == null || only.equals(location)) {
                cidrs.forEach(b -> blocks.add(Map.entry(b, location)));
            }
        });
        page(request, "ListCidrBlocksResponse", "CidrBlocks", blocks, (w, b) -> {
            w.start("member");
            w.element("CidrBlock", b.getKey());
            w.element("LocationName", b.getValue());
            w.end();
        });
    }

    private static <T> void page(
            EdgeRequest request, String root, String listName, List<T> all, BiConsumer<XmlWriter, T> item) {
        int max = Route53Requests.pageSize(request, "maxresults", 1000);
        int start = Route53Requests.pageToken(request, all.size());
        int end = Math.min(all.size(), start + max);
        XmlWriter w = Route53Xml.document(root);
        if (end < all.size()) {
            w.element("NextToken", String.valueOf(end));
        }
        w.start(listName);
        all.subList(start, end).forEach(t -> item.accept(w, t));
        w.end();
        Route53Requests.ok(request, w);
    }

    private static void collection(XmlWriter w, String element, CidrCollection c) {
        w.start(element);
        w.element("Arn", c.arn());
        w.element("Id", c.id());
        w.element("Name", c.name());
        w.element("Version", c.version());
        w.end();
    }

    /** Whether any record set of any zone routes by a location of collection {@code id} that {@code location} accepts. */
    private boolean used(String id, Predicate<String> location) {
        for (ZoneSnapshot z : zones.index().zones()) {
            for (RecordSet rs : z.records().values()) {
                if (rs.cidrRouting() != null
                        && rs.cidrRouting().collectionId().equals(id)
                        && location.test(rs.cidrRouting().locationName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
