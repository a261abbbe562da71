package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.Bucket;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

/**
 * The bucket configurations S3 stores and MiniCloud stores too, without acting on them: logging
 * ({@code BucketLoggingStatus}, target grants), notifications (the current and the old API share
 * {@code ?notification}; nothing is delivered), request payment, transfer acceleration, the ABAC
 * status (stored; bucket tags are not evaluated for access), and the
 * analytics, inventory, metrics and intelligent-tiering configurations by {@code id}, with their
 * {@code List...} operations paged by continuation token. Each document is checked as S3 checks it
 * and returned as it was put, in S3's namespace.
 */
final class StoredConfigurationsApi {
    /** A family of configurations addressed by {@code ?<subResource>&id=}. */
    enum ById {
        ANALYTICS("analytics", "AnalyticsConfiguration", "ListBucketAnalyticsConfigurationResult"),
        INVENTORY("inventory", "InventoryConfiguration", "ListInventoryConfigurationsResult"),
        METRICS("metrics", "MetricsConfiguration", "ListMetricsConfigurationsResult"),
        INTELLIGENT_TIERING(
                "intelligent-tiering",
                "IntelligentTieringConfiguration",
                "ListBucketIntelligentTieringConfigurationsOutput");

        final String subResource;
        final String root;
        final String listRoot;

        ById(String subResource, String root, String listRoot) {
            this.subResource = subResource;
            this.root = root;
            this.listRoot = listRoot;
        }
    }

    /** S3's page size for the List... operations of these families. */
    static final int PAGE = 100;
    /** S3's limit on configurations of one family per bucket. */
    static final int MAX_PER_BUCKET = 1000;

    private static final Set<String> PAYERS = Set.of("Requester", "BucketOwner");
    private static final Set<String> ACCELERATE = Set.of("Enabled", "Suspended");

    private final S3Api api;

    StoredConfigurationsApi(S3Api api) {
        this.api = api;
    }

    // ---- request payment -------------------------------------------------------------------

    void getRequestPayment(EdgeRequest r, Bucket b) {
        XmlElement stored = b.configurations().get("requestPayment");
        if (stored != null) {
            respond(r, stored);
            return;
        }
        XmlWriter x = S3Xml.document("RequestPaymentConfiguration");
        x.element("Payer", "BucketOwner");
        r.respond(HttpResponseStatus.OK, "application/xml", x.toBytes());
    }

    BodyHandler putRequestPayment(EdgeRequest r, Bucket b) {
        return ControlBodies.xml(r, xml -> {
            requireRoot(xml, "RequestPaymentConfiguration");
            if (!PAYERS.contains(xml.childText("Payer"))) {
                throw S3Errors.malformedXml();
            }
            b.configurations().put("requestPayment", xml);
            r.respondEmpty(HttpResponseStatus.OK);
        });
    }

    // ---- transfer acceleration -------------------------------------------------------------

    void getAccelerate(EdgeRequest r, Bucket b) {
        XmlElement stored = b.configurations().get("accelerate");
        if (stored != null) {
            respond(r, stored);
            return;
        }
        r.respond(
                HttpResponseStatus.OK,
                "application/xml",
                S3Xml.document("AccelerateConfiguration").toBytes());
    }

    BodyHandler putAccelerate(EdgeRequest r, Bucket b) {
        if (b.name().contains(".")) {
            throw S3Errors.invalidRequest(
                    "S3 Transfer Acceleration is not supported for buckets with periods (.) in " + "their names");
        }
        return ControlBodies.xml(r, xml -> {
            requireRoot(xml, "AccelerateConfiguration");
            if (!ACCELERATE.contains(xml.childText("Status"))) {
                throw S3Errors.malformedXml();
            }
            b.configurations().put("accelerate", xml);
            r.respondEmpty(HttpResponseStatus.OK);
        });
    }

    // ---- attribute-based access control ----------------------------------------------------

