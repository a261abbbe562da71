package dev.minicloud.s3.api;

import dev.minicloud.core.aws.AwsException;
import dev.minicloud.core.http.BodyHandler;
import dev.minicloud.core.http.EdgeRequest;
import dev.minicloud.s3.service.ChecksumAlgorithm;
import dev.minicloud.s3.service.Md5;
import dev.minicloud.s3.service.S3Errors;
import dev.minicloud.s3.store.ObjectData;
import dev.minicloud.s3.store.ObjectDataWriter;
import dev.minicloud.s3.store.StorageFullException;
import dev.minicloud.s3.store.StorageQuota;
import dev.minicloud.s3.store.StoredChecksum;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Receives a PutObject or UploadPart body as it streams in: undoes {@code aws-chunked} framing
 * when the {@code x-amz-content-sha256} header says so, computes the MD5 (ETag), the payload
 * SHA-256 when one was signed, and the flexible checksum the client announced, and packs the bytes
 * into store pages. At the end it verifies {@code x-amz-decoded-content-length}, Content-MD5, the
 * payload hash and the checksum (header or trailer), then hands an {@link UploadedBody} over.
 * Any failure releases every page, so a failed upload leaves nothing behind.
 */
final class UploadBody implements BodyHandler {
    private final EdgeRequest request;
    private final ObjectDataWriter writer;
    private final AwsChunkedDecoder chunked;
    private final MessageDigest md5 = Md5.newDigest();
    private final MessageDigest sha256;
    private final String expectedSha256;
    private final ChecksumAlgorithm algorithm;
    private final ChecksumAlgorithm.Calculator checksum;
    private final long decodedLength;
    private final Consumer<UploadedBody> onComplete;
    private final Consumer<ByteBuf> sink = this::consume;
    private boolean failed;

    UploadBody(EdgeRequest request, StorageQuota quota, Consumer<UploadedBody> onComplete) {
        this.request = request;
        this.onComplete = onComplete;
        String contentSha = request.header("x-amz-content-sha256");
        boolean streaming = contentSha != null && contentSha.startsWith("STREAMING-")
                || contains(request.header("Content-Encoding"), "aws-chunked");
        this.chunked = streaming ? new AwsChunkedDecoder() : null;
        this.decodedLength = parseLength(request.header("x-amz-decoded-content-length"));
        if (!streaming && contentSha != null && contentSha.length() == 64 && isHex(contentSha)) {
            this.expectedSha256 = contentSha.toLowerCase(Locale.ROOT);
            this.sha256 = digest("SHA-256");
        } else {
            this.expectedSha256 = null;
            this.sha256 = null;
        }
        this.algorithm = announcedAlgorithm(request);
        this.checksum = algorithm == null ? null : algorithm.newCalculator();
        long expected = streaming ? decodedLength : parseLength(request.header("Content-Length"));
        this.writer = new ObjectDataWriter(quota, expected);
        validateContentMd5Shape(request.header("Content-MD5"));
    }

    /** The checksum algorithm the client announced by header, trailer or SDK hint, or {@code null}. */
    static ChecksumAlgorithm announcedAlgorithm(EdgeRequest request) {
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            if (request.header(a.headerName()) != null) {
                return a;
            }
        }
        String trailer = request.header("x-amz-trailer");
        if (trailer != null && trailer.toLowerCase(Locale.ROOT).startsWith("x-amz-checksum-")) {
            ChecksumAlgorithm a = ChecksumAlgorithm.parse(trailer.trim().substring("x-amz-checksum-".length()));
            if (a == null) {
                throw S3Errors.invalidRequest("The value specified in the x-amz-trailer header is not supported");
            }
            return a;
        }
        String sdk = request.header("x-amz-sdk-checksum-algorithm");
        if (sdk != null) {
            ChecksumAlgorithm a = ChecksumAlgorithm.parse(sdk);
            if (a == null) {
                throw S3Errors.invalidRequest("Checksum algorithm provided is unsupported. Please try again with "
                        + "any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
            }
            return a;
        }
        return null;
    }

    @Override
    public void onContent(ByteBuf content) {
        if (failed) {
            return;
        }
        try {
            if (chunked != null) {
                chunked.decode(content, sink);
            } else {
                consume(content);
            }
        } catch (StorageFullException e) {
            fail();
            throw S3Errors.insufficientStorage(e.getMessage());
        } catch (RuntimeException e) {
            fail();
            throw e;
        }
    }

