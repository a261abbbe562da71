package dev.minicloud.dns.internal.api;

import dev.minicloud.dns.internal.health.HealthCheckConfig;
import dev.minicloud.dns.internal.health.HealthCheckConfig.AlarmIdentifier;
import dev.minicloud.dns.internal.health.HealthCheckType;
import dev.minicloud.dns.internal.zones.Route53Errors;
import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.xml.XmlElement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads the {@code HealthCheckConfig} of CreateHealthCheck and the fields of UpdateHealthCheck into a
 * {@link HealthCheckConfig}, with Route 53's defaults and validation. Model constraints (ranges,
 * lengths, enums) answer in the AWS validation format ({@code 1 validation error detected: ...});
 * combinations Route 53 refuses answer {@code Invalid parameter : ...}, with Route 53's own text where it
 * is known (TCP with a resource path, an alarm on an endpoint check, a calculated check without a
 * threshold) and ours in the same style elsewhere. Both are {@code InvalidInput}; nothing is stored.
 */
final class HealthCheckConfigReader {
    /** The regions Route 53 has health checkers in (the model's {@code HealthCheckRegion}). */
    static final List<String> CHECKER_REGIONS = List.of(
            "us-east-1",
            "us-west-1",
            "us-west-2",
            "eu-west-1",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-northeast-1",
            "sa-east-1");

    private static final Set<String> INSUFFICIENT_DATA = Set.of("Healthy", "Unhealthy", "LastKnownStatus");
    private static final Set<String> RESETTABLE =
            Set.of("FullyQualifiedDomainName", "Regions", "ResourcePath", "ChildHealthChecks");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    private HealthCheckConfigReader() {}

    /** CreateHealthCheck's {@code HealthCheckConfig} element. */
    static HealthCheckConfig create(XmlElement e) {
        if (e == null) {
            throw validation("null", "healthCheckConfig", "Member must not be null");
        }
        Draft d = new Draft();
        String typeText = e.childText("Type");
        if (typeText == null) {
            throw validation("null", "healthCheckConfig.type", "Member must not be null");
        }
        try {
            d.type = HealthCheckType.valueOf(typeText.trim());
        } catch (IllegalArgumentException ex) {
            throw validation(
                    typeText,
                    "healthCheckConfig.type",
                    "Member must satisfy enum value set: " + HealthCheckType.enumValueSet());
        }
        d.requestInterval = integer(e, "RequestInterval", "healthCheckConfig.requestInterval", 10, 30);
        d.measureLatency = bool(e, "MeasureLatency");
        d.routingControlArn = string(e, "RoutingControlArn", "healthCheckConfig.routingControlArn", 255);
        readMutable(d, e, "healthCheckConfig.");
        return d.validate();
    }

    /** UpdateHealthCheck: the request's fields applied to {@code current}, then validated whole. */
    static UnaryOperator<HealthCheckConfig> update(XmlElement e) {
        return current -> {
            Draft d = new Draft(current);
            String ip = string(e, "IPAddress", "iPAddress", 45);
            if (ip != null && current.ipAddress() == null) {
                throw invalid("You can't add an IPAddress to a health check that was created without one.");
            }
            XmlElement reset = e.child("ResetElements");
            if (reset != null) {
                for (XmlElement r : reset.children("ResettableElementName")) {
                    String name = r.text();
                    if (!RESETTABLE.contains(name)) {
                        throw validation(
                                name,
                                "resetElements.member",
                                "Member must satisfy enum value set: "
                                        + "[FullyQualifiedDomainName, Regions, ResourcePath, ChildHealthChecks]");
                    }
                    switch (name) {
                        case "FullyQualifiedDomainName" -> {
                            if (current.ipAddress() == null) {
                                throw invalid("You can't remove the FullyQualifiedDomainName of a health check "
                                        + "that has no IPAddress.");
                            }
                            d.fqdn = null;
                        }
                        case "Regions" -> d.regions = List.of();
                        case "ResourcePath" -> d.resourcePath = null;
                        default -> d.children = List.of();
                    }
                }
            }
            readMutable(d, e, "");
            return d.validate();
        };
    }

