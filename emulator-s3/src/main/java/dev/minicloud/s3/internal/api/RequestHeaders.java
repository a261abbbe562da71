package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.s3.internal.service.Preconditions;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.ObjectMetadata;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the request model S3 takes from headers: object metadata (standard headers and
 * {@code x-amz-meta-*}), the storage class, and conditional headers.
 */
final class RequestHeaders {
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
            "SNOW",
            "EXPRESS_ONEZONE");
    private static final int MAX_USER_METADATA = 2048;

    private RequestHeaders() {}

    static ObjectMetadata metadata(EdgeRequest r) {
        return metadata(r.headers());
    }

    /** {@link #metadata(EdgeRequest)} from header-like values (a POST form's fields). */
    static ObjectMetadata metadata(HttpHeaders r) {
        Map<String, String> user = new LinkedHashMap<>();
        int size = 0;
        for (Map.Entry<String, String> h : r) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-amz-meta-")) {
                String k = name.substring("x-amz-meta-".length());
                user.merge(k, h.getValue(), (a, b) -> a + "," + b);
                size += k.length() + h.getValue().length();
            }
        }
        if (size > MAX_USER_METADATA) {
            throw new AwsException(
                            400, "MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size")
                    .with("Size", Integer.toString(size))
                    .with("MaxSizeAllowed", Integer.toString(MAX_USER_METADATA));
        }
        String redirect = r.get("x-amz-website-redirect-location");
        if (redirect != null
                && !redirect.startsWith("/")
                && !redirect.startsWith("http://")
                && !redirect.startsWith("https://")) {
            throw S3Errors.invalidArgument(
                    "The website redirect location must have a prefix of 'http://' or " + "'https://' or '/'.",
                    "x-amz-website-redirect-location",
                    redirect);
        }
        return new ObjectMetadata(
                r.get("Content-Type"),
                storedContentEncoding(r.get("Content-Encoding")),
                r.get("Content-Disposition"),
                r.get("Content-Language"),
                r.get("Cache-Control"),
                r.get("Expires"),
                user,
                redirect);
    }

    /** The Content-Encoding to store: the sent value without the {@code aws-chunked} transport coding. */
    static String storedContentEncoding(String sent) {
        if (sent == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (String t : sent.split(",")) {
            String token = t.trim();
            if (token.isEmpty() || token.equalsIgnoreCase("aws-chunked")) {
                continue;
            }
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(token);
        }
        return b.length() == 0 ? null : b.toString();
    }

    static String storageClass(EdgeRequest r) {
        return storageClass(r.headers());
    }

    static String storageClass(HttpHeaders r) {
        String sc = r.get("x-amz-storage-class");
        if (sc == null) {
            return "STANDARD";
        }
        if (!STORAGE_CLASSES.contains(sc)) {
            throw new AwsException(400, "InvalidStorageClass", "The storage class you specified is not valid")
                    .with("StorageClassRequested", sc);
        }
        return sc;
    }

    static Preconditions readConditions(EdgeRequest r) {
        return new Preconditions(
                r.header("If-Match"),
                r.header("If-None-Match"),
                r.header("If-Modified-Since"),
                r.header("If-Unmodified-Since"));
    }

    static Preconditions copySourceConditions(EdgeRequest r) {
        return new Preconditions(
                r.header("x-amz-copy-source-if-match"),
                r.header("x-amz-copy-source-if-none-match"),
                r.header("x-amz-copy-source-if-modified-since"),
                r.header("x-amz-copy-source-if-unmodified-since"));
    }

    /** Conditions of a write: only {@code If-Match} and {@code If-None-Match} apply. */
    static Preconditions writeConditions(EdgeRequest r) {
        return new Preconditions(r.header("If-Match"), r.header("If-None-Match"), null, null);
    }

    static int intParam(EdgeRequest r, String name, int fallback, int max) {
        return parseInt(name, r.queryParameter(name), fallback, max);
    }

    /** A non-negative integer header such as {@code x-amz-max-parts}, capped at {@code max}. */
    static int intHeader(EdgeRequest r, String name, int fallback, int max) {
        return parseInt(name, r.header(name), fallback, max);
    }

    private static int parseInt(String name, String v, int fallback, int max) {
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw S3Errors.invalidArgument(
                        "Argument " + name + " must be an integer between 0 and 2147483647", name, v);
            }
            return Math.min(n, max);
        } catch (NumberFormatException e) {
            throw S3Errors.invalidArgument("Provided " + name + " not an integer or within integer range", name, v);
        }
    }
}
