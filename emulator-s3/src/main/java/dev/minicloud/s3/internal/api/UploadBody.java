package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.checksum.ChecksumAlgorithm;
import dev.minicloud.internal.aws.checksum.ChecksumErrors;
import dev.minicloud.internal.aws.chunked.CopyingPayloadSink;
import dev.minicloud.internal.aws.chunked.PayloadDecoder;
import dev.minicloud.internal.aws.chunked.PayloadResult;
import dev.minicloud.internal.aws.chunked.StreamingSignatureCheck;
import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.s3.internal.service.DefaultChecksum;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.ObjectData;
import dev.minicloud.s3.internal.store.ObjectDataWriter;
import dev.minicloud.s3.internal.store.StorageFullException;
import dev.minicloud.s3.internal.store.StorageQuota;
import dev.minicloud.s3.internal.store.StoredChecksum;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.function.Consumer;

/**
 * Receives a PutObject or UploadPart body as it streams in and packs the decoded bytes into store
 * pages, computing S3's default CRC64NVME in the same pass when the client sends no checksum (MD5
 * and the checksums read each page region right after it is copied, while it is in cache).
 * Decoding and every integrity check (aws-chunked framing, chunk signatures in strict mode,
 * {@code x-amz-decoded-content-length}, Content-MD5, the signed payload hash, flexible checksums in
 * a header or trailer) is the core {@link PayloadDecoder}'s job; this class ties it to the store.
 * Any failure releases every page, so a failed upload leaves nothing behind.
 */
final class UploadBody implements BodyHandler {
    private final PayloadDecoder decoder;
    private final ObjectDataWriter writer;
    private final ChecksumAlgorithm uploadAlgorithm;
    private final boolean part;
    private final Consumer<UploadedBody> onComplete;
    private boolean failed;

    /**
     * @param part whether this is an UploadPart body (else a PutObject body)
     * @param uploadAlgorithm for a part, its multipart upload's algorithm, or {@code null}
     * @param checksumRequired for a part, whether the client must send the upload's checksum
     *                         (a COMPOSITE upload: S3 cannot fill a part's checksum in for it)
     * @param signatures chunk/trailer signature verification in strict mode, or {@code null}
     */
    private UploadBody(
            EdgeRequest request,
            StorageQuota quota,
            boolean part,
            ChecksumAlgorithm uploadAlgorithm,
            boolean checksumRequired,
            StreamingSignatureCheck signatures,
            Consumer<UploadedBody> onComplete) {
        this.onComplete = onComplete;
        this.part = part;
        this.uploadAlgorithm = uploadAlgorithm;
        PayloadDecoder.Builder b = PayloadDecoder.builder(request.headers()).signatureCheck(signatures);
        if (uploadAlgorithm != null) {
            // S3 checksums every part with the upload's algorithm, whether or not the client sent one.
            b.alsoCompute(uploadAlgorithm);
        } else if (part) {
            // Completing an upload created without an algorithm answers the CRC64NVME of the whole
            // object, combined from the parts': every part needs one, whatever else the client sent.
            b.alsoCompute(DefaultChecksum.ALGORITHM);
        } else {
            b.defaultAlgorithm(DefaultChecksum.ALGORITHM);
        }
        ObjectDataWriter[] target = new ObjectDataWriter[1];
        // Copying sink: the decoder checksums the bytes in the page just written, not the network buffer.
        CopyingPayloadSink pages = (data, copied) -> target[0].write(data.nioBuffer(), copied::region);
        this.decoder = b.sink(pages).build();
        if (uploadAlgorithm != null) {
            checkPartAlgorithm(uploadAlgorithm, decoder.requestAlgorithm(), checksumRequired);
        }
        String lengthHeader = decoder.mode().isChunked()
                ? request.header("x-amz-decoded-content-length")
                : request.header("Content-Length");
        this.writer = new ObjectDataWriter(quota, parseLength(lengthHeader));
        target[0] = writer;
    }

    /** A PutObject body: its checksum is the client's, or S3's default CRC64NVME if it sent none. */
    static UploadBody object(
            EdgeRequest request,
            StorageQuota quota,
            StreamingSignatureCheck signatures,
            Consumer<UploadedBody> onComplete) {
        return new UploadBody(request, quota, false, null, false, signatures, onComplete);
    }

    /**
     * An UploadPart body of an upload created with {@code uploadAlgorithm} (or without one:
     * {@code null}, and the part gets S3's default CRC64NVME on the side). {@code checksumRequired}
     * (a COMPOSITE upload) refuses a part sent without the upload's checksum.
     *
     * @throws dev.minicloud.internal.aws.AwsException before any byte is read, for a part whose checksum
     *         is of another algorithm than the upload's, or missing where it is required
     */
    static UploadBody part(
            EdgeRequest request,
            StorageQuota quota,
            ChecksumAlgorithm uploadAlgorithm,
            boolean checksumRequired,
            StreamingSignatureCheck signatures,
            Consumer<UploadedBody> onComplete) {
        return new UploadBody(request, quota, true, uploadAlgorithm, checksumRequired, signatures, onComplete);
    }

    /**
     * S3's rule for a part of an upload created with an algorithm: a checksum the client sends (header,
     * trailer) must be of that algorithm. A part sent without one is refused in a COMPOSITE upload,
     * whose object checksum is made of the clients' part checksums; a FULL_OBJECT upload computes it.
     */
    private static void checkPartAlgorithm(ChecksumAlgorithm expected, ChecksumAlgorithm sent, boolean required) {
        if (sent != null ? sent != expected : required) {
            throw ChecksumErrors.partAlgorithmMismatch(expected, sent);
        }
    }

    @Override
    public void onContent(ByteBuf content) {
        if (failed) {
            return;
        }
        try {
            decoder.onContent(content);
        } catch (StorageFullException e) {
            fail();
            throw S3Errors.insufficientStorage(e.getMessage());
        } catch (RuntimeException e) {
            fail();
            throw e;
        }
    }

    @Override
    public void onEnd(HttpHeaders httpTrailers) {
        if (failed) {
            return;
        }
        PayloadResult result;
        ObjectData data;
        try {
            result = decoder.finish();
            data = writer.finish();
        } catch (RuntimeException e) {
            fail();
            throw e;
        }
        ChecksumAlgorithm algorithm = result.requestAlgorithm() != null ? result.requestAlgorithm() : uploadAlgorithm;
        StoredChecksum checksum = algorithm == null ? null : fullObject(algorithm, result.checksum(algorithm));
        String defaultValue = result.checksum(DefaultChecksum.ALGORITHM);
        boolean defaulted = part ? uploadAlgorithm == null : algorithm == null;
        StoredChecksum defaultChecksum =
                defaulted && defaultValue != null ? fullObject(DefaultChecksum.ALGORITHM, defaultValue) : null;
        String etag = result.etag();
        onComplete.accept(new UploadedBody(data, etag.substring(1, etag.length() - 1), checksum, defaultChecksum));
    }

    @Override
    public void onAbort() {
        fail();
    }

    private void fail() {
        failed = true;
        writer.abort();
    }

    private static StoredChecksum fullObject(ChecksumAlgorithm algorithm, String base64) {
        return new StoredChecksum(algorithm.algorithmName(), base64, "FULL_OBJECT");
    }

    private static long parseLength(String v) {
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1; // the decoder reports a malformed length with S3's error
        }
    }
}