    /** The fields CreateHealthCheck and UpdateHealthCheck share; absent ones keep the draft's value. */
    private static void readMutable(Draft d, XmlElement e, String at) {
        d.ipAddress = orKeep(string(e, "IPAddress", at + "iPAddress", 45), d.ipAddress);
        d.port = orKeep(integer(e, "Port", at + "port", 1, 65535), d.port);
        d.resourcePath = orKeep(string(e, "ResourcePath", at + "resourcePath", 255), d.resourcePath);
        d.fqdn = orKeep(string(e, "FullyQualifiedDomainName", at + "fullyQualifiedDomainName", 255), d.fqdn);
        d.searchString = orKeep(string(e, "SearchString", at + "searchString", 255), d.searchString);
        d.failureThreshold = orKeep(integer(e, "FailureThreshold", at + "failureThreshold", 1, 10), d.failureThreshold);
        d.inverted = orKeep(bool(e, "Inverted"), d.inverted);
        d.disabled = orKeep(bool(e, "Disabled"), d.disabled);
        d.healthThreshold = orKeep(integer(e, "HealthThreshold", at + "healthThreshold", 0, 256), d.healthThreshold);
        d.enableSni = orKeep(bool(e, "EnableSNI"), d.enableSni);
        XmlElement children = e.child("ChildHealthChecks");
        if (children != null) {
            List<String> ids = new ArrayList<>();
            for (XmlElement c : children.children("ChildHealthCheck")) {
                ids.add(c.text());
            }
            if (ids.size() > 256) {
                throw validation(
                        ids.toString(), at + "childHealthChecks", "Member must have length less than or equal to 256");
            }
            d.children = ids;
        }
        XmlElement regions = e.child("Regions");
        if (regions != null) {
            List<String> list = new ArrayList<>();
            for (XmlElement r : regions.children("Region")) {
                if (!CHECKER_REGIONS.contains(r.text())) {
                    throw validation(
                            r.text(), at + "regions.member", "Member must satisfy enum value set: " + CHECKER_REGIONS);
                }
                list.add(r.text());
            }
            if (list.size() < 3 || list.size() > 64) {
                throw validation(list.toString(), at + "regions", "Member must have length greater than or equal to 3");
            }
            d.regions = list;
        }
        XmlElement alarm = e.child("AlarmIdentifier");
        if (alarm != null) {
            String region = alarm.childText("Region");
            String name = alarm.childText("Name");
            if (region == null || name == null || name.isEmpty() || name.length() > 256) {
                throw validation(
                        region == null ? "null" : name,
                        at + "alarmIdentifier." + (region == null ? "region" : "name"),
                        region == null ? "Member must not be null" : "Member must have length between 1 and 256");
            }
            d.alarm = new AlarmIdentifier(region.trim(), name);
        }
        String insufficient = e.childText("InsufficientDataHealthStatus");
        if (insufficient != null) {
            if (!INSUFFICIENT_DATA.contains(insufficient.trim())) {
                throw validation(
                        insufficient,
                        at + "insufficientDataHealthStatus",
                        "Member must satisfy enum value set: [Healthy, Unhealthy, LastKnownStatus]");
            }
            d.insufficientData = insufficient.trim();
        }
    }

    /** A configuration being assembled: defaults and cross-field rules are applied in {@link #validate()}. */
    private static final class Draft {
        HealthCheckType type;
        String ipAddress;
        Integer port;
        String resourcePath;
        String fqdn;
        String searchString;
        Integer requestInterval;
        Integer failureThreshold;
        Boolean measureLatency;
        Boolean inverted;
        Boolean disabled;
        Integer healthThreshold;
        List<String> children = List.of();
        Boolean enableSni;
        List<String> regions = List.of();
        AlarmIdentifier alarm;
        String insufficientData;
        String routingControlArn;

        Draft() {}

        Draft(HealthCheckConfig c) {
            type = c.type();
            ipAddress = c.ipAddress();
            port = c.port();
            resourcePath = c.resourcePath();
            fqdn = c.fullyQualifiedDomainName();
            searchString = c.searchString();
            requestInterval = c.requestInterval();
            failureThreshold = c.failureThreshold();
            measureLatency = c.measureLatency();
            inverted = c.inverted();
            disabled = c.disabled();
            healthThreshold = c.healthThreshold();
            children = c.childHealthChecks();
            enableSni = c.enableSni();
            regions = c.regions();
            alarm = c.alarmIdentifier();
            insufficientData = c.insufficientDataHealthStatus();
            routingControlArn = c.routingControlArn();
        }

        HealthCheckConfig validate() {
            if (ipAddress != null
                    && !IPV4.matcher(ipAddress).matches()
                    && !(ipAddress.contains(":") && IPV6.matcher(ipAddress).matches())) {
                throw invalid("The IP address " + ipAddress + " is not a valid IPv4 or IPv6 address.");
            }
            if (new HashSet<>(regions).size() != regions.size()) {
                throw invalid("A health check can't list a region more than once.");
            }
            if (type.isEndpoint()) {
                endpointRules();
            } else {
                notEndpointRules();
            }
            boolean endpoint = type.isEndpoint();
            return new HealthCheckConfig(
                    ipAddress,
                    port,
                    type,
                    resourcePath,
                    fqdn,
                    searchString,
                    endpoint ? requestInterval : null,
                    endpoint ? failureThreshold : null,
                    endpoint ? measureLatency : null,
                    Boolean.TRUE.equals(inverted),
                    Boolean.TRUE.equals(disabled),
                    healthThreshold,
                    children,
                    endpoint ? enableSni : null,
                    regions,
                    alarm,
                    type == HealthCheckType.CLOUDWATCH_METRIC ? insufficientData : null,
                    routingControlArn);
        }

