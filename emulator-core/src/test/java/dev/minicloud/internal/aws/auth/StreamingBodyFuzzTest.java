package dev.minicloud.internal.aws.auth;

import static dev.minicloud.internal.aws.auth.SdkSigning.ACCESS_KEY;
import static dev.minicloud.internal.aws.auth.SdkSigning.SECRET_KEY;
import static dev.minicloud.internal.aws.auth.SdkSigning.SIGNED_AT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.minicloud.MutableClock;
import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.chunked.PayloadDecoder;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Robustness of the body decoders against damaged input: thousands of randomly mutated, truncated
 * and extended SDK-encoded bodies, fed in random splits. Every outcome must be either a clean result
 * or an {@link AwsException} with an S3 status, never another exception; and when chunk signatures
 * are verified, an accepted body is always exactly the signed payload. Seeded, so reproducible.
 */
class StreamingBodyFuzzTest {
    private static final Set<Integer> S3_STATUSES = Set.of(400, 403, 411);
    /** Characters that mean something in aws-chunked framing, to hit the parser's edges. */
    private static final String FRAMING_CHARS = "0123456789abcdef;=\r\n:x-";

    @ParameterizedTest(name = "signed={0} trailer={1} strict={2}")
    @CsvSource({"true,false,true", "true,true,true", "true,true,false", "false,true,false"})
    void mutatedBodiesFailCleanlyAndNeverForgeData(boolean signed, boolean trailer, boolean strict) {
        MutableClock clock = MutableClock.startingAt(SIGNED_AT);
        SigV4Verifier verifier = SigV4Verifier.forS3(Map.of(ACCESS_KEY, SECRET_KEY), clock);
        Random rnd = new Random(20261123L + (signed ? 1 : 0) + (trailer ? 2 : 0) + (strict ? 4 : 0));
        byte[] payload = new byte[20_000];
        rnd.nextBytes(payload);
        SdkSigning.Wire w = StreamingSignatureTest.put(payload, signed, trailer);
        VerifiedRequest v = strict ? verifier.verify(w.head()) : null;

        int accepted = 0;
        for (int round = 0; round < 1500; round++) {
            byte[] body = mutate(w.body(), rnd);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                PayloadDecoder.Builder b = PayloadDecoder.builder(w.head().headers())
                        .sink(buf -> out.writeBytes(StreamingSignatureTest.copy(buf)));
                if (v != null) {
                    b.signatureCheck(v.chunkSignatureChain());
                }
                PayloadDecoder d = b.build();
                for (int i = 0; i < body.length; ) {
                    int n = Math.min(1 + rnd.nextInt(3000), body.length - i);
                    d.onContent(Unpooled.wrappedBuffer(body, i, n));
                    i += n;
                }
                d.finish();
                accepted++;
                if (strict || trailer) {
                    // Signatures (or the trailing CRC32C) vouch for the data.
                    assertArrayEquals(payload, out.toByteArray(), "accepted a body whose data was altered");
                }
            } catch (AwsException e) {
                assertTrue(S3_STATUSES.contains(e.status()), e.status() + " " + e.code());
            } catch (RuntimeException e) {
                fail("round " + round + ": unexpected " + e, e);
            }
            assertTrue(out.size() <= payload.length, "never more than x-amz-decoded-content-length bytes");
        }
        // Benign edits (e.g. bytes appended to a truncated tail) are rare; most bodies must be refused.
        assertTrue(accepted < 1500, "mutations were refused at least sometimes");
    }

    /** One to three random edits: flip, overwrite, insert, delete, truncate or append. */
    static byte[] mutate(byte[] original, Random rnd) {
        byte[] b = original.clone();
        int edits = 1 + rnd.nextInt(3);
        for (int k = 0; k < edits; k++) {
            int at = b.length == 0 ? 0 : rnd.nextInt(b.length);
            switch (rnd.nextInt(6)) {
                case 0 -> {
                    if (b.length > 0) {
                        b[at] ^= (byte) (1 << rnd.nextInt(8));
                    }
                }
                case 1 -> {
                    if (b.length > 0) {
                        b[at] = (byte) FRAMING_CHARS.charAt(rnd.nextInt(FRAMING_CHARS.length()));
                    }
                }
                case 2 -> {
                    byte[] n = new byte[b.length + 1];
                    System.arraycopy(b, 0, n, 0, at);
                    n[at] = (byte) rnd.nextInt(256);
                    System.arraycopy(b, at, n, at + 1, b.length - at);
                    b = n;
                }
                case 3 -> {
                    if (b.length > 0) {
                        byte[] n = new byte[b.length - 1];
                        System.arraycopy(b, 0, n, 0, at);
                        System.arraycopy(b, at + 1, n, at, b.length - at - 1);
                        b = n;
                    }
                }
                case 4 -> b = Arrays.copyOf(b, at);
                default -> {
                    byte[] extra = new byte[1 + rnd.nextInt(40)];
                    rnd.nextBytes(extra);
                    byte[] n = Arrays.copyOf(b, b.length + extra.length);
                    System.arraycopy(extra, 0, n, b.length, extra.length);
                    b = n;
                }
            }
        }
        return b;
    }
}
