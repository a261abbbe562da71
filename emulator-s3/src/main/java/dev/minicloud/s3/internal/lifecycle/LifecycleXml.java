package dev.minicloud.s3.internal.lifecycle;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.s3.internal.service.S3Errors;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a {@code LifecycleConfiguration} document with S3's validation ({@link LifecycleXmlWriter}
 * writes one back).
 *
 * <p>Errors, as S3 answers them (see the research notes quoted in the README): schema violations
 * (unknown elements, a bad {@code Status}, no {@code Filter} or {@code Prefix}, two predicates in
 * one {@code Filter}, {@code ExpiredObjectDeleteMarker} with {@code Days}, no rules or more than
 * 1,000) are {@code MalformedXML}; day counts, dates and ids {@code InvalidArgument}; combinations
 * S3 forbids ({@code AbortIncompleteMultipartUpload} with tags, rules without an action, V1 and V2
 * rules mixed, overlapping V1 prefixes) {@code InvalidRequest}.
 */
public final class LifecycleXml {
    static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    static final int MAX_RULES = 1000;
    static final int MAX_ID_LENGTH = 255;
    /** The largest object size a filter may name: S3's 1000 TiB bound in its message. */
    static final long MAX_SIZE = 1_099_511_627_776_000L;

    static final Set<String> STORAGE_CLASSES =
            Set.of("GLACIER", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "DEEP_ARCHIVE", "GLACIER_IR");
    private static final Set<String> RULE_ELEMENTS = Set.of(
            "ID",
            "Status",
            "Filter",
            "Prefix",
            "Expiration",
            "Transition",
            "NoncurrentVersionTransition",
            "NoncurrentVersionExpiration",
            "AbortIncompleteMultipartUpload");
    private static final Set<String> PREDICATES =
            Set.of("Prefix", "Tag", "ObjectSizeGreaterThan", "ObjectSizeLessThan");

    private LifecycleXml() {}

    /**
     * Validates a document and the {@code x-amz-transition-default-minimum-object-size} header;
     * {@code newId} names rules sent without an {@code ID}.
     */
    public static LifecycleConfiguration parse(XmlElement xml, String minimumSizeHeader, Supplier<String> newId) {
        LifecycleConfiguration.MinimumObjectSize minimum =
                LifecycleConfiguration.MinimumObjectSize.ALL_STORAGE_CLASSES_128K;
        if (minimumSizeHeader != null) {
            minimum = LifecycleConfiguration.MinimumObjectSize.fromHeader(minimumSizeHeader);
            if (minimum == null) {
                throw S3Errors.invalidRequest("Invalid TransitionDefaultMinimumObjectSize found: " + minimumSizeHeader);
            }
        }
        if (!xml.name().equals("LifecycleConfiguration")) {
            throw S3Errors.malformedXml();
        }
        for (XmlElement c : xml.children()) {
            if (!c.name().equals("Rule")) {
                throw S3Errors.malformedXml();
            }
        }
        List<XmlElement> ruleElements = xml.children("Rule");
        if (ruleElements.isEmpty() || ruleElements.size() > MAX_RULES) {
            throw S3Errors.malformedXml();
        }
        List<LifecycleRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Boolean legacy = null;
        for (XmlElement e : ruleElements) {
            LifecycleRule rule = rule(e, newId);
            boolean ruleLegacy = rule.filter().form() == LifecycleFilter.Form.LEGACY_PREFIX;
            if (legacy != null && legacy != ruleLegacy) {
                throw S3Errors.invalidRequest(
                        legacy
                                ? "Filter element can only be used in Lifecycle V2."
                                : "Base level prefix cannot be used in Lifecycle V2, prefixes are only supported in the Filter.");
            }
            legacy = ruleLegacy;
            if (!ids.add(rule.id())) {
                throw S3Errors.invalidArgument(
                        "Rule ID must be unique. Found same ID for more than one rule", "ID", rule.id());
            }
            if (ruleLegacy) {
                legacyChecks(rule, rules);
            }
            rules.add(rule);
        }
        return new LifecycleConfiguration(rules, minimum);
    }

