package dev.minicloud.internal.aws.auth;

import static dev.minicloud.internal.aws.auth.SdkSigning.ACCESS_KEY;
import static dev.minicloud.internal.aws.auth.SdkSigning.SECRET_KEY;
import static dev.minicloud.internal.aws.auth.SdkSigning.SIGNED_AT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.MutableClock;
import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.checksum.ChecksumAlgorithm;
import dev.minicloud.internal.aws.chunked.PayloadDecoder;
import dev.minicloud.internal.aws.chunked.PayloadMode;
import dev.minicloud.internal.aws.chunked.PayloadResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Bodies encoded and signed by the AWS SDK's signer in every streaming form, decoded by
 * {@link PayloadDecoder} with (for signed forms) the request's {@link ChunkSignatureChain}.
 */
class StreamingSignatureTest {
    final MutableClock clock = MutableClock.startingAt(SIGNED_AT);
    final SigV4Verifier verifier = SigV4Verifier.forS3(Map.of(ACCESS_KEY, SECRET_KEY), clock);

    static byte[] data(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    static SdkSigning.Wire put(byte[] body, boolean signed, boolean checksum) {
        // Over plain http the SDK always signs the payload; unsigned payloads are an https thing.
        SdkHttpRequest r = SdkSigning.request(SdkHttpMethod.PUT, "127.0.0.1", 4566, "/bucket/key")
                .protocol(signed ? "http" : "https")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        Consumer<SignRequest.Builder<AwsCredentialsIdentity>> props = b -> {
            b.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signed)
                    .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true);
            if (checksum) {
                b.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32C);
            }
        };
        return SdkSigning.signS3(r, body, props);
    }

    PayloadResult decode(SdkSigning.Wire w, byte[] body, int step, ByteArrayOutputStream out) {
        VerifiedRequest v = verifier.verify(w.head());
        PayloadDecoder d = PayloadDecoder.builder(w.head().headers())
                .signatureCheck(v.chunkSignatureChain())
                .sink(buf -> {
                    byte[] b = new byte[buf.readableBytes()];
                    buf.getBytes(buf.readerIndex(), b);
                    out.writeBytes(b);
                })
                .build();
        for (int i = 0; i < body.length; i += step) {
            d.onContent(Unpooled.wrappedBuffer(body, i, Math.min(step, body.length - i)));
        }
        return d.finish();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8191, 65_536, 200_000})
    void signedChunkedBodiesFromTheSdkVerifyAndDecode(int size) {
        byte[] payload = data(size);
        SdkSigning.Wire w = put(payload, true, false);
        assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", w.head().headers().get("x-amz-content-sha256"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PayloadResult r = decode(w, w.body(), 997, out);
        assertArrayEquals(payload, out.toByteArray());
        assertEquals(size, r.length());
    }

    @Test
    void signedChunkedBodyDecodesByteByByte() {
        byte[] payload = data(3000);
        SdkSigning.Wire w = put(payload, true, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        decode(w, w.body(), 1, out);
        assertArrayEquals(payload, out.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10, 100_000})
    void signedTrailerBodiesFromTheSdkVerifyTheirTrailerSignature(int size) {
        byte[] payload = data(size);
        SdkSigning.Wire w = put(payload, true, true);
        assertEquals(
                "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", w.head().headers().get("x-amz-content-sha256"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PayloadResult r = decode(w, w.body(), 4096, out);
        assertArrayEquals(payload, out.toByteArray());
        assertEquals(ChecksumAlgorithm.CRC32C, r.requestAlgorithm());
        assertEquals(ChecksumAlgorithm.CRC32C.base64Of(payload), r.checksum(ChecksumAlgorithm.CRC32C));
    }

    @Test
    void unsignedTrailerBodiesFromTheSdkDecode() {
        byte[] payload = data(70_000);
        SdkSigning.Wire w = put(payload, false, true);
        assertEquals("STREAMING-UNSIGNED-PAYLOAD-TRAILER", w.head().headers().get("x-amz-content-sha256"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PayloadDecoder d = PayloadDecoder.builder(w.head().headers())
                .sink(buf -> out.writeBytes(copy(buf)))
                .build();
        assertEquals(PayloadMode.STREAMING_UNSIGNED_TRAILER, d.mode());
        for (byte b : w.body()) {
            d.onContent(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        PayloadResult r = d.finish();
        assertArrayEquals(payload, out.toByteArray());
        assertEquals(ChecksumAlgorithm.CRC32C.base64Of(payload), r.checksum(ChecksumAlgorithm.CRC32C));
    }

    @Test
    void aTamperedChunkFailsItsSignature() {
        byte[] payload = data(100_000);
        SdkSigning.Wire w = put(payload, true, false);
        byte[] body = w.body().clone();
        body[body.length / 2] ^= 1; // inside the data of the first chunk
        AwsException e = assertThrows(AwsException.class, () -> decode(w, body, 8192, new ByteArrayOutputStream()));
        assertEquals("SignatureDoesNotMatch", e.code());
        assertEquals(403, e.status());
    }

    @Test
    void aTamperedTrailerFailsTheTrailerSignature() {
        byte[] payload = data(10);
        SdkSigning.Wire w = put(payload, true, true);
        String body = new String(w.body(), StandardCharsets.ISO_8859_1);
        String crc = ChecksumAlgorithm.CRC32C.base64Of(payload);
        String forged = body.replace(
                "x-amz-checksum-crc32c:" + crc,
                "x-amz-checksum-crc32c:" + ChecksumAlgorithm.CRC32C.base64Of(new byte[3]));
        AwsException e = assertThrows(
                AwsException.class,
                () -> decode(w, forged.getBytes(StandardCharsets.ISO_8859_1), 64, new ByteArrayOutputStream()));
        assertEquals("SignatureDoesNotMatch", e.code());
    }

    @Test
    void aChunkWithoutSignatureFailsInStrictMode() {
        byte[] payload = "hello".getBytes(StandardCharsets.US_ASCII);
        SdkSigning.Wire w = put(payload, true, false);
        byte[] unsigned = "5\r\nhello\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(
                "SignatureDoesNotMatch",
                assertThrows(AwsException.class, () -> decode(w, unsigned, 3, new ByteArrayOutputStream()))
                        .code());
        // Lenient mode (no signature check) takes the same body.
        PayloadDecoder lenient = PayloadDecoder.builder(w.head().headers()).build();
        lenient.onContent(Unpooled.wrappedBuffer(unsigned));
        assertEquals(5, lenient.finish().length());
    }

    static byte[] copy(ByteBuf buf) {
        byte[] b = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), b);
        return b;
    }
}