    private void consume(ByteBuf data) {
        int n = data.readableBytes();
        if (data.nioBufferCount() == 1) {
            java.nio.ByteBuffer nio = data.nioBuffer();
            md5.update(nio.duplicate());
            if (sha256 != null) {
                sha256.update(nio.duplicate());
            }
            if (checksum != null) {
                checksum.update(nio.duplicate());
            }
            writer.write(nio);
        } else {
            byte[] copy = new byte[n];
            data.getBytes(data.readerIndex(), copy);
            md5.update(copy);
            if (sha256 != null) {
                sha256.update(copy);
            }
            if (checksum != null) {
                checksum.update(copy, 0, n);
            }
            writer.write(copy, 0, n);
        }
        data.skipBytes(n);
    }

    @Override
    public void onEnd(HttpHeaders httpTrailers) {
        if (failed) {
            return;
        }
        ObjectData data;
        StoredChecksum stored;
        String md5Hex;
        try {
            if (chunked != null) {
                chunked.finish();
                if (decodedLength >= 0 && writer.length() != decodedLength) {
                    throw S3Errors.incompleteBody(decodedLength, writer.length());
                }
            }
            byte[] digest = md5.digest();
            md5Hex = Md5.hex(digest);
            verifyContentMd5(request.header("Content-MD5"), digest);
            if (sha256 != null) {
                String actual = HexFormat.of().formatHex(sha256.digest());
                if (!actual.equals(expectedSha256)) {
                    throw new AwsException(400, "XAmzContentSHA256Mismatch",
                            "The provided 'x-amz-content-sha256' header does not match what was computed.")
                            .with("ClientComputedContentSHA256", expectedSha256)
                            .with("S3ComputedContentSHA256", actual);
                }
            }
            stored = verifyChecksum(httpTrailers);
            data = writer.finish();
        } catch (RuntimeException e) {
            fail();
            throw e;
        }
        onComplete.accept(new UploadedBody(data, md5Hex, stored));
    }

    private StoredChecksum verifyChecksum(HttpHeaders httpTrailers) {
        if (algorithm == null) {
            return null;
        }
        String name = algorithm.headerName();
        String sent = request.header(name);
        if (sent == null && chunked != null) {
            sent = chunked.trailers().get(name);
        }
        if (sent == null) {
            sent = httpTrailers.get(name);
        }
        String actual = checksum.base64();
        if (sent == null) {
            // Only the algorithm was named (x-amz-sdk-checksum-algorithm): S3 computes and stores it.
            return new StoredChecksum(algorithm.name(), actual, "FULL_OBJECT");
        }
        if (!sent.trim().equals(actual)) {
            throw S3Errors.badDigest("The " + algorithm.name() + " you specified did not match the calculated "
                    + "checksum.");
        }
        return new StoredChecksum(algorithm.name(), actual, "FULL_OBJECT");
    }

    private static void validateContentMd5Shape(String header) {
        if (header == null) {
            return;
        }
        try {
            if (Base64.getDecoder().decode(header.trim()).length != 16) {
                throw S3Errors.invalidDigest();
            }
        } catch (IllegalArgumentException e) {
            throw S3Errors.invalidDigest();
        }
    }

    private static void verifyContentMd5(String header, byte[] digest) {
        if (header == null) {
            return;
        }
        String actual = Base64.getEncoder().encodeToString(digest);
        if (!actual.equals(header.trim())) {
            throw S3Errors.badDigest("The Content-MD5 you specified did not match what we received.")
                    .with("ExpectedDigest", header.trim()).with("CalculatedDigest", actual);
        }
    }

    @Override
    public void onAbort() {
        fail();
    }

    private void fail() {
        failed = true;
        writer.abort();
    }

    private static boolean contains(String headerList, String token) {
        if (headerList == null) {
            return false;
        }
        for (String t : headerList.split(",")) {
            if (t.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static long parseLength(String v) {
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw S3Errors.invalidArgument("Invalid length", "x-amz-decoded-content-length", v);
        }
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is required by the Java platform", e);
        }
    }
}
