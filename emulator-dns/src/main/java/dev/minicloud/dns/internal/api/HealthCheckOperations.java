package dev.minicloud.dns.internal.api;

import dev.minicloud.dns.internal.health.HealthCheck;
import dev.minicloud.dns.internal.health.HealthCheckConfig;
import dev.minicloud.dns.internal.health.HealthCheckRegistry;
import dev.minicloud.dns.internal.health.HealthCheckType;
import dev.minicloud.dns.internal.health.Observation;
import dev.minicloud.dns.internal.zones.Route53Errors;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/**
 * The health-check operations of Route 53: Create, Get, List, Update, Delete, GetHealthCheckCount,
 * GetHealthCheckStatus, GetHealthCheckLastFailureReason and GetCheckerIpRanges.
 *
 * <p>One local checker probes every endpoint check; GetHealthCheckStatus reports its observation once
 * per checker region of the check (its {@code Regions}, or all eight), from {@link #CHECKER_IP}, the
 * address it really probes from for the loopback targets tests use. GetCheckerIpRanges answers that
 * address's range for the same reason: a firewall rule built from it admits our checker.
 */
final class HealthCheckOperations {
    static final String CHECKER_IP = "127.0.0.1";
    private static final List<String> CHECKER_IP_RANGES = List.of("127.0.0.1/32");

    private final HealthCheckRegistry checks;
    private final Route53Requests requests;

    HealthCheckOperations(HealthCheckRegistry checks, Route53Requests requests) {
        this.checks = checks;
        this.requests = requests;
    }

    void create(EdgeRequest request, String account, byte[] body) {
        XmlElement root = requests.read(body, "CreateHealthCheckRequest");
        String callerReference = root.childText("CallerReference");
        if (callerReference == null) {
            throw HealthCheckConfigReader.validation("null", "callerReference", "Member must not be null");
        }
        if (callerReference.isEmpty() || callerReference.length() > 64) {
            throw HealthCheckConfigReader.validation(
                    callerReference, "callerReference", "Member must have length between 1 and 64");
        }
        HealthCheckConfig config = HealthCheckConfigReader.create(root.child("HealthCheckConfig"));
        HealthCheckRegistry.Created created = checks.create(account, callerReference, config);
        XmlWriter w = Route53Xml.document("CreateHealthCheckResponse");
        Route53Xml.healthCheck(w, created.check());
        // A retried CreateHealthCheck returns the existing check, still as 201 with its Location.
        Route53Requests.respond(
                request,
                HttpResponseStatus.CREATED,
                w,
                "https://route53.amazonaws.com/2013-04-01/healthcheck/"
                        + created.check().id());
    }

    void get(EdgeRequest request, String account, String id) {
        XmlWriter w = Route53Xml.document("GetHealthCheckResponse");
        Route53Xml.healthCheck(w, checks.get(account, id));
        Route53Requests.ok(request, w);
    }

    void list(EdgeRequest request, String account) {
        Route53Requests.markerPage(
                request,
                "ListHealthChecksResponse",
                "HealthChecks",
                checks.list(account),
                HealthCheck::id,
                1000,
                Route53Xml::healthCheck);
    }

    void update(EdgeRequest request, String account, String id, byte[] body) {
        XmlElement root = requests.read(body, "UpdateHealthCheckRequest");
        String versionText = root.childText("HealthCheckVersion");
        Long version = null;
        if (versionText != null) {
            try {
                version = Long.parseLong(versionText.trim());
            } catch (NumberFormatException e) {
                throw Route53Errors.invalidInput(
                        "Invalid request: HealthCheckVersion must be an integer, got '" + versionText + "'");
            }
            if (version < 1) {
                throw HealthCheckConfigReader.validation(
                        versionText, "healthCheckVersion", "Member must have value greater than or equal to 1");
            }
        }
        HealthCheck updated = checks.update(account, id, version, HealthCheckConfigReader.update(root));
        XmlWriter w = Route53Xml.document("UpdateHealthCheckResponse");
        Route53Xml.healthCheck(w, updated);
        Route53Requests.ok(request, w);
    }

    void delete(EdgeRequest request, String account, String id) {
        checks.delete(account, id);
        Route53Requests.ok(request, Route53Xml.document("DeleteHealthCheckResponse"));
    }

    void count(EdgeRequest request, String account) {
        XmlWriter w = Route53Xml.document("GetHealthCheckCountResponse");
        w.element("HealthCheckCount", checks.list(account).size());
        Route53Requests.ok(request, w);
    }

    void status(EdgeRequest request, String account, String id) {
        observations(request, account, id, "GetHealthCheckStatusResponse", checks.lastObservation(account, id));
    }

    void lastFailureReason(EdgeRequest request, String account, String id) {
        observations(request, account, id, "GetHealthCheckLastFailureReasonResponse", checks.lastFailure(account, id));
    }

    private void observations(EdgeRequest request, String account, String id, String root, Observation o) {
        HealthCheck check = checks.get(account, id);
        if (check.config().type() == HealthCheckType.CALCULATED) {
            throw Route53Errors.invalidInput("Invalid parameter : You can't get the status or the last failure reason "
                    + "of a calculated health check through the API.");
        }
        XmlWriter w = Route53Xml.document(root);
        w.start("HealthCheckObservations");
        if (o != null) {
            List<String> regions = check.config().regions().isEmpty()
                    ? HealthCheckConfigReader.CHECKER_REGIONS
                    : check.config().regions();
            for (String region : regions) {
                w.start("HealthCheckObservation");
                w.element("Region", region);
                w.element("IPAddress", CHECKER_IP);
                w.start("StatusReport");
                w.element("Status", o.status());
                w.element("CheckedTime", o.checkedAt());
                w.end();
                w.end();
            }
        }
        w.end();
        Route53Requests.ok(request, w);
    }

    void checkerIpRanges(EdgeRequest request) {
        XmlWriter w = Route53Xml.document("GetCheckerIpRangesResponse");
        w.start("CheckerIpRanges");
        CHECKER_IP_RANGES.forEach(r -> w.element("member", r));
        w.end();
        Route53Requests.ok(request, w);
    }
}