    /** GetBucketAbac: what was put, else {@code Disabled} (ABAC is opt-in). Tags grant nothing here. */
    void getAbac(EdgeRequest r, Bucket b) {
        XmlElement stored = b.configurations().get("abac");
        if (stored != null) {
            respond(r, stored);
            return;
        }
        XmlWriter x = S3Xml.document("AbacStatus");
        x.element("Status", "Disabled");
        r.respond(HttpResponseStatus.OK, "application/xml", x.toBytes());
    }

    BodyHandler putAbac(EdgeRequest r, Bucket b) {
        return ControlBodies.xml(r, xml -> {
            requireRoot(xml, "AbacStatus");
            if (!Set.of("Enabled", "Disabled").contains(xml.childText("Status"))) {
                throw S3Errors.malformedXml();
            }
            b.configurations().put("abac", xml);
            r.respondEmpty(HttpResponseStatus.OK);
        });
    }

    // ---- logging ---------------------------------------------------------------------------

    void getLogging(EdgeRequest r, Bucket b) {
        XmlElement stored = b.configurations().get("logging");
        if (stored != null) {
            respond(r, stored);
            return;
        }
        r.respond(
                HttpResponseStatus.OK,
                "application/xml",
                S3Xml.document("BucketLoggingStatus").toBytes());
    }

    BodyHandler putLogging(EdgeRequest r, Bucket b) {
        return ControlBodies.xml(r, xml -> {
            requireRoot(xml, "BucketLoggingStatus");
            XmlElement enabled = xml.child("LoggingEnabled");
            if (enabled == null) {
                b.configurations().remove("logging"); // an empty status turns logging off
                r.respondEmpty(HttpResponseStatus.OK);
                return;
            }
            String target = enabled.childText("TargetBucket");
            if (target == null || enabled.childText("TargetPrefix") == null) {
                throw S3Errors.malformedXml();
            }
            Bucket targetBucket = api.store().bucket(r.account(), target);
            if (targetBucket == null) {
                throw new AwsException(
                                400, "InvalidTargetBucketForLogging", "The target bucket for logging does not exist")
                        .with("TargetBucket", target);
            }
            if (!targetBucket.region().equals(b.region())) {
                throw new AwsException(400, "CrossLocationLoggingProhibited", "Cross S3 location logging not allowed. ")
                        .with("TargetBucketLocation", targetBucket.region());
            }
            XmlElement grants = enabled.child("TargetGrants");
            if (grants != null) {
                for (XmlElement g : grants.children("Grant")) {
                    String permission = g.childText("Permission");
                    if (g.child("Grantee") == null
                            || !Set.of("FULL_CONTROL", "READ", "WRITE").contains(permission)) {
                        throw S3Errors.malformedXml();
                    }
                }
            }
            b.configurations().put("logging", xml);
            r.respondEmpty(HttpResponseStatus.OK);
        });
    }

    // ---- notifications ---------------------------------------------------------------------

    private static final Set<String> NOTIFICATION_ELEMENTS = Set.of(
            "TopicConfiguration", "QueueConfiguration", "CloudFunctionConfiguration", "EventBridgeConfiguration");

    void getNotification(EdgeRequest r, Bucket b) {
        XmlElement stored = b.configurations().get("notification");
        if (stored != null) {
            respond(r, stored);
            return;
        }
        r.respond(
                HttpResponseStatus.OK,
                "application/xml",
                S3Xml.document("NotificationConfiguration").toBytes());
    }

    BodyHandler putNotification(EdgeRequest r, Bucket b) {
        return ControlBodies.xml(r, xml -> {
            requireRoot(xml, "NotificationConfiguration");
            for (XmlElement c : xml.children()) {
                if (!NOTIFICATION_ELEMENTS.contains(c.name())) {
                    throw S3Errors.malformedXml();
                }
                for (XmlElement event : c.children("Event")) {
                    if (!event.text().startsWith("s3:")) {
                        throw S3Errors.invalidArgument(
                                "The event is not supported for notifications", "Event", event.text());
                    }
                }
            }
            b.configurations().put("notification", xml);
            r.respondEmpty(HttpResponseStatus.OK);
        });
    }

    // ---- configurations by id --------------------------------------------------------------

