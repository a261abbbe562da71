package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.s3.internal.replication.ReplicationConfiguration;
import dev.minicloud.s3.internal.replication.ReplicationDestination;
import dev.minicloud.s3.internal.replication.ReplicationRule;
import dev.minicloud.s3.internal.replication.RuleFilter;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.service.S3Ids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code ReplicationConfiguration} document, V1 and V2, read (schema errors are
 * {@code MalformedXML}, as on S3) and written back in S3's element order, so a configuration
 * round-trips as stored. Rules without an {@code ID} get a generated one.
 */
final class ReplicationXml {
    private static final Set<String> STORAGE_CLASSES = Set.of(
            "STANDARD",
            "REDUCED_REDUNDANCY",
            "STANDARD_IA",
            "ONEZONE_IA",
            "INTELLIGENT_TIERING",
            "GLACIER",
            "DEEP_ARCHIVE",
            "OUTPOSTS",
            "GLACIER_IR",
            "EXPRESS_ONEZONE");

    private ReplicationXml() {}

    /** @param ids makes up the id of a rule sent without one, as S3 does */
    static ReplicationConfiguration parse(XmlElement root, S3Ids ids) {
        if (!root.name().equals("ReplicationConfiguration")) {
            throw S3Errors.malformedXml();
        }
        String role = text(root, "Role");
        List<ReplicationRule> rules = new ArrayList<>();
        for (XmlElement rule : root.children("Rule")) {
            rules.add(rule(rule, ids));
        }
        if (role == null) {
            throw S3Errors.malformedXml();
        }
        return new ReplicationConfiguration(role, rules);
    }

    private static ReplicationRule rule(XmlElement e, S3Ids ids) {
        String id = text(e, "ID");
        if (id == null || id.isEmpty()) {
            id = ids.replicationRuleId();
        }
        Integer priority = null;
        if (text(e, "Priority") != null) {
            try {
                priority = Integer.parseInt(text(e, "Priority"));
            } catch (NumberFormatException ex) {
                throw S3Errors.malformedXml();
            }
        }
        String status = text(e, "Status");
        if (!"Enabled".equals(status) && !"Disabled".equals(status)) {
            throw S3Errors.malformedXml();
        }
        String v1Prefix = e.child("Prefix") == null ? null : e.childText("Prefix");
        RuleFilter filter = e.child("Filter") == null ? null : filter(e.child("Filter"));
        if (v1Prefix != null && filter != null) {
            throw S3Errors.malformedXml();
        }
        if (v1Prefix == null && filter == null) {
            throw S3Errors.malformedXml();
        }
        XmlElement dest = e.child("Destination");
        if (dest == null) {
            throw S3Errors.malformedXml();
        }
        XmlElement criteria = e.child("SourceSelectionCriteria");
        return new ReplicationRule(
                id,
                priority,
                status.equals("Enabled"),
                v1Prefix,
                filter,
                status(e.child("DeleteMarkerReplication")),
                destination(dest),
                criteria == null ? null : status(criteria.child("ReplicaModifications")),
                criteria == null ? null : status(criteria.child("SseKmsEncryptedObjects")),
                status(e.child("ExistingObjectReplication")));
    }

    private static RuleFilter filter(XmlElement f) {
        List<XmlElement> parts = f.children();
        if (parts.size() > 1) {
            throw S3Errors.malformedXml();
        }
        if (parts.isEmpty()) {
            return new RuleFilter(null, Map.of(), false);
        }
        XmlElement only = parts.get(0);
        return switch (only.name()) {
            case "Prefix" -> new RuleFilter(only.rawText(), Map.of(), false);
            case "Tag" -> new RuleFilter(null, tags(List.of(only)), false);
            case "And" -> {
                for (XmlElement c : only.children()) {
                    if (!c.name().equals("Prefix") && !c.name().equals("Tag")) {
                        throw S3Errors.malformedXml();
                    }
                }
                yield new RuleFilter(
                        only.child("Prefix") == null ? null : only.childText("Prefix"),
                        tags(only.children("Tag")),
                        true);
            }
            default -> throw S3Errors.malformedXml();
        };
    }

