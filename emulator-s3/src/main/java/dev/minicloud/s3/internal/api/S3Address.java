package dev.minicloud.s3.internal.api;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which bucket and key a request addresses. Virtual-hosted style takes the bucket from the Host
 * header ({@code bucket.localhost:port}, {@code bucket.s3.localhost}, {@code bucket.s3.<region>.localhost},
 * {@code bucket.s3.amazonaws.com}, {@code bucket.s3.<region>.amazonaws.com}, {@code bucket.s3-<region>.amazonaws.com});
 * any other host (an IP, {@code localhost}, {@code s3.amazonaws.com}) means path style,
 * {@code /bucket/key}.
 *
 * @param bucket the bucket, or {@code null} for the service (ListBuckets)
 * @param key the object key, or {@code ""} for a bucket-level request
 */
record S3Address(String bucket, String key, boolean virtualHosted) {
    private static final Pattern AMAZON = Pattern.compile("(.+)\\.s3(?:[.-][a-z0-9-]+)?\\.amazonaws\\.com");
    private static final Pattern LOCAL = Pattern.compile("(.+)\\.localhost(?:\\.localstack\\.cloud)?");
    private static final Pattern ENDPOINT_LABELS = Pattern.compile("s3(?:[.-][a-z0-9-]+)?");
    private static final Pattern LOCAL_SUFFIX = Pattern.compile("(.+?)\\.s3(?:\\.[a-z0-9-]+)?");

    /** Parses the Host header and the percent-decoded path. */
    static S3Address parse(String hostHeader, String decodedPath) {
        String bucket = bucketFromHost(hostHeader);
        String path = decodedPath.startsWith("/") ? decodedPath.substring(1) : decodedPath;
        if (bucket != null) {
            return new S3Address(bucket, path, true);
        }
        if (path.isEmpty()) {
            return new S3Address(null, "", false);
        }
        int slash = path.indexOf('/');
        if (slash < 0) {
            return new S3Address(path, "", false);
        }
        return new S3Address(path.substring(0, slash), path.substring(slash + 1), false);
    }

    /** The bucket named by a virtual-hosted Host header, or {@code null} for path style. */
    static String bucketFromHost(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return null;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            return null; // IPv6 literal
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (!host.endsWith(".amazonaws.com")
                && !host.endsWith(".localhost")
                && !host.endsWith(".localhost.localstack.cloud")) {
            return null; // what neither pattern can match (an IP, localhost): no regex on every request
        }
        Matcher m = AMAZON.matcher(host);
        if (m.matches()) {
            return m.group(1);
        }
        m = LOCAL.matcher(host);
        if (m.matches()) {
            String labels = m.group(1);
            if (ENDPOINT_LABELS.matcher(labels).matches()) {
                return null; // s3.localhost, s3.us-east-1.localhost: path style on a named endpoint
            }
            Matcher s = LOCAL_SUFFIX.matcher(labels);
            return s.matches() ? s.group(1) : labels;
        }
        return null;
    }
}