    /** V1 rules: no {@code NewerNoncurrentVersions}; no two prefixes that overlap for the same action type. */
    private static void legacyChecks(LifecycleRule rule, List<LifecycleRule> earlier) {
        boolean newer = rule.noncurrentExpiration() != null
                        && rule.noncurrentExpiration().newerNoncurrentVersions() != null
                || rule.noncurrentTransitions().stream().anyMatch(t -> t.newerNoncurrentVersions() != null);
        if (newer) {
            throw S3Errors.invalidRequest("NewerNoncurrentVersions element can only be used in Lifecycle V2.");
        }
        String prefix = rule.filter().prefix();
        for (LifecycleRule other : earlier) {
            String otherPrefix = other.filter().prefix();
            if (!prefix.startsWith(otherPrefix) && !otherPrefix.startsWith(prefix)) {
                continue;
            }
            String action = rule.expiration() != null && other.expiration() != null
                    ? "Expiration"
                    : !rule.transitions().isEmpty() && !other.transitions().isEmpty()
                            ? "Transition"
                            : rule.noncurrentExpiration() != null && other.noncurrentExpiration() != null
                                    ? "NoncurrentVersionExpiration"
                                    : null;
            if (action != null) {
                throw S3Errors.invalidRequest("Found overlapping prefixes '" + otherPrefix + "' and '" + prefix
                        + "' for same action type '" + action + "'");
            }
        }
    }

    private static LifecycleRule rule(XmlElement e, Supplier<String> newId) {
        Set<String> seen = new HashSet<>();
        for (XmlElement c : e.children()) {
            if (!RULE_ELEMENTS.contains(c.name())) {
                throw S3Errors.malformedXml();
            }
            boolean repeatable = c.name().equals("Transition") || c.name().equals("NoncurrentVersionTransition");
            if (!seen.add(c.name()) && !repeatable) {
                throw S3Errors.malformedXml();
            }
        }
        String id = e.childText("ID");
        if (id == null || id.isEmpty()) {
            id = newId.get();
        } else if (id.length() > MAX_ID_LENGTH) {
            throw S3Errors.invalidArgument("ID length should not exceed allowed limit of 255", "ID", id);
        }
        String status = e.childText("Status");
        if (!"Enabled".equals(status) && !"Disabled".equals(status)) {
            throw S3Errors.malformedXml();
        }
        LifecycleFilter filter = filter(e);
        LifecycleRule.Expiration expiration = expiration(e.child("Expiration"), filter);
        List<LifecycleRule.Transition> transitions = new ArrayList<>();
        Set<String> classes = new HashSet<>();
        for (XmlElement t : e.children("Transition")) {
            LifecycleRule.Transition tr = transition(t);
            if (!classes.add(tr.storageClass())) {
                throw S3Errors.invalidArgument(
                        "'StorageClass' must be different for 'Transition' actions in same " + "'Rule' with filter '"
                                + describe(filter) + "'",
                        "StorageClass",
                        tr.storageClass());
            }
            transitions.add(tr);
        }
        mixedDates(expiration, transitions, filter);
        List<LifecycleRule.NoncurrentTransition> noncurrentTransitions = new ArrayList<>();
        for (XmlElement t : e.children("NoncurrentVersionTransition")) {
            noncurrentTransitions.add(noncurrentTransition(t));
        }
        LifecycleRule.NoncurrentExpiration noncurrent = noncurrentExpiration(e.child("NoncurrentVersionExpiration"));
        Integer abort = abort(e.child("AbortIncompleteMultipartUpload"), filter);
        if (expiration == null
                && transitions.isEmpty()
                && noncurrentTransitions.isEmpty()
                && noncurrent == null
                && abort == null) {
            throw S3Errors.invalidRequest("At least one action needs to be specified in a rule");
        }
        return new LifecycleRule(
                id,
                status.equals("Enabled"),
                filter,
                expiration,
                transitions,
                noncurrentTransitions,
                noncurrent,
                abort);
    }