        private void endpointRules() {
            if (ipAddress == null && fqdn == null) {
                throw invalid(
                        type + " health checks must have an IP address or a fully qualified domain name specified.");
            }
            if (alarm != null || insufficientData != null) {
                throw invalid("Basic health checks must not have an metric region specified."); // Route 53's wording
            }
            if (healthThreshold != null || !children.isEmpty()) {
                throw invalid(
                        "Only calculated health checks can have child health checks or a health threshold specified.");
            }
            if (routingControlArn != null) {
                throw invalid("Only recovery control health checks can have a routing control ARN specified.");
            }
            if (type == HealthCheckType.TCP) {
                if (port == null) {
                    throw invalid("TCP health checks must have a port specified.");
                }
                if (resourcePath != null) {
                    // Route 53's own text, spelling included.
                    throw Route53Errors.invalidInput("TCP health checks must not have a resource path specificed.");
                }
                if (ipAddress != null && fqdn != null) {
                    throw Route53Errors.invalidInput("TCP health checks that have IP address must not have a fully "
                            + "qualified domain name specified.");
                }
            }
            if (type.isStringMatch() && (searchString == null || searchString.isEmpty())) {
                throw invalid("String matching health checks must have a search string specified.");
            }
            if (!type.isStringMatch() && searchString != null) {
                throw invalid("Only string matching health checks can have a search string specified.");
            }
            if (requestInterval == null) {
                requestInterval = 30;
            } else if (requestInterval != 10 && requestInterval != 30) {
                throw invalid("The request interval must be 10 or 30 seconds.");
            }
            failureThreshold = failureThreshold == null ? 3 : failureThreshold;
            port = port == null ? type.defaultPort() : port;
            measureLatency = Boolean.TRUE.equals(measureLatency);
            enableSni = enableSni == null ? type.isTls() : enableSni;
        }

        private void notEndpointRules() {
            String kind = switch (type) {
                case CALCULATED -> "Calculated";
                case CLOUDWATCH_METRIC -> "CloudWatch metric";
                default -> "Recovery control";
            };
            if (ipAddress != null || port != null || fqdn != null || resourcePath != null || searchString != null) {
                throw invalid(kind + " health checks must not have an IP address, port, domain name, resource path "
                        + "or search string specified.");
            }
            if (type == HealthCheckType.CALCULATED) {
                if (healthThreshold == null) {
                    throw invalid(
                            "Calculated health checks must have a health threshold specified."); // Route 53's wording
                }
            } else if (healthThreshold != null || !children.isEmpty()) {
                throw invalid(
                        "Only calculated health checks can have child health checks or a health threshold specified.");
            }
            if (type == HealthCheckType.CLOUDWATCH_METRIC) {
                if (alarm == null) {
                    throw invalid("CloudWatch metric health checks must have an alarm identifier specified.");
                }
                insufficientData = insufficientData == null ? "LastKnownStatus" : insufficientData;
            } else if (alarm != null || insufficientData != null) {
                throw invalid("Only CloudWatch metric health checks can have an alarm identifier specified.");
            }
            if (type == HealthCheckType.RECOVERY_CONTROL) {
                if (routingControlArn == null || routingControlArn.isEmpty()) {
                    throw invalid("Recovery control health checks must have a routing control ARN specified.");
                }
            } else if (routingControlArn != null) {
                throw invalid("Only recovery control health checks can have a routing control ARN specified.");
            }
        }
    }

    private static <T> T orKeep(T value, T current) {
        return value != null ? value : current;
    }

    private static String string(XmlElement e, String element, String at, int max) {
        String v = e.childText(element);
        if (v != null && v.length() > max) {
            throw validation(v, at, "Member must have length less than or equal to " + max);
        }
        return v;
    }

    private static Integer integer(XmlElement e, String element, String at, int min, int max) {
        String v = e.childText(element);
        if (v == null) {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException ex) {
            throw Route53Errors.invalidInput("Invalid request: " + element + " must be an integer, got '" + v + "'");
        }
        if (n < min) {
            throw validation(v, at, "Member must have value greater than or equal to " + min);
        }
        if (n > max) {
            throw validation(v, at, "Member must have value less than or equal to " + max);
        }
        return (int) n;
    }

    private static Boolean bool(XmlElement e, String element) {
        String v = e.childText(element);
        if (v == null) {
            return null;
        }
        String t = v.trim();
        if (!t.equals("true") && !t.equals("false")) {
            throw Route53Errors.invalidInput("Invalid request: " + element + " must be true or false, got '" + v + "'");
        }
        return Boolean.valueOf(t);
    }

    static AwsException validation(String value, String at, String constraint) {
        return Route53Errors.validation(value, at, constraint);
    }

    private static AwsException invalid(String message) {
        return Route53Errors.invalidInput("Invalid parameter : " + message);
    }
}
