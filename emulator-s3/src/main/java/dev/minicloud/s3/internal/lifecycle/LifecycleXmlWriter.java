package dev.minicloud.s3.internal.lifecycle;

import dev.minicloud.internal.xml.XmlWriter;
import java.util.Map;

/**
 * Writes a lifecycle configuration as GetBucketLifecycleConfiguration answers it, in S3's shape:
 * each rule as {@code ID}, filter, {@code Status}, then its actions; an empty filter as
 * {@code <Filter/>}; a legacy rule-level {@code <Prefix>} kept as one; dates as S3's timestamps.
 */
public final class LifecycleXmlWriter {
    private LifecycleXmlWriter() {}

    /** The configuration as GetBucketLifecycleConfiguration answers it. */
    public static byte[] render(LifecycleConfiguration config) {
        XmlWriter x = XmlWriter.document("LifecycleConfiguration", LifecycleXml.NS);
        for (LifecycleRule r : config.rules()) {
            x.start("Rule").element("ID", r.id());
            filter(x, r.filter());
            x.element("Status", r.enabled() ? "Enabled" : "Disabled");
            LifecycleRule.Expiration e = r.expiration();
            if (e != null) {
                x.start("Expiration");
                if (e.days() != null) {
                    x.element("Days", e.days());
                }
                x.element("Date", e.date());
                if (e.expiredObjectDeleteMarker() != null) {
                    x.element("ExpiredObjectDeleteMarker", e.expiredObjectDeleteMarker());
                }
                x.end();
            }
            for (LifecycleRule.Transition t : r.transitions()) {
                x.start("Transition");
                if (t.days() != null) {
                    x.element("Days", t.days());
                }
                x.element("Date", t.date())
                        .element("StorageClass", t.storageClass())
                        .end();
            }
            for (LifecycleRule.NoncurrentTransition t : r.noncurrentTransitions()) {
                x.start("NoncurrentVersionTransition").element("NoncurrentDays", t.noncurrentDays());
                if (t.newerNoncurrentVersions() != null) {
                    x.element("NewerNoncurrentVersions", t.newerNoncurrentVersions());
                }
                x.element("StorageClass", t.storageClass()).end();
            }
            LifecycleRule.NoncurrentExpiration n = r.noncurrentExpiration();
            if (n != null) {
                x.start("NoncurrentVersionExpiration").element("NoncurrentDays", n.noncurrentDays());
                if (n.newerNoncurrentVersions() != null) {
                    x.element("NewerNoncurrentVersions", n.newerNoncurrentVersions());
                }
                x.end();
            }
            if (r.abortDaysAfterInitiation() != null) {
                x.start("AbortIncompleteMultipartUpload")
                        .element("DaysAfterInitiation", r.abortDaysAfterInitiation())
                        .end();
            }
            x.end();
        }
        return x.toBytes();
    }

    private static void filter(XmlWriter x, LifecycleFilter f) {
        switch (f.form()) {
            case LEGACY_PREFIX -> x.element("Prefix", f.prefix());
            case EMPTY -> x.emptyElement("Filter");
            case AND -> {
                x.start("Filter").start("And");
                predicates(x, f, true);
                x.end().end();
            }
            default -> {
                x.start("Filter");
                predicates(x, f, f.form() == LifecycleFilter.Form.PREFIX);
                x.end();
            }
        }
    }

    private static void predicates(XmlWriter x, LifecycleFilter f, boolean withPrefix) {
        if (withPrefix
                && (f.form() == LifecycleFilter.Form.PREFIX || !f.prefix().isEmpty())) {
            x.element("Prefix", f.prefix());
        }
        for (Map.Entry<String, String> t : f.tags().entrySet()) {
            x.start("Tag")
                    .element("Key", t.getKey())
                    .element("Value", t.getValue())
                    .end();
        }
        if (f.sizeGreaterThan() != null) {
            x.element("ObjectSizeGreaterThan", f.sizeGreaterThan());
        }
        if (f.sizeLessThan() != null) {
            x.element("ObjectSizeLessThan", f.sizeLessThan());
        }
    }
}
