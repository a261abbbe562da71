package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.auth.SigV4;
import dev.minicloud.internal.aws.checksum.ChecksumErrors;
import dev.minicloud.internal.aws.checksum.ChecksumHeader;
import dev.minicloud.internal.aws.checksum.ContentMd5;
import dev.minicloud.internal.aws.chunked.ChunkedErrors;
import dev.minicloud.internal.http.AggregatingBodyHandler;
import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.MalformedXmlException;
import dev.minicloud.internal.xml.SafeXmlReader;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.s3.internal.service.S3Errors;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads the small XML documents of control-plane calls (CreateBucket configuration, tagging,
 * DeleteObjects, CompleteMultipartUpload, versioning, replication) with a bound, and maps unreadable
 * XML to {@code MalformedXML}. The body must match what the client signed: a hex
 * {@code x-amz-content-sha256} ({@code XAmzContentSHA256Mismatch}) and a {@code Content-MD5}
 * ({@code InvalidDigest} at the head, {@code BadDigest} at the end) and a flexible-checksum header
 * ({@code x-amz-checksum-crc32: ...}, which SDKs send instead of {@code Content-MD5} since 2025), as
 * for object uploads; without that check a strict-mode signature would not cover the body it
 * authorizes. The calls S3 documents as needing an integrity header (DeleteObjects, lifecycle) use
 * {@link Integrity#REQUIRED}. Errors thrown by the consumer reach the edge dispatcher, which answers
 * them in S3's shape.
 */
final class ControlBodies {
    static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final SafeXmlReader XML = new SafeXmlReader();
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private ControlBodies() {}

    /** Whether a call must carry {@code Content-MD5} or a flexible-checksum header. */
    enum Integrity {
        OPTIONAL,
        REQUIRED,
        /**
         * The flexible-checksum header is the object's, not this body's (CompleteMultipartUpload's
         * whole-object checksum): only {@code Content-MD5} and the signed hash are checked here.
         */
        OBJECT_CHECKSUM
    }

    /** Aggregates the body; {@code onBody} gets the bytes (possibly empty). */
    static BodyHandler bytes(EdgeRequest r, Consumer<byte[]> onBody) {
        return bytes(r, Integrity.OPTIONAL, onBody);
    }

    static BodyHandler bytes(EdgeRequest r, Integrity integrity, Consumer<byte[]> onBody) {
        String signedSha256 = r.header("x-amz-content-sha256");
        String expectedSha256 =
                signedSha256 != null && HEX_SHA256.matcher(signedSha256.trim()).matches()
                        ? signedSha256.trim().toLowerCase(Locale.ROOT)
                        : null;
        byte[] expectedMd5 = ContentMd5.parse(r.header("Content-MD5"));
        ChecksumHeader checksum = integrity == Integrity.OBJECT_CHECKSUM ? null : ChecksumHeader.find(r.headers());
        byte[] expectedChecksum = checksum == null ? null : checksum.algorithm().decodeValue(checksum.value());
        if (checksum != null && expectedChecksum == null) {
            throw ChecksumErrors.invalidHeaderValue(checksum.algorithm().headerName());
        }
        if (integrity == Integrity.REQUIRED && expectedMd5 == null && checksum == null) {
            throw S3Errors.invalidRequest("Missing required header for this request: Content-MD5");
        }
        return new AggregatingBodyHandler(
                r, MAX_BYTES, new AwsException(400, "MaxMessageLengthExceeded", "Your request was too big."), body -> {
                    verifyDigests(body, expectedSha256, expectedMd5);
                    if (checksum != null
                            && !Arrays.equals(
                                    expectedChecksum,
                                    checksum.algorithm()
                                            .newChecksummer()
                                            .update(body)
                                            .digest())) {
                        throw ChecksumErrors.checksumMismatch(checksum.algorithm());
                    }
                    onBody.accept(body);
                });
    }

    private static void verifyDigests(byte[] body, String expectedSha256, byte[] expectedMd5) {
        if (expectedSha256 != null) {
            String actual = SigV4.sha256Hex(body);
            if (!actual.equals(expectedSha256)) {
                throw ChunkedErrors.contentSha256Mismatch(expectedSha256, actual);
            }
        }
        if (expectedMd5 != null) {
            ContentMd5.verify(expectedMd5, md5(body));
        }
    }

    private static byte[] md5(byte[] body) {
        try {
            return MessageDigest.getInstance("MD5").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by the Java platform", e);
        }
    }

    /** Aggregates and parses the body; an empty or malformed body is {@code MalformedXML}. */
    static BodyHandler xml(EdgeRequest r, Consumer<XmlElement> onXml) {
        return xml(r, Integrity.OPTIONAL, onXml);
    }

    static BodyHandler xml(EdgeRequest r, Integrity integrity, Consumer<XmlElement> onXml) {
        return bytes(r, integrity, body -> onXml.accept(parse(body)));
    }

    static XmlElement parse(byte[] body) {
        return parse(body, S3Errors::malformedXml);
    }

    /** Parses the body; unreadable XML is the error {@code malformed} makes (ACLs have their own). */
    static XmlElement parse(byte[] body, Supplier<AwsException> malformed) {
        try {
            return XML.read(body);
        } catch (MalformedXmlException e) {
            throw malformed.get();
        }
    }
}
