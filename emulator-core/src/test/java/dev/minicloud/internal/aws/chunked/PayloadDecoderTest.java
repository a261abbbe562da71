package dev.minicloud.internal.aws.chunked;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.checksum.ChecksumAlgorithm;
import dev.minicloud.internal.aws.checksum.ContentMd5;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PayloadDecoderTest {
    static final String TRAILER_BODY = "7\r\nabcdefg\r\n0\r\nx-amz-checksum-crc32:MSpqpg==\r\n\r\n";

    static HttpHeaders headers(String... kv) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < kv.length; i += 2) {
            h.add(kv[i], kv[i + 1]);
        }
        return h;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Runs a whole body through a decoder byte by byte; returns the result and the sink's bytes. */
    static PayloadResult run(PayloadDecoder d, byte[] body, ByteArrayOutputStream sink) {
        for (byte b : body) {
            d.onContent(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        return d.finish();
    }

    static PayloadResult run(HttpHeaders h, String body) {
        return run(PayloadDecoder.builder(h).build(), ascii(body), null);
    }

    @Test
    void unsignedTrailerBodyIsDecodedAndItsChecksumVerified() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PayloadDecoder d = PayloadDecoder.builder(headers(
                        "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                        "x-amz-decoded-content-length", "7",
                        "x-amz-trailer", "x-amz-checksum-crc32",
                        "x-amz-sdk-checksum-algorithm", "CRC32"))
                .sink(buf -> {
                    byte[] b = new byte[buf.readableBytes()];
                    buf.readBytes(b);
                    out.writeBytes(b);
                })
                .alsoCompute(ChecksumAlgorithm.CRC64NVME)
                .build();
        assertEquals(PayloadMode.STREAMING_UNSIGNED_TRAILER, d.mode());
        PayloadResult r = run(d, ascii(TRAILER_BODY), out);
        assertEquals("abcdefg", out.toString(StandardCharsets.US_ASCII));
        assertEquals(7, r.length());
        assertEquals(ChecksumAlgorithm.CRC32, r.requestAlgorithm());
        assertEquals("MSpqpg==", r.checksum(ChecksumAlgorithm.CRC32));
        assertEquals("SmzZ/LTp1CA=", r.checksum(ChecksumAlgorithm.CRC64NVME));
        assertNull(r.checksum(ChecksumAlgorithm.SHA1));
        assertEquals("\"7ac66c0f148de9519b8bd264312c4d64\"", r.etag());
        assertEquals("MSpqpg==", r.trailers().get("x-amz-checksum-crc32"));
    }

    @Test
    void defaultAlgorithmIsComputedOnlyWhenTheRequestNamesNoChecksum() {
        byte[] body = ascii("abcdefg");
        PayloadResult none = run(
                PayloadDecoder.builder(headers("Content-Length", "7"))
                        .defaultAlgorithm(ChecksumAlgorithm.CRC64NVME)
                        .build(),
                body,
                null);
        assertNull(none.requestAlgorithm());
        assertEquals("SmzZ/LTp1CA=", none.checksum(ChecksumAlgorithm.CRC64NVME));

        PayloadResult named = run(
                PayloadDecoder.builder(headers("x-amz-checksum-crc32", "MSpqpg=="))
                        .defaultAlgorithm(ChecksumAlgorithm.CRC64NVME)
                        .build(),
                body,
                null);
        assertEquals(ChecksumAlgorithm.CRC32, named.requestAlgorithm());
        assertEquals("MSpqpg==", named.checksum(ChecksumAlgorithm.CRC32));
        assertNull(named.checksum(ChecksumAlgorithm.CRC64NVME), "a body with its own checksum pays for no second CRC");
    }

    @Test
    void wrongTrailingChecksumIsBadDigest() {
        AwsException e = assertThrows(
                AwsException.class,
                () -> run(
                        headers(
                                "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                                "x-amz-decoded-content-length", "7",
                                "x-amz-trailer", "x-amz-checksum-crc32"),
                        TRAILER_BODY.replace("MSpqpg==", "AAAAAA==")));
        assertEquals("BadDigest", e.code());
        assertEquals("The CRC32 you specified did not match the calculated checksum.", e.getMessage());
    }

    @Test
    void malformedTrailingChecksumValueIsInvalidRequest() {
        AwsException e = assertThrows(
                AwsException.class,
                () -> run(
                        headers(
                                "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                                "x-amz-decoded-content-length", "7",
                                "x-amz-trailer", "x-amz-checksum-crc32"),
                        TRAILER_BODY.replace("MSpqpg==", "invalid_checksum")));
        assertEquals("InvalidRequest", e.code());
        assertEquals("Value for x-amz-checksum-crc32 trailing header is invalid.", e.getMessage());
    }

    @Test
    void trailerMissingUnannouncedOrDifferentIsMalformedTrailer() {
        String[][] cases = {
            {"x-amz-checksum-crc32", "7\r\nabcdefg\r\n0\r\n\r\n"},
            {null, TRAILER_BODY},
            {"x-amz-checksum-crc32c", TRAILER_BODY},
        };
        for (String[] c : cases) {
            HttpHeaders h = headers(
                    "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "x-amz-decoded-content-length", "7");
            if (c[0] != null) {
                h.add("x-amz-trailer", c[0]);
            }
            AwsException e = assertThrows(AwsException.class, () -> run(h, c[1]));
            assertEquals("MalformedTrailerError", e.code());
        }
        // A non-trailer streaming body may not carry trailers either.
        AwsException e = assertThrows(
                AwsException.class,
                () -> run(
                        headers(
                                "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                                "x-amz-decoded-content-length", "7"),
                        TRAILER_BODY));
        assertEquals("MalformedTrailerError", e.code());
    }

    @Test
    void streamingWithoutDecodedLengthIsMissingContentLength() {
        for (String len : new String[] {null, "", "abc", "12x", "-1"}) {
            HttpHeaders h = headers("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
            if (len != null) {
                h.add("x-amz-decoded-content-length", len);
            }
            AwsException e = assertThrows(
                    AwsException.class, () -> PayloadDecoder.builder(h).build());
            assertEquals(411, e.status());
            assertEquals("MissingContentLength", e.code());
        }
    }

    @Test
    void awsChunkedContentEncodingAloneStillDecodes() {
        PayloadDecoder d = PayloadDecoder.builder(
                        headers("Content-Encoding", "gzip, aws-chunked", "x-amz-trailer", "x-amz-checksum-crc32"))
                .build();
        assertEquals(PayloadMode.STREAMING_UNSIGNED_TRAILER, d.mode());
        PayloadResult r = run(d, ascii(TRAILER_BODY), null);
        assertEquals(7, r.length());
        assertEquals("MSpqpg==", r.checksum(ChecksumAlgorithm.CRC32));
        // Without that coding a body is taken as it is.
        assertEquals(
                TRAILER_BODY.length(),
                run(headers("Content-Encoding", "gzip"), TRAILER_BODY).length());
    }

    @Test
    void storedContentEncodingDropsOnlyAwsChunked() {
        assertNull(PayloadDecoder.storedContentEncoding("aws-chunked"));
        assertNull(PayloadDecoder.storedContentEncoding(null));
        assertEquals("gzip", PayloadDecoder.storedContentEncoding("aws-chunked,gzip"));
        assertEquals("gzip,br", PayloadDecoder.storedContentEncoding("gzip, AWS-CHUNKED, br"));
        assertEquals("identity", PayloadDecoder.storedContentEncoding("identity"));
    }

    @Test
    void unknownContentSha256IsInvalidArgument() {
        AwsException e = assertThrows(
                AwsException.class,
                () -> PayloadDecoder.builder(headers("x-amz-content-sha256", "STREAMING-FOO"))
                        .build());
        assertEquals("InvalidArgument", e.code());
        assertEquals("x-amz-content-sha256", e.fields().get("ArgumentName"));
    }

    @Test
    void hexPayloadHashIsVerified() throws Exception {
        byte[] body = ascii("hello world");
        String hex = ContentMd5.hex(MessageDigest.getInstance("SHA-256").digest(body));
        PayloadResult ok = run(
                PayloadDecoder.builder(headers("x-amz-content-sha256", hex.toUpperCase(Locale.ROOT)))
                        .build(),
                body,
                null);
        assertEquals(11, ok.length());

        String other = ContentMd5.hex(MessageDigest.getInstance("SHA-256").digest(new byte[0]));
        AwsException e = assertThrows(
                AwsException.class,
                () -> run(
                        PayloadDecoder.builder(headers("x-amz-content-sha256", other))
                                .build(),
                        body,
                        null));
        assertEquals("XAmzContentSHA256Mismatch", e.code());
        assertEquals(other, e.fields().get("ClientComputedContentSHA256"));
        assertEquals(hex, e.fields().get("S3ComputedContentSHA256"));
        // the empty body against its own hash
        assertEquals(
                0,
                run(
                                PayloadDecoder.builder(headers("x-amz-content-sha256", other))
                                        .build(),
                                new byte[0],
                                null)
                        .length());
    }

    @Test
    void contentMd5IsCheckedAtBuildAndFinish() throws Exception {
        assertEquals(
                "InvalidDigest",
                assertThrows(
                                AwsException.class,
                                () -> PayloadDecoder.builder(headers("Content-MD5", "dummy"))
                                        .build())
                        .code());
        String md5 = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("MD5").digest(ascii("abc")));
        assertEquals(3, run(headers("Content-MD5", md5), "abc").length());
        assertEquals(
                "BadDigest",
                assertThrows(AwsException.class, () -> run(headers("Content-MD5", md5), "abd"))
                        .code());
    }

    @Test
    void checksumHeaderOnPlainBodyIsVerified() {
        assertEquals(
                "MSpqpg==",
                run(headers("x-amz-checksum-crc32", "MSpqpg=="), "abcdefg").checksum(ChecksumAlgorithm.CRC32));
        AwsException e = assertThrows(
                AwsException.class,
                () -> run(headers("x-amz-checksum-sha1", "L7XhNBn8iSRoZeejJPR27GJOh0A="), "abcdefh"));
        assertEquals("The SHA1 you specified did not match the calculated checksum.", e.getMessage());
    }

    @Test
    void inconsistentChecksumHeadersAreRejectedBeforeTheBody() {
        record Case(String message, String... headers) {}
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(
                "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.",
                "x-amz-checksum-crc32",
                "MSpqpg==",
                "x-amz-checksum-crc32c",
                "5if0QQ=="));
        cases.add(new Case(
                "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.",
                "x-amz-content-sha256",
                "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                "x-amz-decoded-content-length",
                "7",
                "x-amz-trailer",
                "x-amz-checksum-crc64nvme",
                "x-amz-checksum-crc32",
                "MSpqpg=="));
        cases.add(new Case(
                "Value for x-amz-sdk-checksum-algorithm header is invalid.",
                "x-amz-sdk-checksum-algorithm",
                "crc32",
                "x-amz-checksum-crc32c",
                "ImIEBA=="));
        cases.add(new Case(
                "Value for x-amz-sdk-checksum-algorithm header is invalid.",
                "x-amz-content-sha256",
                "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                "x-amz-decoded-content-length",
                "7",
                "x-amz-trailer",
                "x-amz-checksum-crc64nvme",
                "x-amz-sdk-checksum-algorithm",
                "sha1"));
        cases.add(new Case("Value for x-amz-checksum-crc32 header is invalid.", "x-amz-checksum-crc32", "nope"));
        cases.add(new Case(
                "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer "
                        + "headers were found.",
                "x-amz-sdk-checksum-algorithm",
                "CRC32"));
        cases.add(new Case(
                "The algorithm type you specified in x-amz-checksum- header is invalid.",
                "x-amz-checksum-md5",
                "AAAA"));
        cases.add(new Case(
                "The value specified in the x-amz-trailer header is not supported",
                "x-amz-content-sha256",
                "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                "x-amz-decoded-content-length",
                "7",
                "x-amz-trailer",
                "x-amz-meta-foo"));
        for (Case c : cases) {
            AwsException e = assertThrows(
                    AwsException.class,
                    () -> PayloadDecoder.builder(headers(c.headers())).build());
            assertEquals("InvalidRequest", e.code(), c.message());
            assertEquals(c.message(), e.getMessage());
        }
    }

    @Test
    void checksumTypeAndModeHeadersAreNotChecksums() {
        PayloadResult r = run(
                headers(
                        "x-amz-checksum-type",
                        "FULL_OBJECT",
                        "x-amz-checksum-mode",
                        "ENABLED",
                        "x-amz-checksum-algorithm",
                        "CRC32"),
                "x");
        assertNull(r.requestAlgorithm());
    }

    @Test
    void signedChunksAreHandedToTheSignatureCheckInOrder() {
        List<String> seen = new ArrayList<>();
        StreamingSignatureCheck check = new StreamingSignatureCheck() {
            @Override
            public void verifyChunk(String signature, byte[] chunkSha256) {
                seen.add(signature + ":" + ContentMd5.hex(chunkSha256).substring(0, 8));
            }

            @Override
            public void verifyTrailer(String signature, String canonicalTrailers) {
                seen.add("trailer " + signature + " " + canonicalTrailers.replace("\n", "|"));
            }
        };
        String body = "7;chunk-signature=s1\r\nabcdefg\r\n0;chunk-signature=s2\r\n"
                + "x-amz-checksum-crc32:MSpqpg==\r\nx-amz-trailer-signature:s3\r\n\r\n";
        PayloadDecoder d = PayloadDecoder.builder(headers(
                        "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                        "x-amz-decoded-content-length", "7",
                        "x-amz-trailer", "x-amz-checksum-crc32"))
                .signatureCheck(check)
                .build();
        PayloadResult r = run(d, ascii(body), null);
        assertEquals(List.of("s1:7d1a5412", "s2:e3b0c442", "trailer s3 x-amz-checksum-crc32:MSpqpg==|"), seen);
        assertEquals("s3", r.trailers().get("x-amz-trailer-signature"));
    }

    @Test
    void signedChunksBelow8KiBMustBeTheLastWithData() {
        HttpHeaders h = headers(
                "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "x-amz-decoded-content-length", "10");
        String smallFirst =
                "5;chunk-signature=a\r\nhello\r\n5;chunk-signature=b\r\nworld\r\n0;chunk-signature=c\r\n\r\n";
        AwsException e = assertThrows(AwsException.class, () -> run(h, smallFirst));
        assertEquals("InvalidChunkSizeError", e.code());
        assertEquals("Only the last chunk is allowed to have a size less than 8192 bytes", e.getMessage());
        assertEquals("1", e.fields().get("Chunk"));
        assertEquals("5", e.fields().get("BadChunkSize"));
        // A small last data chunk is fine, and unsigned streaming bodies may use any sizes.
        assertEquals(
                5,
                run(
                                headers(
                                        "x-amz-content-sha256",
                                        "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                                        "x-amz-decoded-content-length",
                                        "5"),
                                "5;chunk-signature=a\r\nhello\r\n0;chunk-signature=c\r\n\r\n")
                        .length());
        assertEquals(
                10,
                run(
                                headers(
                                        "x-amz-content-sha256",
                                        "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                                        "x-amz-decoded-content-length",
                                        "10"),
                                "5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n")
                        .length());
    }

    @Test
    void directAndCompositeInputBuffersWork() {
        PayloadDecoder d = PayloadDecoder.builder(headers(
                        "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                        "x-amz-decoded-content-length", "7",
                        "x-amz-trailer", "x-amz-checksum-crc32"))
                .build();
        ByteBuf direct = Unpooled.directBuffer().writeBytes(ascii(TRAILER_BODY));
        try {
            d.onContent(direct);
        } finally {
            direct.release();
        }
        assertArrayEquals(Base64.getDecoder().decode("MSpqpg=="), d.finish().rawChecksum(ChecksumAlgorithm.CRC32));
    }

    /** A copying sink as a store uses it: copies into fixed-size pages, reports each region. */
    private static final class PagedCopy implements CopyingPayloadSink {
        final ByteArrayOutputStream copied = new ByteArrayOutputStream();
        final List<byte[]> pages = new ArrayList<>();
        int used = 1000;

        @Override
        public void copy(ByteBuf data, Copied regions) {
            for (int i = data.readerIndex(); i < data.writerIndex(); ) {
                if (used == 1000) {
                    pages.add(new byte[1000]);
                    used = 0;
                }
                int n = Math.min(1000 - used, data.writerIndex() - i);
                byte[] page = pages.get(pages.size() - 1);
                data.getBytes(i, page, used, n);
                regions.region(page, used, n);
                copied.write(page, used, n);
                used += n;
                i += n;
            }
        }
    }

    @Test
    void copyingSinkGetsTheSameChecksumsComputedOverItsCopies() throws Exception {
        byte[] data = new byte[100_003];
        new Random(3).nextBytes(data);
        String sha = ContentMd5.hex(MessageDigest.getInstance("SHA-256").digest(data));
        String md5 = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("MD5").digest(data));
        String crc32 = ChecksumAlgorithm.CRC32.base64Of(data);
        String crc64 = ChecksumAlgorithm.CRC64NVME.base64Of(data);
        String sha1 = ChecksumAlgorithm.SHA1.base64Of(data);
        // A signed payload hash (SHA-256 of the body), Content-MD5, a CRC32 header, two computed extras.
        HttpHeaders h = headers("x-amz-content-sha256", sha, "Content-MD5", md5, "x-amz-checksum-crc32", crc32);
        PagedCopy sink = new PagedCopy();
        PayloadDecoder d = PayloadDecoder.builder(h)
                .sink(sink)
                .alsoCompute(ChecksumAlgorithm.CRC64NVME, ChecksumAlgorithm.SHA1)
                .build();
        ByteBuf direct = Unpooled.directBuffer(data.length).writeBytes(data);
        try {
            for (int i = 0; i < data.length; i += 7919) {
                ByteBuf piece = direct.slice(i, Math.min(7919, data.length - i));
                d.onContent(piece);
                assertEquals(0, piece.readerIndex(), "borrowed piece untouched");
            }
        } finally {
            direct.release();
        }
        PayloadResult r = d.finish();
        assertArrayEquals(data, sink.copied.toByteArray());
        assertEquals(data.length, r.length());
        assertEquals(crc32, r.checksum(ChecksumAlgorithm.CRC32));
        assertEquals(crc64, r.checksum(ChecksumAlgorithm.CRC64NVME));
        assertEquals(sha1, r.checksum(ChecksumAlgorithm.SHA1));
        assertEquals("\"" + ContentMd5.hex(Base64.getDecoder().decode(md5)) + "\"", r.etag());
    }

    @Test
    void copyingSinkStillCatchesAWrongChecksum() {
        byte[] data = ascii("abcdefg");
        PayloadDecoder d = PayloadDecoder.builder(
                        headers("x-amz-checksum-crc32", ChecksumAlgorithm.CRC32.base64Of(ascii("abcdefh"))))
                .sink(new PagedCopy())
                .build();
        d.onContent(Unpooled.wrappedBuffer(data));
        assertEquals("BadDigest", assertThrows(AwsException.class, d::finish).code());
    }
}
