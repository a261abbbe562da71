package dev.minicloud.s3.internal.service;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Validates object and bucket tag sets with S3's limits: at most 10 tags per object (50 per
 * bucket), keys up to 128 and values up to 256 Unicode characters, no duplicate keys, no
 * {@code aws:} prefix. Parses the URL-encoded {@code x-amz-tagging} header form.
 */
public final class TagSets {
    private TagSets() {}

    public static Map<String, String> validate(Map<String, String> tags, int maxTags) {
        if (tags.size() > maxTags) {
            throw S3Errors.invalidTag(
                    maxTags == 10
                            ? "Object tags cannot be greater than 10"
                            : "Bucket tag count cannot be greater than " + maxTags);
        }
        for (Map.Entry<String, String> e : tags.entrySet()) {
            String k = e.getKey();
            if (k.isEmpty() || k.codePointCount(0, k.length()) > 128) {
                throw S3Errors.invalidTag("The TagKey you have provided is invalid");
            }
            if (e.getValue().codePointCount(0, e.getValue().length()) > 256) {
                throw S3Errors.invalidTag("The TagValue you have provided is invalid");
            }
            if (k.startsWith("aws:")) {
                throw S3Errors.invalidTag("Your TagKey cannot be prefixed with aws:");
            }
        }
        return tags;
    }

    /** Parses {@code k1=v1&k2=v2} (URL-encoded) as sent in {@code x-amz-tagging}. */
    public static Map<String, String> parseHeader(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        if (header == null || header.isEmpty()) {
            return out;
        }
        for (String pair : header.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (out.put(k, v) != null) {
                throw S3Errors.invalidTag("Cannot provide multiple Tags with the same key");
            }
        }
        return validate(out, 10);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Errors.invalidArgument(
                    "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded "
                            + "URL query parameters without tag name duplicates.",
                    "x-amz-tagging",
                    s);
        }
    }
}
