package dev.minicloud.dns.api;

import dev.minicloud.core.aws.AwsException;
import dev.minicloud.core.http.EdgeRequest;
import dev.minicloud.core.xml.XmlWriter;
import dev.minicloud.dns.zones.ChangeInfo;
import dev.minicloud.dns.zones.CidrCollection;
import dev.minicloud.dns.zones.CidrCollectionRegistry;
import dev.minicloud.dns.zones.CidrRouting;
import dev.minicloud.dns.zones.DnsNames;
import dev.minicloud.dns.zones.RecordKey;
import dev.minicloud.dns.zones.RecordSet;
import dev.minicloud.dns.zones.Route53Errors;
import dev.minicloud.dns.zones.ZoneRegistry;
import dev.minicloud.dns.zones.ZoneSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** ChangeResourceRecordSets and ListResourceRecordSets. */
final class RecordSetOperations {
    private final ZoneRegistry zones;
    private final CidrCollectionRegistry cidrCollections;
    private final Route53Requests requests;

    RecordSetOperations(ZoneRegistry zones, CidrCollectionRegistry cidrCollections, Route53Requests requests) {
        this.zones = zones;
        this.cidrCollections = cidrCollections;
        this.requests = requests;
    }

    void change(EdgeRequest request, String account, String id, byte[] body) {
        ChangeBatchReader.Batch batch = ChangeBatchReader.read(requests.read(body, "ChangeResourceRecordSetsRequest"));
        for (var change : batch.changes()) {
            CidrRouting cidr = change.recordSet().cidrRouting();
            if (cidr != null && change.action() != dev.minicloud.dns.zones.Change.Action.DELETE) {
                // The collection must be the caller's, and the location one of its own (or * for the default).
                CidrCollection collection = cidrCollections.get(account, cidr.collectionId());
                if (!cidr.isDefault() && !collection.locations().containsKey(cidr.locationName())) {
                    throw new AwsException(404, "NoSuchCidrLocationException", "The CIDR "
                            + "collection " + cidr.collectionId() + " has no location " + cidr.locationName() + ".");
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
            throw Route53Errors.invalidInput("The input is not valid: identifier may only be specified together with type");
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
        for (Map.Entry<RecordKey, RecordSet> e : z.records().entrySet()) {
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
        page.forEach(rs -> Route53Xml.recordSet(w, rs));
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
