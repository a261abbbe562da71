package dev.minicloud.s3.internal.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers S3 stores with an object and returns on GET/HEAD: the standard representation headers
 * (kept as sent, {@code aws-chunked} already stripped from the encoding) and the user metadata
 * ({@code x-amz-meta-*}, names lower-cased as S3 does), and the redirect a website endpoint answers
 * for the object ({@code x-amz-website-redirect-location}, or {@code null}).
 */
public record ObjectMetadata(
        String contentType,
        String contentEncoding,
        String contentDisposition,
        String contentLanguage,
        String cacheControl,
        String expires,
        Map<String, String> userMetadata,
        String websiteRedirectLocation) {

    public static final ObjectMetadata EMPTY = new ObjectMetadata(null, null, null, null, null, null, Map.of());

    public ObjectMetadata {
        userMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(userMetadata));
    }

    /** Metadata without a website redirect. */
    public ObjectMetadata(
            String contentType,
            String contentEncoding,
            String contentDisposition,
            String contentLanguage,
            String cacheControl,
            String expires,
            Map<String, String> userMetadata) {
        this(
                contentType,
                contentEncoding,
                contentDisposition,
                contentLanguage,
                cacheControl,
                expires,
                userMetadata,
                null);
    }
}
