package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.s3.internal.cors.CorsAnswer;
import dev.minicloud.s3.internal.cors.CorsConfiguration;
import dev.minicloud.s3.internal.cors.CorsRule;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.Bucket;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
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
    // S3's spelling of the names (Netty's HttpHeaderNames constants are lower case).
    private static final AsciiString ALLOW_ORIGIN = AsciiString.cached("Access-Control-Allow-Origin");
    private static final AsciiString ALLOW_METHODS = AsciiString.cached("Access-Control-Allow-Methods");
    private static final AsciiString EXPOSE_HEADERS = AsciiString.cached("Access-Control-Expose-Headers");
    private static final AsciiString MAX_AGE = AsciiString.cached("Access-Control-Max-Age");
    private static final AsciiString VARY_NAME = AsciiString.cached("Vary");
    private static final AsciiString ALLOW_CREDENTIALS = AsciiString.cached("Access-Control-Allow-Credentials");

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
        CorsAnswer answer = cors.preflight(origin, method, requestHeaders);
        if (answer == null) {
            throw forbidden(
                    "CORSResponse: This CORS request is not allowed. This is usually because the evalution "
                            + "of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers "
                            + "are not whitelisted by the resource's CORS spec.",
                    method,
                    level);
        }
        FullHttpResponse resp =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
        HttpHeaders h = resp.headers();
        allowHeaders(answer, origin, (name, value) -> h.set(name, value));
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
        CorsAnswer answer = cors.answer(origin, r.method().name());
        if (answer != null) {
            allowHeaders(answer, origin, r::alwaysRespondWith);
        }
    }

    private interface HeaderSink {
        void add(CharSequence name, String value);
    }

    /** The rule's precomputed values under constant names (an AsciiString caches its hash). */
    private static void allowHeaders(CorsAnswer answer, String origin, HeaderSink out) {
        out.add(ALLOW_ORIGIN, answer.allowOrigin(origin));
        out.add(ALLOW_METHODS, answer.allowMethods());
        if (answer.exposeHeaders() != null) {
            out.add(EXPOSE_HEADERS, answer.exposeHeaders());
        }
        if (answer.maxAge() != null) {
            out.add(MAX_AGE, answer.maxAge());
        }
        if (!answer.anyOrigin()) {
            out.add(ALLOW_CREDENTIALS, "true");
        }
        out.add(VARY_NAME, VARY);
    }

    private static AwsException forbidden(String message, String method, S3Route.Level level) {
        return new AwsException(403, "AccessForbidden", message)
                .with("Method", method)
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
                    throw S3Errors.invalidRequest(
                            "Found unsupported HTTP method in CORS config. Unsupported method is " + m);
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
            parsed.add(new CorsRule(
                    rule.childText("ID"),
                    methods,
                    origins,
                    headers,
                    texts(rule, "ExposeHeader"),
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
