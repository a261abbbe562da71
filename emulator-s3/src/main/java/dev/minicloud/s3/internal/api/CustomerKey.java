package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.ServerSideEncryption;
import io.netty.handler.codec.http.HttpHeaders;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * SSE-C: the customer key a request sends in the three {@code x-amz-server-side-encryption-customer-*}
 * headers (or the {@code x-amz-copy-source-...} ones for a copy's source), checked as S3 checks
 * them (AES256, a 256-bit key, its MD5), and the checks of a read or a part against the key an
 * object or upload was written with. Only the key's MD5 is kept; data stays unencrypted in memory.
 */
final class CustomerKey {
    static final String PREFIX = "x-amz-server-side-encryption-customer-";
    static final String COPY_SOURCE_PREFIX = "x-amz-copy-source-server-side-encryption-customer-";

    private CustomerKey() {}

    /**
     * The MD5 of the key the request names under {@code prefix}, or {@code null} if it names none.
     * S3 takes customer keys only over TLS; the edge port is plain HTTP, so they are refused unless
     * {@code overHttp} ({@code --s3-sse-c-over-http}).
     */
    static String fromHeaders(EdgeRequest r, String prefix, boolean overHttp) {
        return fromHeaders(r.headers(), prefix, overHttp);
    }

    /** {@link #fromHeaders(EdgeRequest, String, boolean)} from header-like values (a POST form's fields). */
    static String fromHeaders(HttpHeaders h, String prefix, boolean overHttp) {
        String algorithm = h.get(prefix + "algorithm");
        String key = h.get(prefix + "key");
        String md5 = h.get(prefix + "key-MD5");
        if (algorithm == null && key == null && md5 == null) {
            return null;
        }
        if (!overHttp) {
            throw S3Errors.invalidRequest("Requests specifying Server Side Encryption with Customer provided keys must "
                    + "be made over a secure connection.");
        }
        if (algorithm == null) {
            throw S3Errors.invalidArgument(
                    "Requests specifying Server Side Encryption with Customer provided keys must "
                            + "provide a valid encryption algorithm.",
                    prefix + "algorithm",
                    "null");
        }
        if (!algorithm.equals("AES256")) {
            throw new AwsException(
                            400,
                            "InvalidEncryptionAlgorithmError",
                            "The encryption request you specified is not valid. The valid value is AES256.")
                    .with("ArgumentName", prefix + "algorithm")
                    .with("ArgumentValue", algorithm);
        }
        if (key == null) {
            throw S3Errors.invalidArgument(
                    "Requests specifying Server Side Encryption with Customer provided keys must "
                            + "provide an appropriate secret key.",
                    prefix + "key",
                    "null");
        }
        byte[] keyBytes;
        try {
            keyBytes = Base64.getDecoder().decode(key.trim());
        } catch (IllegalArgumentException e) {
            keyBytes = new byte[0];
        }
        if (keyBytes.length != 32) {
            throw S3Errors.invalidArgument(
                    "The secret key was invalid for the specified algorithm.", prefix + "key", "");
        }
        if (md5 == null) {
            throw S3Errors.invalidArgument(
                    "Requests specifying Server Side Encryption with Customer provided keys must "
                            + "provide the client calculated MD5 of the secret key.",
                    prefix + "key-MD5",
                    "null");
        }
        String actual = Base64.getEncoder().encodeToString(md5(keyBytes));
        if (!actual.equals(md5.trim())) {
            throw S3Errors.invalidArgument(
                    "The calculated MD5 hash of the key did not match the hash that was provided.",
                    prefix + "key-MD5",
                    md5);
        }
        return actual;
    }

    /**
     * A read of an object (GET, HEAD, a copy's source): an SSE-C object needs its key
     * ({@code InvalidRequest} without one, {@code AccessDenied} with another), any other object none.
     */
    static void checkRead(EdgeRequest r, ServerSideEncryption stored, String prefix, boolean overHttp) {
        String given = fromHeaders(r, prefix, overHttp);
        boolean customer = stored != null && stored.isCustomerKey();
        if (customer && given == null) {
            throw S3Errors.invalidRequest("The object was stored using a form of Server Side Encryption. The correct "
                    + "parameters must be provided to retrieve the object.");
        }
        if (customer && !given.equals(stored.customerKeyMd5())) {
            throw S3Errors.accessDenied("Access Denied");
        }
        if (!customer && given != null) {
            throw S3Errors.invalidRequest("The encryption parameters are not applicable to this object.");
        }
    }

    /** A part of an upload: the same key as the upload's, or none when the upload has none. */
    static void checkPart(EdgeRequest r, ServerSideEncryption upload, boolean overHttp) {
        String given = fromHeaders(r, PREFIX, overHttp);
        boolean customer = upload != null && upload.isCustomerKey();
        if (customer && given == null) {
            throw S3Errors.invalidRequest(
                    "The multipart upload initiate requested encryption. Subsequent part requests "
                            + "must include the appropriate encryption parameters.");
        }
        if (customer && !given.equals(upload.customerKeyMd5()) || !customer && given != null) {
            throw S3Errors.invalidArgument(
                    "The provided encryption parameters did not match the ones used originally.",
                    PREFIX + "key-MD5",
                    given == null ? "" : given);
        }
    }

    private static byte[] md5(byte[] b) {
        try {
            return MessageDigest.getInstance("MD5").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by the Java platform", e);
        }
    }
}