    private static Map<String, String> tags(List<XmlElement> tagElements) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (XmlElement t : tagElements) {
            String k = t.childText("Key");
            String v = t.childText("Value");
            if (k == null || v == null) {
                throw S3Errors.malformedXml();
            }
            if (tags.put(k, v) != null) {
                throw S3Errors.invalidRequest("Duplicate Tag Keys are not allowed.");
            }
        }
        return tags;
    }

    private static ReplicationDestination destination(XmlElement d) {
        String bucket = text(d, "Bucket");
        if (bucket == null) {
            throw S3Errors.malformedXml();
        }
        String storageClass = text(d, "StorageClass");
        if (storageClass != null && !STORAGE_CLASSES.contains(storageClass)) {
            throw S3Errors.malformedXml();
        }
        XmlElement acl = d.child("AccessControlTranslation");
        XmlElement enc = d.child("EncryptionConfiguration");
        XmlElement rtc = d.child("ReplicationTime");
        XmlElement metrics = d.child("Metrics");
        return new ReplicationDestination(
                bucket,
                text(d, "Account"),
                storageClass,
                acl == null ? null : text(acl, "Owner"),
                enc == null ? null : text(enc, "ReplicaKmsKeyID"),
                rtc == null ? null : requiredStatus(rtc),
                rtc == null || rtc.child("Time") == null ? null : minutes(rtc.child("Time")),
                metrics == null ? null : requiredStatus(metrics),
                metrics == null || metrics.child("EventThreshold") == null
                        ? null
                        : minutes(metrics.child("EventThreshold")));
    }

    private static Integer minutes(XmlElement e) {
        String m = text(e, "Minutes");
        try {
            return m == null ? null : Integer.valueOf(m);
        } catch (NumberFormatException ex) {
            throw S3Errors.malformedXml();
        }
    }

    /** The {@code Status} child of an optional element: {@code null} if the element is absent. */
    private static String status(XmlElement e) {
        return e == null ? null : requiredStatus(e);
    }

    private static String requiredStatus(XmlElement e) {
        String s = text(e, "Status");
        if (!"Enabled".equals(s) && !"Disabled".equals(s)) {
            throw S3Errors.malformedXml();
        }
        return s;
    }

    private static String text(XmlElement e, String child) {
        String t = e.childText(child);
        return t == null ? null : t.trim();
    }

    static byte[] render(ReplicationConfiguration config) {
        XmlWriter x = S3Xml.document("ReplicationConfiguration");
        x.element("Role", config.role());
        for (ReplicationRule rule : config.rules()) {
            x.start("Rule").element("ID", rule.id());
            if (rule.priority() != null) {
                x.element("Priority", rule.priority());
            }
            if (rule.filter() != null) {
                renderFilter(x, rule.filter());
            } else {
                x.element("Prefix", rule.v1Prefix());
            }
            x.element("Status", rule.enabled() ? "Enabled" : "Disabled");
            if (rule.replicaModifications() != null || rule.sseKmsEncryptedObjects() != null) {
                x.start("SourceSelectionCriteria");
                statusElement(x, "SseKmsEncryptedObjects", rule.sseKmsEncryptedObjects());
                statusElement(x, "ReplicaModifications", rule.replicaModifications());
                x.end();
            }
            statusElement(x, "ExistingObjectReplication", rule.existingObjectReplication());
            renderDestination(x, rule.destination());
            statusElement(x, "DeleteMarkerReplication", rule.deleteMarkerReplication());
            x.end();
        }
        return x.toBytes();
    }

    private static void renderFilter(XmlWriter x, RuleFilter f) {
        x.start("Filter");
        if (f.and()) {
            x.start("And");
            if (f.prefix() != null) {
                x.element("Prefix", f.prefix());
            }
            f.tags()
                    .forEach((k, v) ->
                            x.start("Tag").element("Key", k).element("Value", v).end());
            x.end();
        } else if (!f.tags().isEmpty()) {
            f.tags()
                    .forEach((k, v) ->
                            x.start("Tag").element("Key", k).element("Value", v).end());
        } else if (f.prefix() != null) {
            x.element("Prefix", f.prefix());
        }
        x.end();
    }

    private static void renderDestination(XmlWriter x, ReplicationDestination d) {
        x.start("Destination").element("Bucket", d.bucketArn());
        if (d.account() != null) {
            x.element("Account", d.account());
        }
        if (d.storageClass() != null) {
            x.element("StorageClass", d.storageClass());
        }
        if (d.ownerOverride() != null) {
            x.start("AccessControlTranslation")
                    .element("Owner", d.ownerOverride())
                    .end();
        }
        if (d.replicaKmsKeyId() != null) {
            x.start("EncryptionConfiguration")
                    .element("ReplicaKmsKeyID", d.replicaKmsKeyId())
                    .end();
        }
        if (d.replicationTimeStatus() != null) {
            x.start("ReplicationTime").element("Status", d.replicationTimeStatus());
            if (d.replicationTimeMinutes() != null) {
                x.start("Time").element("Minutes", d.replicationTimeMinutes()).end();
            }
            x.end();
        }
        if (d.metricsStatus() != null) {
            x.start("Metrics").element("Status", d.metricsStatus());
            if (d.metricsMinutes() != null) {
                x.start("EventThreshold").element("Minutes", d.metricsMinutes()).end();
            }
            x.end();
        }
        x.end();
    }

    private static void statusElement(XmlWriter x, String name, String status) {
        if (status != null) {
            x.start(name).element("Status", status).end();
        }
    }
}
