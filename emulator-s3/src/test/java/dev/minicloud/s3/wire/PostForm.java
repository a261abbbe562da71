package dev.minicloud.s3.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A browser-style POST upload form computed the way boto3's {@code generate_presigned_post} does
 * (the AWS SDK for Java v2 has no presigned POST): a JSON policy with an expiration and
 * conditions, base64, signed with SigV4 (JDK HMAC, not MiniCloud's code), and the
 * {@code multipart/form-data} body with the fields in order and the file last.
 */
final class PostForm {
    static final String BOUNDARY = "----MiniCloudFormBoundary7MA4YWxkTrZu0gW";

    private final Map<String, String> fields = new LinkedHashMap<>();
    private final List<String> conditions = new ArrayList<>();

    /** A form field (not a condition). */
    PostForm field(String name, String value) {
        fields.put(name, value);
        return this;
    }

    /** A policy condition, as JSON ({@code {"bucket": "b"}}, {@code ["starts-with", "$key", "up/"]}). */
    PostForm condition(String json) {
        conditions.add(json);
        return this;
    }

    /** Adds the SigV4 fields and the signed policy; {@code conditions} name the credential fields too. */
    PostForm sign(String accessKey, String secretKey, String region, Instant now, Instant expiration) {
        String date =
                DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(now);
        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC)
                .format(now);
        String credential = accessKey + "/" + date + "/" + region + "/s3/aws4_request";
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", amzDate);
        condition("{\"x-amz-algorithm\": \"AWS4-HMAC-SHA256\"}");
        condition("{\"x-amz-credential\": \"" + credential + "\"}");
        condition("{\"x-amz-date\": \"" + amzDate + "\"}");
        String policy = policy(expiration);
        fields.put("policy", policy);
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        fields.put("x-amz-signature", HexFormat.of().formatHex(hmac(key, policy)));
        return this;
    }

    /** The base64 policy document of the conditions so far. */
    String policy(Instant expiration) {
        String json =
                "{\"expiration\": \"" + expiration + "\", \"conditions\": [" + String.join(", ", conditions) + "]}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    Map<String, String> fields() {
        return fields;
    }

    /** The body: every field, then the file part named {@code file}. */
    byte[] body(String filename, String contentType, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            write(
                    out,
                    "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                            + f.getValue() + "\r\n");
        }
        write(
                out,
                "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        out.writeBytes(content);
        write(out, "\r\n--" + BOUNDARY + "--\r\n");
        return out.toByteArray();
    }

    static String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
