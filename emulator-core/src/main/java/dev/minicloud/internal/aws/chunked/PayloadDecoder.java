package dev.minicloud.internal.aws.chunked;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.checksum.ChecksumAlgorithm;
import dev.minicloud.internal.aws.checksum.ChecksumErrors;
import dev.minicloud.internal.aws.checksum.ChecksumHeader;
import dev.minicloud.internal.aws.checksum.Checksummer;
import dev.minicloud.internal.aws.checksum.ContentMd5;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decodes and verifies one S3 request body, whatever form {@code x-amz-content-sha256} announces:
 * feed it the body's buffers as they arrive ({@link #onContent}), then call {@link #finish}. Decoded
 * bytes go to a {@link PayloadSink}; the result carries length, MD5, the flexible checksums and the
 * trailers. A body marked only by {@code Content-Encoding: aws-chunked} (no streaming
 * {@code x-amz-content-sha256}) is decoded too. All checks S3 makes are here:
 * <ul>
 *   <li>at {@link Builder#build()}: the header set ({@code x-amz-content-sha256} value,
 *       {@code x-amz-decoded-content-length}, {@code Content-MD5} syntax, one {@code x-amz-checksum-*}
 *       header or trailer, {@code x-amz-sdk-checksum-algorithm} agreeing with it);</li>
 *   <li>while decoding: {@code aws-chunked} framing, chunk signatures (when a
 *       {@link StreamingSignatureCheck} is given), trailer syntax;</li>
 *   <li>at {@link #finish()}: length, hex payload hash, {@code Content-MD5}, checksum values.</li>
 * </ul>
 * Every failure is an {@link AwsException} with S3's code and message; after one, stop feeding and
 * answer it. Nothing is buffered beyond one bounded header line. Not thread-safe: use it from the
 * channel's event loop.
 */
public final class PayloadDecoder {
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";
    /** S3's smallest chunk in a signed streaming body, except for the last one with data. */
    static final int MIN_SIGNED_CHUNK = 8192;
    /**
     * Bytes each checksum reads of a copied region before the next one reads the same bytes: small
     * enough that the second and third reads hit the L1 cache.
     */
    private static final int CHECKSUM_STEP = 16 * 1024;

    private final PayloadMode mode;
    private final PayloadSink sink;
    /** {@link #sink} when it copies into arrays of its own: checksums then run over its copies. */
    private final CopyingPayloadSink copyingSink;

    private final CopyingPayloadSink.Copied checksumCopies = this::checksum;
    private final StreamingSignatureCheck signatureCheck;
    private final AwsChunkedDecoder chunked;
    private final Checksummer md5 = Checksummer.md5();
    private final Map<ChecksumAlgorithm, Checksummer> checksummers = new EnumMap<>(ChecksumAlgorithm.class);
    /** The values of {@link #checksummers}, for the per-piece loop. */
    private final Checksummer[] flexible;

    private final ChecksumAlgorithm requestAlgorithm;
    private final byte[] headerChecksum;
    private final ChecksumAlgorithm trailerAlgorithm;
    private final byte[] contentMd5;
    private final String expectedSha256;
    private final Checksummer payloadSha256;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private final StringBuilder canonicalTrailers = new StringBuilder();
    private byte[] trailerChecksum;
    private String trailerSignature;
    private long length;
    private PayloadResult result;

    private PayloadDecoder(Builder b) {
        HttpHeaders h = b.headers;
        String contentSha = h.get("x-amz-content-sha256");
        PayloadMode m = PayloadMode.of(contentSha);
        if (m == null) {
            throw ChunkedErrors.invalidContentSha256(contentSha);
        }
        // aws-chunked announced only by Content-Encoding (no streaming x-amz-content-sha256, e.g.
        // anonymous or SigV2 clients): still decode it, so framing is never stored as data.
        boolean implicitChunked = m == PayloadMode.UNSIGNED && contentSha == null && hasAwsChunked(h);
        if (implicitChunked) {
            m = PayloadMode.STREAMING_UNSIGNED_TRAILER;
        }
        this.mode = m;
        this.sink = b.sink;
        this.copyingSink = b.sink instanceof CopyingPayloadSink c ? c : null;
        this.contentMd5 = ContentMd5.parse(h.get("Content-MD5"));

        // One flexible checksum at most: a value header, or a trailer announced in x-amz-trailer.
        ChecksumHeader valueHeader = ChecksumHeader.find(h);
        ChecksumAlgorithm headerAlg = valueHeader == null ? null : valueHeader.algorithm();
        byte[] headerValue = null;
        if (valueHeader != null) {
            headerValue = headerAlg.decodeValue(valueHeader.value());
            if (headerValue == null) {
                throw ChecksumErrors.invalidHeaderValue(headerAlg.headerName());
            }
        }
        ChecksumAlgorithm trailerAlg = null;
        String trailerHeader = h.get("x-amz-trailer");
        if (trailerHeader != null && mode.hasTrailer()) {
            trailerAlg = ChecksumAlgorithm.fromHeaderName(trailerHeader.trim());
            if (trailerAlg == null) {
                throw ChecksumErrors.unsupportedTrailer();
            }
            if (headerAlg != null) {
                throw ChecksumErrors.multipleChecksums();
            }
        }
        ChecksumAlgorithm sdkAlg = null;
        String sdkHeader = h.get("x-amz-sdk-checksum-algorithm");
        if (sdkHeader != null) {
            sdkAlg = ChecksumAlgorithm.fromName(sdkHeader);
            ChecksumAlgorithm sent = headerAlg != null ? headerAlg : trailerAlg;
            if (sdkAlg == null || (sent != null && sent != sdkAlg)) {
                throw ChecksumErrors.invalidHeaderValue("x-amz-sdk-checksum-algorithm");
            }
            if (sent == null) {
                throw ChecksumErrors.sdkAlgorithmWithoutValue();
            }
        }
        this.headerChecksum = headerValue;
        this.trailerAlgorithm = trailerAlg;
        this.requestAlgorithm = headerAlg != null ? headerAlg : trailerAlg != null ? trailerAlg : sdkAlg;
        Set<ChecksumAlgorithm> compute = EnumSet.noneOf(ChecksumAlgorithm.class);
        compute.addAll(b.alsoCompute);
        if (requestAlgorithm != null) {
            compute.add(requestAlgorithm);
        } else if (b.defaultAlgorithm != null) {
            compute.add(b.defaultAlgorithm);
        }
        for (ChecksumAlgorithm a : compute) {
            checksummers.put(a, a.newChecksummer());
        }
        this.flexible = checksummers.values().toArray(new Checksummer[0]);

        if (mode == PayloadMode.SIGNED_HASH) {
            this.expectedSha256 = contentSha.toLowerCase(Locale.ROOT);
            this.payloadSha256 = ChecksumAlgorithm.SHA256.newChecksummer();
        } else {
            this.expectedSha256 = null;
            this.payloadSha256 = null;
        }
        if (mode.isChunked()) {
            String decodedHeader = h.get("x-amz-decoded-content-length");
            long decodedLength = implicitChunked && decodedHeader == null ? -1 : parseLength(decodedHeader);
            this.signatureCheck = mode.hasSignedChunks() ? b.signatureCheck : null;
            this.chunked = new AwsChunkedDecoder(new Listener(), decodedLength, b.maxLineLength);
        } else {
            this.signatureCheck = null;
            this.chunked = null;
        }
    }

    /** Starts a decoder for a request with these headers. */
    public static Builder builder(HttpHeaders headers) {
        return new Builder(headers);
    }

    /**
     * The Content-Encoding S3 stores for an upload: the header without its {@code aws-chunked}
     * coding (transport framing, never part of the object), or {@code null} if nothing is left.
     */
    public static String storedContentEncoding(String contentEncoding) {
        if (contentEncoding == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder();
        for (String coding : contentEncoding.split(",")) {
            String c = coding.trim();
            if (!c.isEmpty() && !c.equalsIgnoreCase("aws-chunked")) {
                if (kept.length() > 0) {
                    kept.append(',');
                }
                kept.append(c);
            }
        }
        return kept.length() == 0 ? null : kept.toString();
    }

    /** The body form announced by the request. */
    public PayloadMode mode() {
        return mode;
    }

    /** The checksum algorithm the client chose, or {@code null}; known before any body arrives. */
    public ChecksumAlgorithm requestAlgorithm() {
        return requestAlgorithm;
    }

    /** Feeds the next piece of the body (borrowed; not released here). @throws AwsException if bad */
    public void onContent(ByteBuf content) {
        if (result != null) {
            throw new IllegalStateException("finish() was already called");
        }
        if (chunked != null) {
            chunked.decode(content);
        } else {
            accept(content);
        }
    }

    /** The body has ended: runs the final checks. @throws AwsException with S3's error if any fails */
    public PayloadResult finish() {
        if (result != null) {
            return result;
        }
        if (chunked != null) {
            chunked.finish();
        }
        byte[] md5Value = md5.digest();
        ContentMd5.verify(contentMd5, md5Value);
        if (payloadSha256 != null) {
            String computed = HexFormat.of().formatHex(payloadSha256.digest());
            if (!computed.equals(expectedSha256)) {
                throw ChunkedErrors.contentSha256Mismatch(expectedSha256, computed);
            }
        }
        Map<ChecksumAlgorithm, byte[]> values = new EnumMap<>(ChecksumAlgorithm.class);
        checksummers.forEach((a, c) -> values.put(a, c.digest()));
        byte[] sent = headerChecksum != null ? headerChecksum : trailerChecksum;
        if (sent != null && !MessageDigest.isEqual(sent, values.get(requestAlgorithm))) {
            throw ChecksumErrors.checksumMismatch(requestAlgorithm);
        }
        result = new PayloadResult(length, md5Value, requestAlgorithm, values, trailers);
        return result;
    }

    private void accept(ByteBuf data) {
        if (!data.isReadable()) {
            return;
        }
        length += data.readableBytes();
        if (copyingSink != null) {
            copyingSink.copy(data, checksumCopies);
            return;
        }
        md5.update(data);
        for (Checksummer c : flexible) {
            c.update(data);
        }
        if (payloadSha256 != null) {
            payloadSha256.update(data);
        }
        sink.onData(data);
    }

    /** Feeds a region the copying sink just wrote to every checksum, a cache-sized step at a time. */
    private void checksum(byte[] array, int offset, int count) {
        for (int i = offset, end = offset + count; i < end; i += CHECKSUM_STEP) {
            int n = Math.min(CHECKSUM_STEP, end - i);
            md5.update(array, i, n);
            for (Checksummer c : flexible) {
                c.update(array, i, n);
            }
            if (payloadSha256 != null) {
                payloadSha256.update(array, i, n);
            }
        }
    }

    private static boolean hasAwsChunked(HttpHeaders h) {
        for (String v : h.getAll("Content-Encoding")) {
            for (String coding : v.split(",")) {
                if (coding.trim().equalsIgnoreCase("aws-chunked")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long parseLength(String v) {
        if (v == null || v.isEmpty() || v.length() > 18) {
            throw ChunkedErrors.missingDecodedContentLength();
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                throw ChunkedErrors.missingDecodedContentLength();
            }
        }
        return Long.parseLong(v);
    }

    /** Receives the chunked decoder's events: data to the checksums and sink, trailers checked. */
    private final class Listener implements ChunkListener {
        private Checksummer chunkSha;
        private String chunkSignature;
        private long chunkNumber;
        private long previousSize = -1;

        @Override
        public void chunkStart(long size, String signature) {
            chunkNumber++;
            if (mode.hasSignedChunks() && size > 0 && previousSize >= 0 && previousSize < MIN_SIGNED_CHUNK) {
                throw ChunkedErrors.invalidChunkSize(chunkNumber - 1, previousSize);
            }
            previousSize = size;
            if (signatureCheck != null) {
                chunkSha = ChecksumAlgorithm.SHA256.newChecksummer();
                chunkSignature = signature;
            }
        }

        @Override
        public void chunkData(ByteBuf data) {
            if (chunkSha != null) {
                chunkSha.update(data);
            }
            accept(data);
        }

        @Override
        public void chunkEnd() {
            if (chunkSha != null) {
                signatureCheck.verifyChunk(chunkSignature, chunkSha.digest());
                chunkSha = null;
            }
        }

        @Override
        public void trailer(String name, String value) {
            if (!mode.hasTrailer()) {
                throw ChunkedErrors.malformedTrailer();
            }
            if (name.equals(TRAILER_SIGNATURE) && mode != PayloadMode.STREAMING_UNSIGNED_TRAILER) {
                if (trailerSignature != null) {
                    throw ChunkedErrors.malformedTrailer();
                }
                trailerSignature = value;
                trailers.put(name, value);
                return;
            }
            if (trailerAlgorithm == null || !name.equals(trailerAlgorithm.headerName()) || trailerChecksum != null) {
                throw ChunkedErrors.malformedTrailer();
            }
            trailerChecksum = trailerAlgorithm.decodeValue(value);
            if (trailerChecksum == null) {
                throw ChecksumErrors.invalidTrailerValue(name);
            }
            trailers.put(name, value);
            canonicalTrailers.append(name).append(':').append(value).append('\n');
        }

        @Override
        public void end() {
            if (trailerAlgorithm != null && trailerChecksum == null) {
                throw ChunkedErrors.malformedTrailer();
            }
            if (signatureCheck != null && mode.hasTrailer()) {
                signatureCheck.verifyTrailer(trailerSignature, canonicalTrailers.toString());
            }
        }
    }

    /** Configures a {@link PayloadDecoder}; only the headers are required. */
    public static final class Builder {
        private final HttpHeaders headers;
        private PayloadSink sink = PayloadSink.DISCARD;
        private StreamingSignatureCheck signatureCheck;
        private final Set<ChecksumAlgorithm> alsoCompute = EnumSet.noneOf(ChecksumAlgorithm.class);
        private ChecksumAlgorithm defaultAlgorithm;
        private int maxLineLength = AwsChunkedDecoder.DEFAULT_MAX_LINE_LENGTH;

        private Builder(HttpHeaders headers) {
            this.headers = headers;
        }

        /**
         * Where decoded bytes go (borrowed buffers); discarded by default. A
         * {@link CopyingPayloadSink} gets the checksums computed over its copies.
         */
        public Builder sink(PayloadSink sink) {
            this.sink = sink;
            return this;
        }

        /** Verifies chunk and trailer signatures of signed streaming bodies (strict mode); off by default. */
        public Builder signatureCheck(StreamingSignatureCheck check) {
            this.signatureCheck = check;
            return this;
        }

        /** Computes these checksums too, e.g. S3's default CRC64NVME or a multipart upload's algorithm. */
        public Builder alsoCompute(ChecksumAlgorithm... algorithms) {
            for (ChecksumAlgorithm a : algorithms) {
                alsoCompute.add(a);
            }
            return this;
        }

        /**
         * Computes {@code algorithm} only when the request names no checksum of its own: S3's
         * default CRC64NVME, which costs nothing extra for a body that already carries one.
         */
        public Builder defaultAlgorithm(ChecksumAlgorithm algorithm) {
            this.defaultAlgorithm = algorithm;
            return this;
        }

        public Builder maxLineLength(int maxLineLength) {
            this.maxLineLength = maxLineLength;
            return this;
        }

        /** @throws AwsException with S3's error when the headers are inconsistent or malformed */
        public PayloadDecoder build() {
            return new PayloadDecoder(this);
        }
    }
}
