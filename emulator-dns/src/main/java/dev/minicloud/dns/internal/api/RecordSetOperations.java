package dev.minicloud.dns.internal.api;

import dev.minicloud.dns.internal.zones.Change;
import dev.minicloud.dns.internal.zones.ChangeInfo;
import dev.minicloud.dns.internal.zones.CidrCollection;
import dev.minicloud.dns.internal.zones.CidrCollectionRegistry;
import dev.minicloud.dns.internal.zones.CidrRouting;
import dev.minicloud.dns.internal.zones.DnsNames;
import dev.minicloud.dns.internal.zones.RecordKey;
import dev.minicloud.dns.internal.zones.RecordSet;
import dev.minicloud.dns.internal.zones.Route53Errors;
import dev.minicloud.dns.internal.zones.TrafficPolicyInstance;
import dev.minicloud.dns.internal.zones.TrafficPolicyRegistry;
import dev.minicloud.dns.internal.zones.ZoneRegistry;
import dev.minicloud.dns.internal.zones.ZoneSnapshot;
import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** ChangeResourceRecordSets and ListResourceRecordSets. */
final class RecordSetOperations {
    private final ZoneRegistry zones;
    private final CidrCollectionRegistry cidrCollections;
    private final TrafficPolicyRegistry policies;
    private final Route53Requests requests;

    RecordSetOperations(
            ZoneRegistry zones,
            CidrCollectionRegistry cidrCollections,
            TrafficPolicyRegistry policies,
            Route53Requests requests) {
        this.zones = zones;
        this.policies = policies;
        this.cidrCollections = cidrCollections;
        this.requests = requests;
    }

    void change(EdgeRequest request, String account, String id, byte[] body) {
        ChangeBatchReader.Batch batch = ChangeBatchReader.read(requests.read(body, "ChangeResourceRecordSetsRequest"));
        String zoneId = zones.zone(account, id).zone().id();
        List<String> owned = new ArrayList<>();
        for (var change : batch.changes()) {
            TrafficPolicyInstance owner =
                    policies.ownedBy(zoneId, change.recordSet().key());
            if (owner != null) {
                owned.add("Tried to change resource record set [name='"
                        + DnsNames.format(change.recordSet().name())
                        + "', type='" + Type.string(change.recordSet().type()) + "'] but it was created by traffic "
                        + "policy instance " + owner.id());
            }
        }
        if (!owned.isEmpty()) {
            throw Route53Errors.invalidChangeBatch(owned);
        }
        for (var change : batch.changes()) {
            CidrRouting cidr = change.recordSet().cidrRouting();
            if (cidr != null && change.action() != Change.Action.DELETE) {
                // The collection must be the caller's, and the location one of its own (or * for the default).
                CidrCollection collection = cidrCollections.get(account, cidr.collectionId());
                if (!cidr.isDefault() && !collection.locations().containsKey(cidr.locationName())) {
                    throw new AwsException(
                            404,
                            "NoSuchCidrLocationException",
                            "The CIDR " + "collection " + cidr.collectionId() + " has no location "
                                    + cidr.locationName() + ".");
                }
            }
        }
        ChangeInfo c = zones.changeRecordSets(account, id, batch.changes(), batch.comment());
        XmlWriter w = Route53Xml.document("ChangeResourceRecordSetsResponse");
        Route53Xml.changeInfo(w, c);
        Route53Requests.ok(request, w);
    }

    void list(EdgeRequest request, String account, String id) {
        ZoneSnapshot z = zones.zone(account, id);
        int max = Route53Requests.maxItems(request, 300);
        String nameText = request.queryParameter("name");
        String typeText = request.queryParameter("type");
        String identifier = request.queryParameter("identifier");
        if (typeText != null && nameText == null) {
            throw Route53Errors.invalidInput("The input is not valid: type may only be specified together with name");
        }
        if (identifier != null && typeText == null) {
            throw Route53Errors.invalidInput(
                    "The input is not valid: identifier may only be specified together with type");
        }
        Name name = null;
        if (nameText != null) {
            try {
                name = DnsNames.parse(nameText);
            } catch (IllegalArgumentException e) {
                throw Route53Errors.invalidInput("Invalid request: " + e.getMessage());
            }
        }
        String type = typeText == null ? null : typeText.toUpperCase(Locale.ROOT);
        if (type != null && Type.value(type) < 0) {
            throw Route53Errors.invalidInput("Invalid request: unknown type " + typeText);
        }
        List<RecordSet> page = new ArrayList<>();
        RecordSet next = null;
        Map<RecordKey, String> instanceIds = new HashMap<>();
        for (Map.Entry<RecordKey, RecordSet> e : listed(z, instanceIds).entrySet()) {
            if (name != null && before(e.getKey(), name, type, identifier)) {
                continue;
            }
            if (page.size() == max) {
                next = e.getValue();
                break;
            }
            page.add(e.getValue());
        }
        XmlWriter w = Route53Xml.document("ListResourceRecordSetsResponse");
        w.start("ResourceRecordSets");
        for (RecordSet rs : page) {
            String instance = instanceIds.get(rs.key());
            if (instance == null) {
                Route53Xml.recordSet(w, rs);
            } else {
                w.start("ResourceRecordSet");
                w.element("Name", DnsNames.format(rs.name()));
                w.element("Type", Type.string(rs.type()));
                w.element("TrafficPolicyInstanceId", instance);
                w.end();
            }
        }
        w.end();
        w.element("IsTruncated", next != null);
        if (next != null) {
            w.element("NextRecordName", DnsNames.format(next.name()));
            w.element("NextRecordType", Type.string(next.type()));
            w.element("NextRecordIdentifier", next.setIdentifier());
        }
        w.element("MaxItems", String.valueOf(max));
        Route53Requests.ok(request, w);
    }

    /**
     * The zone's record sets as ListResourceRecordSets shows them: a traffic policy instance's sets are
     * replaced by one set at its name and type, whose key maps to the instance's id in {@code instanceIds}.
     */
    private SortedMap<RecordKey, RecordSet> listed(ZoneSnapshot z, Map<RecordKey, String> instanceIds) {
        List<TrafficPolicyInstance> here = policies.instancesInZone(z.zone().id());
        if (here.isEmpty()) {
            return z.records();
        }
        TreeMap<RecordKey, RecordSet> out = new TreeMap<>(z.records());
        for (TrafficPolicyInstance i : here) {
            out.keySet().removeAll(i.keys());
            RecordSet placeholder = new RecordSet(
                    i.name(),
                    Type.value(i.policyType()),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    i.ttl(),
                    List.of(),
                    null,
                    null,
                    List.of());
            out.put(placeholder.key(), placeholder);
            instanceIds.put(placeholder.key(), i.id());
        }
        return out;
    }

    /** Whether {@code key} sorts before the start position (name, type, identifier) of a listing. */
    private static boolean before(RecordKey key, Name name, String type, String identifier) {
        int c = key.name().compareTo(name);
        if (c != 0) {
            return c < 0;
        }
        if (type == null) {
            return false;
        }
        c = Type.string(key.type()).compareTo(type);
        if (c != 0) {
            return c < 0;
        }
        if (identifier == null || key.setIdentifier() == null) {
            return false;
        }
        return key.setIdentifier().compareTo(identifier) < 0;
    }
}
