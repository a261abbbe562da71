package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.Bucket;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Set;

/**
 * Put/Get/DeleteBucketWebsite: the website configuration ({@code IndexDocument}, {@code ErrorDocument},
 * {@code RedirectAllRequestsTo}, {@code RoutingRules}) with S3's validation, stored and returned as
 * put; {@link WebsiteEndpoint} serves it.
 */
final class WebsiteApi {
    private static final String SUB_RESOURCE = "website";
    private static final int MAX_RULES = 50;
    private static final Set<String> PROTOCOLS = Set.of("http", "https");

    void get(EdgeRequest r, Bucket b) {
        XmlElement stored = b.configurations().get(SUB_RESOURCE);
        if (stored == null) {
            throw new AwsException(
                            404,
                            "NoSuchWebsiteConfiguration",
                            "The specified bucket does not have a website configuration")
                    .with("BucketName", b.name());
        }
        StoredConfigurationsApi.respond(r, stored);
    }

    BodyHandler put(EdgeRequest r, Bucket b) {
        return ControlBodies.xml(r, xml -> {
            validate(xml);
            b.configurations().put(SUB_RESOURCE, xml);
            r.respondEmpty(HttpResponseStatus.OK);
        });
    }

    void delete(EdgeRequest r, Bucket b) {
        b.configurations().remove(SUB_RESOURCE);
        r.respondEmpty(HttpResponseStatus.NO_CONTENT);
    }

    private static void validate(XmlElement xml) {
        if (!xml.name().equals("WebsiteConfiguration")) {
            throw S3Errors.malformedXml();
        }
        XmlElement redirectAll = xml.child("RedirectAllRequestsTo");
        if (redirectAll != null) {
            if (xml.children().size() > 1) {
                throw S3Errors.invalidArgument(
                        "RedirectAllRequestsTo cannot be provided in conjunction with other " + "Routing Rules.",
                        "RedirectAllRequestsTo",
                        "not null");
            }
            if (redirectAll.childText("HostName") == null) {
                throw S3Errors.malformedXml();
            }
            protocol(redirectAll);
            return;
        }
        XmlElement index = xml.child("IndexDocument");
        String suffix = index == null ? null : index.childText("Suffix");
        if (suffix == null || suffix.isEmpty()) {
            throw S3Errors.invalidArgument(
                    "A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo " + "is empty",
                    "IndexDocument",
                    "null");
        }
        if (suffix.contains("/")) {
            throw S3Errors.invalidArgument("The IndexDocument Suffix is not well formed", "IndexDocument", suffix);
        }
        XmlElement error = xml.child("ErrorDocument");
        if (error != null
                && (error.childText("Key") == null || error.childText("Key").isEmpty())) {
            throw S3Errors.malformedXml();
        }
        XmlElement rules = xml.child("RoutingRules");
        if (rules != null) {
            List<XmlElement> list = rules.children("RoutingRule");
            if (list.isEmpty() || list.size() > MAX_RULES) {
                throw S3Errors.malformedXml();
            }
            for (XmlElement rule : list) {
                routingRule(rule);
            }
        }
    }

    private static void routingRule(XmlElement rule) {
        XmlElement redirect = rule.child("Redirect");
        if (redirect == null) {
            throw S3Errors.malformedXml();
        }
        XmlElement condition = rule.child("Condition");
        String errorCode = condition == null ? null : condition.childText("HttpErrorCodeReturnedEquals");
        if (errorCode != null && !errorCode.matches("[45]\\d\\d")) {
            throw S3Errors.invalidArgument(
                    "The provided HTTP error code (" + errorCode + ") is not valid. Valid codes " + "are 4XX or 5XX.",
                    "HttpErrorCodeReturnedEquals",
                    errorCode);
        }
        String redirectCode = redirect.childText("HttpRedirectCode");
        if (redirectCode != null && (!redirectCode.matches("3\\d\\d") || redirectCode.equals("300"))) {
            throw S3Errors.invalidArgument(
                    "The provided HTTP redirect code (" + redirectCode + ") is not valid. Valid "
                            + "codes are 3XX except 300.",
                    "HttpRedirectCode",
                    redirectCode);
        }
        if (redirect.childText("ReplaceKeyPrefixWith") != null && redirect.childText("ReplaceKeyWith") != null) {
            throw S3Errors.invalidArgument(
                    "You can only define ReplaceKeyPrefix or ReplaceKey but not both.", "Redirect", "");
        }
        protocol(redirect);
    }

    private static void protocol(XmlElement e) {
        String protocol = e.childText("Protocol");
        if (protocol != null && !PROTOCOLS.contains(protocol)) {
            throw S3Errors.invalidArgument(
                    "Invalid protocol, protocol can be http or https. If not defined the "
                            + "protocol will be selected automatically.",
                    "Protocol",
                    protocol);
        }
    }
}
