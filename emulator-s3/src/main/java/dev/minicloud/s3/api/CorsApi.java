package dev.minicloud.s3.api;

import dev.minicloud.core.aws.AwsException;
import dev.minicloud.core.http.BodyHandler;
import dev.minicloud.core.http.EdgeRequest;
import dev.minicloud.core.xml.XmlElement;
import dev.minicloud.core.xml.XmlWriter;
import dev.minicloud.s3.cors.CorsConfiguration;
import dev.minicloud.s3.cors.CorsRule;
import dev.minicloud.s3.service.S3Errors;
import dev.minicloud.s3.store.Bucket;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Bucket CORS on the wire: Put/Get/DeleteBucketCors with S3's validation, the browser's
 * {@code OPTIONS} preflight answered from the rules (200 with the {@code Access-Control-*} headers,
 * or 403 {@code AccessForbidden} "CORSResponse: ..."), and the CORS headers S3 puts on actual
 * responses to requests that carry an {@code Origin} a rule allows for their method.
 */
final class CorsApi {
    private static final Set<String> METHODS = Set.of("GET", "PUT", "HEAD", "POST", "DELETE");
    private static final String VARY = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";

    BodyHandler put(EdgeRequest r, Bucket b) {
        return ControlBodies.xml(r, xml -> {
            b.cors(parse(xml));
            r.respondEmpty(HttpResponseStatus.OK);
        });
    }

    void get(EdgeRequest r, Bucket b) {
        CorsConfiguration cors = b.cors();
        if (cors == null) {
            throw new AwsException(404, "NoSuchCORSConfiguration", "The CORS configuration does not exist")
                    .with("BucketName", b.name());
        }
        XmlWriter x = S3Xml.document("CORSConfiguration");
        for (CorsRule rule : cors.rules()) {
            x.start("CORSRule");
            x.element("ID", rule.id());
            rule.allowedHeaders().forEach(h -> x.element("AllowedHeader", h));
            rule.allowedMethods().forEach(m -> x.element("AllowedMethod", m));
            rule.allowedOrigins().forEach(o -> x.element("AllowedOrigin", o));
            rule.exposeHeaders().forEach(h -> x.element("ExposeHeader", h));
            if (rule.maxAgeSeconds() != null) {
                x.element("MaxAgeSeconds", rule.maxAgeSeconds());
            }
            x.end();
        }
        r.respond(HttpResponseStatus.OK, "application/xml", x.toBytes());
    }

    void delete(EdgeRequest r, Bucket b) {
        b.cors(null);
        r.respondEmpty(HttpResponseStatus.NO_CONTENT);
    }

    /** A browser's preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}). */
    void preflight(S3Call c, S3Route.Level level) {
        EdgeRequest r = c.r();
        String origin = r.header("Origin");
        if (origin == null) {
            throw new AwsException(400, "BadRequest", "Insufficient information. Origin request header needed.");
        }
        String method = r.header("Access-Control-Request-Method");
        if (method == null || !METHODS.contains(method)) {
            throw new AwsException(400, "BadRequest", "Invalid Access-Control-Request-Method: " + method);
        }
        Bucket b = c.bucket();
        CorsConfiguration cors = b.cors();
        if (cors == null) {
            throw forbidden("CORSResponse: CORS is not enabled for this bucket.", method, level);
        }
        List<String> requestHeaders = requestHeaders(r.header("Access-Control-Request-Headers"));
        CorsRule rule = cors.match(origin, method, requestHeaders);
        if (rule == null) {
            throw forbidden("CORSResponse: This CORS request is not allowed. This is usually because the evalution "
                    + "of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers "
                    + "are not whitelisted by the resource's CORS spec.", method, level);
        }
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.EMPTY_BUFFER);
        HttpHeaders h = resp.headers();
        allowHeaders(rule, origin, (name, value) -> h.set(name, value));
        if (!requestHeaders.isEmpty()) {
            h.set("Access-Control-Allow-Headers", String.join(", ", requestHeaders));
        }
        r.respond(resp);
    }

    /**
     * On an actual request with an {@code Origin}: the CORS headers of the first rule allowing that
     * origin and the request's method, on whatever the answer is; nothing when no rule does.
     */
    static void actualRequest(EdgeRequest r, Bucket b) {
        CorsConfiguration cors = b.cors();
        String origin = r.header("Origin");
        if (cors == null || origin == null) {
            return;
        }
        CorsRule rule = cors.match(origin, r.method().name(), List.of());
        if (rule != null) {
            allowHeaders(rule, origin, r::alwaysRespondWith);
        }
    }

    private interface HeaderSink {
        void add(String name, String value);
    }

    private static void allowHeaders(CorsRule rule, String origin, HeaderSink out) {
        out.add("Access-Control-Allow-Origin", rule.anyOrigin() ? "*" : origin);
        out.add("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
        if (!rule.exposeHeaders().isEmpty()) {
            out.add("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
        }
        if (rule.maxAgeSeconds() != null) {
            out.add("Access-Control-Max-Age", rule.maxAgeSeconds().toString());
        }
        if (!rule.anyOrigin()) {
            out.add("Access-Control-Allow-Credentials", "true");
        }
        out.add("Vary", VARY);
    }

    private static AwsException forbidden(String message, String method, S3Route.Level level) {
        return new AwsException(403, "AccessForbidden", message).with("Method", method)
                .with("ResourceType", level.name());
    }

    private static List<String> requestHeaders(String header) {
        List<String> out = new ArrayList<>();
        if (header != null) {
            for (String h : header.split(",")) {
                if (!h.isBlank()) {
                    out.add(h.trim());
                }
            }
        }
        return out;
    }

    /** PutBucketCors's document with S3's rules; a refused one changes nothing. */
    private static CorsConfiguration parse(XmlElement xml) {
        List<XmlElement> rules = xml.children("CORSRule");
        if (!xml.name().equals("CORSConfiguration") || rules.isEmpty() || rules.size() > CorsConfiguration.MAX_RULES) {
            throw S3Errors.malformedXml();
        }
        List<CorsRule> parsed = new ArrayList<>();
        for (XmlElement rule : rules) {
            List<String> methods = texts(rule, "AllowedMethod");
            List<String> origins = texts(rule, "AllowedOrigin");
            if (methods.isEmpty() || origins.isEmpty()) {
                throw S3Errors.malformedXml();
            }
            for (String m : methods) {
                if (!METHODS.contains(m)) {
                    throw S3Errors.invalidRequest("Found unsupported HTTP method in CORS config. Unsupported method is "
                            + m);
                }
            }
            for (String o : origins) {
                if (o.indexOf('*') != o.lastIndexOf('*')) {
                    throw S3Errors.invalidRequest("AllowedOrigin \"" + o + "\" can not have more than one wildcard.");
                }
            }
            List<String> headers = texts(rule, "AllowedHeader");
            for (String h : headers) {
                if (h.indexOf('*') != h.lastIndexOf('*')) {
                    throw S3Errors.invalidRequest("AllowedHeader \"" + h + "\" can not have more than one wildcard.");
                }
            }
            parsed.add(new CorsRule(rule.childText("ID"), methods, origins, headers, texts(rule, "ExposeHeader"),
                    maxAge(rule.childText("MaxAgeSeconds"))));
        }
        return new CorsConfiguration(parsed);
    }

    private static Integer maxAge(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw S3Errors.malformedXml();
        }
    }

    private static List<String> texts(XmlElement rule, String name) {
        List<String> out = new ArrayList<>();
        for (XmlElement e : rule.children(name)) {
            out.add(e.text());
        }
        return out;
    }
}