    BodyHandler putById(EdgeRequest r, Bucket b, ById family) {
        String id = r.queryParameter("id");
        if (id == null || id.isEmpty()) {
            throw S3Errors.invalidArgument("Missing required parameter: id", "id", "");
        }
        return ControlBodies.xml(r, xml -> {
            requireRoot(xml, family.root);
            if (!id.equals(xml.childText("Id"))) {
                throw S3Errors.invalidArgument(
                        "The Id in the configuration and the id in the request do not match", "id", id);
            }
            NavigableMap<String, XmlElement> all = b.configurations().byId(family.subResource);
            if (!all.containsKey(id) && all.size() >= MAX_PER_BUCKET) {
                throw new AwsException(
                        400,
                        "TooManyConfigurations",
                        "You are attempting to create a new configuration but have already reached the "
                                + MAX_PER_BUCKET + "-configuration limit.");
            }
            all.put(id, xml);
            r.respondEmpty(HttpResponseStatus.NO_CONTENT);
        });
    }

    void getById(EdgeRequest r, Bucket b, ById family) {
        respond(r, requireById(r, b, family));
    }

    void deleteById(EdgeRequest r, Bucket b, ById family) {
        requireById(r, b, family);
        b.configurations().byId(family.subResource).remove(r.queryParameter("id"));
        r.respondEmpty(HttpResponseStatus.NO_CONTENT);
    }

    void list(EdgeRequest r, Bucket b, ById family) {
        NavigableMap<String, XmlElement> all = b.configurations().byId(family.subResource);
        String token = r.queryParameter("continuation-token");
        NavigableMap<String, XmlElement> from = all;
        if (token != null) {
            String after;
            try {
                after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw S3Errors.invalidArgument(
                        "The continuation token provided is incorrect", "continuation-token", token);
            }
            from = all.tailMap(after, false);
        }
        List<Map.Entry<String, XmlElement>> page = new ArrayList<>();
        for (Map.Entry<String, XmlElement> e : from.entrySet()) {
            if (page.size() == PAGE) {
                break;
            }
            page.add(e);
        }
        boolean truncated =
                !page.isEmpty() && from.higherKey(page.get(page.size() - 1).getKey()) != null;
        XmlWriter x = S3Xml.document(family.listRoot);
        if (token != null) {
            x.element("ContinuationToken", token);
        }
        for (Map.Entry<String, XmlElement> e : page) {
            write(x, e.getValue(), family.root);
        }
        x.element("IsTruncated", truncated);
        if (truncated) {
            x.element(
                    "NextContinuationToken",
                    Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(page.get(page.size() - 1).getKey().getBytes(StandardCharsets.UTF_8)));
        }
        r.respond(HttpResponseStatus.OK, "application/xml", x.toBytes());
    }

    private static XmlElement requireById(EdgeRequest r, Bucket b, ById family) {
        String id = r.queryParameter("id");
        XmlElement found =
                id == null ? null : b.configurations().byId(family.subResource).get(id);
        if (found == null) {
            throw new AwsException(404, "NoSuchConfiguration", "The specified configuration does not exist.");
        }
        return found;
    }

    // ---- shared ----------------------------------------------------------------------------

    private static void requireRoot(XmlElement xml, String root) {
        if (!xml.name().equals(root)) {
            throw S3Errors.malformedXml();
        }
    }

    /** A stored document back on the wire: its tree as put, in S3's namespace. */
    static void respond(EdgeRequest r, XmlElement stored) {
        XmlWriter x = S3Xml.document(stored.name());
        writeChildren(x, stored);
        r.respond(HttpResponseStatus.OK, "application/xml", x.toBytes());
    }

    private static void write(XmlWriter x, XmlElement e, String name) {
        String type = e.attributes().get("type");
        if (type != null) {
            // The only attribute these documents carry: a grantee's xsi:type.
            x.startWithAttributes(name, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance", "xsi:type", type);
        } else {
            x.start(name);
        }
        writeChildren(x, e);
        x.end();
    }

    private static void writeChildren(XmlWriter x, XmlElement e) {
        for (XmlElement c : e.children()) {
            if (c.children().isEmpty() && c.attributes().isEmpty()) {
                x.element(c.name(), c.rawText());
            } else {
                write(x, c, c.name());
            }
        }
    }
}