    private static LifecycleFilter filter(XmlElement rule) {
        XmlElement filter = rule.child("Filter");
        String legacyPrefix = rule.childText("Prefix");
        if (filter == null && legacyPrefix == null || filter != null && legacyPrefix != null) {
            throw S3Errors.malformedXml();
        }
        if (filter == null) {
            return new LifecycleFilter(LifecycleFilter.Form.LEGACY_PREFIX, legacyPrefix, Map.of(), null, null);
        }
        List<XmlElement> predicates = filter.children();
        if (predicates.isEmpty()) {
            return new LifecycleFilter(LifecycleFilter.Form.EMPTY, "", Map.of(), null, null);
        }
        if (predicates.size() > 1) {
            throw S3Errors.malformedXml();
        }
        XmlElement p = predicates.get(0);
        if (p.name().equals("And")) {
            return and(p);
        }
        if (!PREDICATES.contains(p.name())) {
            throw S3Errors.malformedXml();
        }
        Builder b = new Builder();
        b.add(p);
        LifecycleFilter.Form form = switch (p.name()) {
            case "Prefix" -> LifecycleFilter.Form.PREFIX;
            case "Tag" -> LifecycleFilter.Form.TAG;
            case "ObjectSizeGreaterThan" -> LifecycleFilter.Form.SIZE_GREATER;
            default -> LifecycleFilter.Form.SIZE_LESS;
        };
        return b.build(form);
    }

    private static LifecycleFilter and(XmlElement and) {
        List<XmlElement> predicates = and.children();
        if (predicates.size() < 2) {
            throw S3Errors.malformedXml();
        }
        Builder b = new Builder();
        for (XmlElement p : predicates) {
            if (!PREDICATES.contains(p.name()) || !p.name().equals("Tag") && b.has(p.name())) {
                throw S3Errors.malformedXml();
            }
            b.add(p);
        }
        return b.build(LifecycleFilter.Form.AND);
    }

    /** Collects a filter's predicates, checking each as S3 does. */
    private static final class Builder {
        private final Set<String> names = new HashSet<>();
        private final Map<String, String> tags = new LinkedHashMap<>();
        private String prefix = "";
        private Long greater;
        private Long less;

        boolean has(String name) {
            return names.contains(name);
        }

        void add(XmlElement p) {
            names.add(p.name());
            switch (p.name()) {
                case "Prefix" -> prefix = p.rawText();
                case "Tag" -> {
                    String key = p.childText("Key");
                    if (key == null || key.isEmpty()) {
                        throw S3Errors.malformedXml();
                    }
                    String value = p.childText("Value");
                    if (tags.put(key, value == null ? "" : value) != null) {
                        throw S3Errors.invalidRequest("Duplicate Tag Keys are not allowed.");
                    }
                }
                case "ObjectSizeGreaterThan" -> {
                    greater = number(p.text());
                    if (greater < 0 || greater > MAX_SIZE) {
                        throw S3Errors.invalidRequest(
                                "'ObjectSizeGreaterThan' should be between 0 and " + MAX_SIZE + ".");
                    }
                }
                default -> {
                    less = number(p.text());
                    if (less < 1 || less > MAX_SIZE) {
                        throw S3Errors.invalidRequest("'ObjectSizeLessThan' should be between 1 and " + MAX_SIZE + ".");
                    }
                }
            }
        }

        LifecycleFilter build(LifecycleFilter.Form form) {
            if (greater != null && less != null && less <= greater) {
                throw S3Errors.invalidRequest(
                        "'ObjectSizeLessThan' has to be a value greater than 'ObjectSizeGreaterThan'.");
            }
            return new LifecycleFilter(form, prefix, tags, greater, less);
        }
    }

