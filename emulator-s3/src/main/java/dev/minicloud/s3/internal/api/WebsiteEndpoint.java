package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.ObjectData;
import dev.minicloud.s3.internal.store.ObjectVersion;
import dev.minicloud.s3.internal.store.VersionChain;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 website endpoint: requests whose {@code Host} is {@code <bucket>.s3-website-<region>} or
 * {@code <bucket>.s3-website.<region>} under {@code localhost} or {@code amazonaws.com} are answered as
 * S3's website endpoints answer them, from the bucket's website configuration: the index document for
 * {@code /} and for {@code folder/} (a {@code folder} without its slash is redirected there, 302), the
 * error document with the error's status, {@code RedirectAllRequestsTo}, routing rules (by key prefix
 * before the lookup, by returned error code after it), an object's {@code x-amz-website-redirect-location}
 * (301), GET and HEAD only, and errors as HTML pages, not XML. Requests are anonymous; in strict mode
 * an object is served only when it is public (a public-read ACL or a bucket policy allowing everyone
 * {@code s3:GetObject}), as on S3, and the public access block can take that away.
 */
final class WebsiteEndpoint {
    private static final Pattern HOST =
            Pattern.compile("(.+)\\.s3-website[.-]([a-z0-9-]+)\\.(?:localhost|amazonaws\\.com)");

    private final S3Api api;
    private final S3Access access;

    WebsiteEndpoint(S3Api api, S3Access access) {
        this.api = api;
        this.access = access;
    }

    /** The bucket a website Host names, or {@code null} when the Host is not a website endpoint's. */
    static String bucket(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && !host.startsWith("[")) {
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (!host.contains(".s3-website")) {
            return null; // every other request: no regex
        }
        Matcher m = HOST.matcher(host);
        return m.matches() ? m.group(1) : null;
    }

    /** A website error: its status, S3's code and message, and the key or bucket it names. */
    private record Failure(int status, String code, String message, String key) {}

    void serve(EdgeRequest r, String bucketName) {
        if (!r.method().equals(HttpMethod.GET) && !r.method().equals(HttpMethod.HEAD)) {
            html(
                    r,
                    new Failure(
                            405,
                            "MethodNotAllowed",
                            "The specified method is not allowed against this resource.",
                            null));
            return;
        }
        Bucket b = find(bucketName);
        if (b == null) {
            html(r, new Failure(404, "NoSuchBucket", "The specified bucket does not exist", bucketName));
            return;
        }
        XmlElement config = b.configurations().get("website");
        if (config == null) {
            html(
                    r,
                    new Failure(
                            404,
                            "NoSuchWebsiteConfiguration",
                            "The specified bucket does not have a website configuration",
                            bucketName));
            return;
        }
        String path = r.path().startsWith("/") ? r.path().substring(1) : r.path();
        XmlElement all = config.child("RedirectAllRequestsTo");
        if (all != null) {
            redirect(r, 301, protocol(all.childText("Protocol")) + "://" + all.childText("HostName") + "/" + path);
            return;
        }
        XmlElement rule = rule(config, path, null);
        if (rule != null) {
            redirect(r, rule, path);
            return;
        }
        String suffix = indexSuffix(config);
        String key = path.isEmpty() || path.endsWith("/") ? path + suffix : path;
        ObjectVersion v = readable(r, b, key);
        if (v == null && !path.isEmpty() && !path.endsWith("/") && readable(r, b, path + "/" + suffix) != null) {
            redirect(r, 302, "/" + path + "/");
            return;
        }
        if (v == null) {
            boolean exists = current(b, key) != null;
            fail(
                    r,
                    b,
                    config,
                    path,
                    exists
                            ? new Failure(403, "AccessDenied", "Access Denied", null)
                            : new Failure(404, "NoSuchKey", "The specified key does not exist.", key));
            return;
        }
        if (v.metadata().websiteRedirectLocation() != null) {
            redirect(r, 301, v.metadata().websiteRedirectLocation());
            return;
        }
        while (!ObjectResponses.getOrHead(r, b, v, api.clock().instant())) {
            v = readable(r, b, key); // a concurrent overwrite released the data: serve the newer version
            if (v == null) {
                fail(r, b, config, path, new Failure(404, "NoSuchKey", "The specified key does not exist.", key));
                return;
            }
        }
    }

