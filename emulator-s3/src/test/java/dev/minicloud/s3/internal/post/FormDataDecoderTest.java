package dev.minicloud.s3.internal.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.internal.aws.AwsException;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The form decoder alone, fed byte by byte and in one piece: fields, the streamed file, S3's errors. */
class FormDataDecoderTest {
    private static final String TYPE = "multipart/form-data; boundary=\"xyz\"";
    private static final String BODY = "preamble\r\n--xyz\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\n"
            + "a/${filename}\r\n--xyz  \r\ncontent-disposition: form-data; name=\"Policy\"\r\n\r\np\r\n"
            + "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r\\\"s.txt\"\r\nContent-Type: text/plain\r\n\r\n"
            + "line\r\n--xy not yet\r\n--xyz\r\nContent-Disposition: form-data; name=\"after\"\r\n\r\nignored\r\n--xyz--\r\n";

    private static final class Recorder implements FormDataDecoder.Listener {
        final Map<String, String> fields = new LinkedHashMap<>();
        final ByteArrayOutputStream file = new ByteArrayOutputStream();
        String filename;
        String contentType;
        boolean ended;

        @Override
        public void fileStart(Map<String, String> f, String name, String type) {
            fields.putAll(f);
            filename = name;
            contentType = type;
        }

        @Override
        public void fileData(byte[] data, int offset, int length) {
            file.write(data, offset, length);
        }

        @Override
        public void fileEnd() {
            ended = true;
        }
    }

    private static Recorder decode(String body, int pieceSize) {
        Recorder r = new Recorder();
        FormDataDecoder d = FormDataDecoder.forContentType(TYPE, r);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += pieceSize) {
            d.onContent(Unpooled.wrappedBuffer(bytes, i, Math.min(pieceSize, bytes.length - i)));
        }
        d.finish();
        return r;
    }

    @Test
    void theWordAtATimeByteSearchFindsWhatAByteLoopFinds() {
        Random random = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            byte[] a = new byte[random.nextInt(40)];
            for (int i = 0; i < a.length; i++) {
                // few distinct values, high ones included, so matches, near-misses and sign bits all occur
                a[i] = (byte) (random.nextBoolean() ? 0x0D : random.nextInt(4) * 0x55);
            }
            byte b = (byte) (random.nextInt(4) == 0 ? 0xAA : 0x0D);
            int from = a.length == 0 ? 0 : random.nextInt(a.length);
            int to = from + random.nextInt(a.length - from + 1);
            int expected = -1;
            for (int i = from; i < to; i++) {
                if (a[i] == b) {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, FormDataDecoder.indexOfByte(a, from, to, b), "round " + round);
        }
    }

    @Test
    void fieldsAndFileComeThroughWhateverThePieces() {
        for (int piece : new int[] {1, 2, 3, 7, 1000}) {
            Recorder r = decode(BODY, piece);
            assertEquals(Map.of("key", "a/${filename}", "policy", "p"), r.fields, "piece " + piece);
            assertEquals("r\"s.txt", r.filename);
            assertEquals("text/plain", r.contentType);
            assertEquals("line\r\n--xy not yet", r.file.toString(StandardCharsets.UTF_8));
            assertTrue(r.ended);
        }
    }

    @Test
    void malformedBodiesAreS3sErrors() {
        assertThrows(AwsException.class, () -> FormDataDecoder.forContentType("multipart/form-data", new Recorder()));
        assertThrows(
                AwsException.class,
                () -> FormDataDecoder.forContentType(
                        "multipart/form-data; boundary=" + "b".repeat(71), new Recorder()));
        String[] bad = {
            "no delimiter at all",
            "--xyz\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk\r\n--xyz--\r\n", // no file
            "--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nnever ends",
            "--xyz\r\nContent-Disposition: attachment; name=\"key\"\r\n\r\nk\r\n--xyz--\r\n",
            "--xyz\r\nNo-Colon-Here\r\n\r\nk\r\n--xyz--\r\n",
            "--xyzjunk\r\n",
            "--xyz\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\n1\r\n--xyz\r\n"
                    + "Content-Disposition: form-data; name=\"KEY\"\r\n\r\n2\r\n--xyz--\r\n",
        };
        for (String body : bad) {
            AwsException e = assertThrows(AwsException.class, () -> decode(body, 1), body);
            assertEquals(400, e.status(), body);
        }
        // A body that never names the boundary is refused while it streams, not at its end.
        Recorder none = new Recorder();
        FormDataDecoder endless = FormDataDecoder.forContentType(TYPE, none);
        assertThrows(AwsException.class, () -> {
            for (int i = 0; i < 100; i++) {
                endless.onContent(Unpooled.wrappedBuffer(new byte[1024]));
            }
        });
        assertEquals(
                "MaxPostPreDataLengthExceeded",
                assertThrows(
                                AwsException.class,
                                () -> decode(
                                        "--xyz\r\nContent-Disposition: form-data; name=\"big\"\r\n\r\n"
                                                + "v".repeat(30_000),
                                        4096))
                        .code());
    }
}