    private static LifecycleRule.Expiration expiration(XmlElement e, LifecycleFilter filter) {
        if (e == null) {
            return null;
        }
        only(e, "Days", "Date", "ExpiredObjectDeleteMarker");
        Integer days = optionalInt(e, "Days");
        Instant date = date(e);
        String marker = e.childText("ExpiredObjectDeleteMarker");
        Boolean expiredMarker = null;
        if (marker != null) {
            if (!marker.trim().equals("true") && !marker.trim().equals("false")) {
                throw S3Errors.malformedXml();
            }
            expiredMarker = Boolean.valueOf(marker.trim());
        }
        int given = (days != null ? 1 : 0) + (date != null ? 1 : 0) + (expiredMarker != null ? 1 : 0);
        if (given != 1) {
            throw S3Errors.malformedXml(); // none, Days with Date, or ExpiredObjectDeleteMarker beside either
        }
        if (days != null && days <= 0) {
            throw S3Errors.invalidArgument(
                    "'Days' for Expiration action must be a positive integer", "Days", Integer.toString(days));
        }
        if (expiredMarker != null && filter.hasTags()) {
            throw S3Errors.invalidRequest("ExpiredObjectDeleteMarker cannot be specified with Tags.");
        }
        if (expiredMarker != null && filter.hasSize()) {
            throw S3Errors.invalidRequest("ExpiredObjectDeleteMarker cannot be specified with Object Size.");
        }
        return new LifecycleRule.Expiration(days, date, expiredMarker);
    }

    private static LifecycleRule.Transition transition(XmlElement e) {
        only(e, "Days", "Date", "StorageClass");
        Integer days = optionalInt(e, "Days");
        Instant date = date(e);
        String storageClass = storageClass(e);
        if ((days == null) == (date == null)) {
            throw S3Errors.malformedXml();
        }
        if (days != null && days < 0) {
            throw S3Errors.invalidArgument(
                    "'Days' in Transition action must be nonnegative", "Days", Integer.toString(days));
        }
        if (days != null && days < 30 && infrequentAccess(storageClass)) {
            throw S3Errors.invalidArgument(
                    "'Days' in Transition action must be greater than or equal to 30 for " + "storageClass '"
                            + storageClass + "'",
                    "Days",
                    Integer.toString(days));
        }
        return new LifecycleRule.Transition(days, date, storageClass);
    }

    private static LifecycleRule.NoncurrentTransition noncurrentTransition(XmlElement e) {
        only(e, "NoncurrentDays", "NewerNoncurrentVersions", "StorageClass");
        Integer days = optionalInt(e, "NoncurrentDays");
        if (days == null) {
            throw S3Errors.malformedXml();
        }
        String storageClass = storageClass(e);
        if (days < 0) {
            throw S3Errors.invalidArgument(
                    "'NoncurrentDays' in NoncurrentVersionTransition action must be nonnegative",
                    "NoncurrentDays",
                    Integer.toString(days));
        }
        if (days < 30 && infrequentAccess(storageClass)) {
            throw S3Errors.invalidArgument(
                    "'NoncurrentDays' in NoncurrentVersionTransition action must be greater than "
                            + "or equal to 30 for storageClass '" + storageClass + "'",
                    "NoncurrentDays",
                    Integer.toString(days));
        }
        return new LifecycleRule.NoncurrentTransition(days, newer(e, "NoncurrentVersionTransition"), storageClass);
    }

    private static LifecycleRule.NoncurrentExpiration noncurrentExpiration(XmlElement e) {
        if (e == null) {
            return null;
        }
        only(e, "NoncurrentDays", "NewerNoncurrentVersions");
        Integer days = optionalInt(e, "NoncurrentDays");
        if (days == null) {
            throw S3Errors.malformedXml();
        }
        if (days <= 0) {
            throw S3Errors.invalidArgument(
                    "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive " + "integer",
                    "NoncurrentDays",
                    Integer.toString(days));
        }
        return new LifecycleRule.NoncurrentExpiration(days, newer(e, "NoncurrentVersionExpiration"));
    }