    /** An error: a routing rule for its code, else the error document with the error's status, else S3's HTML page. */
    private void fail(EdgeRequest r, Bucket b, XmlElement config, String path, Failure f) {
        XmlElement rule = rule(config, path, f.status());
        if (rule != null) {
            redirect(r, rule, path);
            return;
        }
        XmlElement error = config.child("ErrorDocument");
        ObjectVersion doc = error == null ? null : readable(r, b, error.childText("Key"));
        ObjectData data = doc == null ? null : doc.data().tryShare();
        if (data == null) {
            html(r, f);
            return;
        }
        try {
            FullHttpResponse resp = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(f.status()),
                    Unpooled.wrappedBuffer(data.toByteArray()));
            resp.headers()
                    .set(
                            "Content-Type",
                            doc.metadata().contentType() == null
                                    ? "text/html"
                                    : doc.metadata().contentType());
            resp.headers().set("ETag", doc.quotedEtag());
            r.respond(resp);
        } finally {
            data.release();
        }
    }

    /**
     * The first routing rule for {@code path}: with {@code status} null, rules without an error-code
     * condition (checked before the lookup); else those for that code.
     */
    private static XmlElement rule(XmlElement config, String path, Integer status) {
        XmlElement rules = config.child("RoutingRules");
        if (rules == null) {
            return null;
        }
        for (XmlElement rule : rules.children("RoutingRule")) {
            XmlElement cond = rule.child("Condition");
            String prefix = cond == null ? null : cond.childText("KeyPrefixEquals");
            String code = cond == null ? null : cond.childText("HttpErrorCodeReturnedEquals");
            boolean prefixOk = prefix == null || path.startsWith(prefix);
            boolean codeOk =
                    status == null ? code == null : code != null && code.trim().equals(status.toString());
            if (prefixOk && codeOk) {
                return rule;
            }
        }
        return null;
    }

    /** Answers a routing rule's redirect: its host and protocol, the key replaced whole or by prefix, its code. */
    private static void redirect(EdgeRequest r, XmlElement rule, String path) {
        XmlElement redirect = rule.child("Redirect");
        XmlElement cond = rule.child("Condition");
        String prefix = cond == null ? null : cond.childText("KeyPrefixEquals");
        String key = path;
        String replaceKey = redirect.childText("ReplaceKeyWith");
        String replacePrefix = redirect.childText("ReplaceKeyPrefixWith");
        if (replaceKey != null) {
            key = replaceKey;
        } else if (replacePrefix != null) {
            key = replacePrefix + path.substring(prefix == null ? 0 : prefix.length());
        }
        String host = redirect.childText("HostName");
        String code = redirect.childText("HttpRedirectCode");
        String location = (host == null ? "" : protocol(redirect.childText("Protocol")) + "://" + host) + "/" + key;
        redirect(r, code == null ? 301 : Integer.parseInt(code.trim()), location);
    }

    private static String protocol(String configured) {
        return configured != null ? configured.trim() : "http";
    }

    private static void redirect(EdgeRequest r, int status, String location) {
        FullHttpResponse resp = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.EMPTY_BUFFER);
        resp.headers().set("Location", location);
        r.respond(resp);
    }

    private static String indexSuffix(XmlElement config) {
        XmlElement index = config.child("IndexDocument");
        String suffix = index == null ? null : index.childText("Suffix");
        return suffix == null ? "index.html" : suffix;
    }

    /** The bucket of any account (website requests are anonymous; bucket names are S3's global namespace). */
    private Bucket find(String name) {
        for (Bucket b : api.store().allBuckets()) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        return null;
    }

    private static ObjectVersion current(Bucket b, String key) {
        VersionChain chain = b.chain(key);
        ObjectVersion v = chain == null ? null : chain.latest();
        return v == null || v.deleteMarker() ? null : v;
    }

    /**
     * The current version of {@code key} if an anonymous reader may have it (in strict mode: what
     * {@link S3Access} allows an anonymous {@code s3:GetObject}, policy conditions included), else {@code null}.
     */
    private ObjectVersion readable(EdgeRequest r, Bucket b, String key) {
        ObjectVersion v = current(b, key);
        return v != null && access.anonymousMayRead(r, b, key) ? v : null;
    }

    /** S3 website endpoints answer errors as HTML pages. */
    private static void html(EdgeRequest r, Failure f) {
        String status =
                f.status() + " " + HttpResponseStatus.valueOf(f.status()).reasonPhrase();
        StringBuilder b = new StringBuilder()
                .append("<html>\n<head><title>")
                .append(status)
                .append("</title></head>\n")
                .append("<body>\n<h1>")
                .append(status)
                .append("</h1>\n<ul>\n")
                .append("<li>Code: ")
                .append(f.code())
                .append("</li>\n")
                .append("<li>Message: ")
                .append(f.message())
                .append("</li>\n");
        if (f.key() != null) {
            b.append("<li>")
                    .append(f.code().equals("NoSuchKey") ? "Key" : "BucketName")
                    .append(": ")
                    .append(escape(f.key()))
                    .append("</li>\n");
        }
        b.append("<li>RequestId: ")
                .append(r.requestId())
                .append("</li>\n")
                .append("<li>HostId: ")
                .append(r.hostId())
                .append("</li>\n</ul>\n<hr/>\n</body>\n</html>\n");
        r.respond(
                HttpResponseStatus.valueOf(f.status()),
                "text/html; charset=utf-8",
                b.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