    private static Integer newer(XmlElement e, String action) {
        Integer newer = optionalInt(e, "NewerNoncurrentVersions");
        if (newer != null && newer <= 0) {
            throw S3Errors.invalidArgument(
                    "'NewerNoncurrentVersions' for " + action + " action must be a positive " + "integer",
                    "NewerNoncurrentVersions",
                    Integer.toString(newer));
        }
        return newer;
    }

    private static Integer abort(XmlElement e, LifecycleFilter filter) {
        if (e == null) {
            return null;
        }
        only(e, "DaysAfterInitiation");
        Integer days = optionalInt(e, "DaysAfterInitiation");
        if (days == null) {
            throw S3Errors.malformedXml();
        }
        if (days <= 0) {
            throw S3Errors.invalidArgument(
                    "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a " + "positive integer",
                    "DaysAfterInitiation",
                    Integer.toString(days));
        }
        if (filter.hasTags()) {
            throw S3Errors.invalidRequest("AbortIncompleteMultipartUpload cannot be specified with Tags.");
        }
        if (filter.hasSize()) {
            throw S3Errors.invalidRequest("AbortIncompleteMultipartUpload cannot be specified with Object Size.");
        }
        return days;
    }

    private static void mixedDates(
            LifecycleRule.Expiration expiration, List<LifecycleRule.Transition> transitions, LifecycleFilter filter) {
        boolean byDate = expiration != null && expiration.date() != null;
        boolean byDays = expiration != null && expiration.days() != null;
        for (LifecycleRule.Transition t : transitions) {
            byDate |= t.date() != null;
            byDays |= t.days() != null;
        }
        if (byDate && byDays) {
            throw S3Errors.invalidRequest("Found mixed 'Date' and 'Days' based Expiration and Transition actions in "
                    + "lifecycle rule for filter '" + describe(filter) + "'");
        }
    }

    private static String describe(LifecycleFilter f) {
        return "(prefix=" + f.prefix() + ")";
    }

    private static boolean infrequentAccess(String storageClass) {
        return storageClass.equals("STANDARD_IA") || storageClass.equals("ONEZONE_IA");
    }

    private static String storageClass(XmlElement e) {
        String sc = e.childText("StorageClass");
        if (sc == null || !STORAGE_CLASSES.contains(sc.trim())) {
            throw S3Errors.malformedXml();
        }
        return sc.trim();
    }

    private static void only(XmlElement e, String... allowed) {
        Set<String> names = Set.of(allowed);
        Set<String> seen = new HashSet<>();
        for (XmlElement c : e.children()) {
            if (!names.contains(c.name()) || !seen.add(c.name())) {
                throw S3Errors.malformedXml();
            }
        }
    }

    private static Integer optionalInt(XmlElement e, String name) {
        XmlElement c = e.child(name);
        if (c == null) {
            return null;
        }
        long n = number(c.text());
        if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
            throw S3Errors.malformedXml();
        }
        return (int) n;
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw S3Errors.malformedXml();
        }
    }

    /** An ISO 8601 {@code Date}, which must fall on midnight UTC; other forms (an HTTP date) are {@code MalformedXML}. */
    private static Instant date(XmlElement e) {
        String text = e.childText("Date");
        if (text == null) {
            return null;
        }
        Instant date;
        try {
            date = OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException ex) {
            try {
                date = LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException ex2) {
                throw S3Errors.malformedXml();
            }
        }
        if (!date.truncatedTo(ChronoUnit.DAYS).equals(date)) {
            throw S3Errors.invalidArgument("'Date' must be at midnight GMT", "Date", text);
        }
        return date;
    }

    /** {@code NoSuchLifecycleConfiguration}, S3's 404 for a bucket without one. */
    public static AwsException noSuchConfiguration(String bucket) {
        return new AwsException(404, "NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist")
                .with("BucketName", bucket);
    }
}
