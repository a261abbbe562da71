package dev.minicloud.s3.internal.post;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.minicloud.internal.aws.AwsException;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the POST Object form decoder with any body, cut into any pieces: it either decodes or
 * answers a 400 in S3's shape (never another exception), and the result (fields, file name, file
 * bytes, or the error code) is the same whether the body came in one piece or in the fuzzer's.
 */
class FormDataDecoderFuzzTest {

    private record Outcome(Map<String, String> fields, String filename, byte[] file, String error) {}

    private static Outcome decode(byte[] body, int piece) {
        Map<String, String> fields = new LinkedHashMap<>();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        String[] filename = new String[1];
        FormDataDecoder d =
                FormDataDecoder.forContentType("multipart/form-data; boundary=zz", new FormDataDecoder.Listener() {
                    @Override
                    public void fileStart(Map<String, String> f, String name, String contentType) {
                        fields.putAll(f);
                        filename[0] = name;
                    }

                    @Override
                    public void fileData(byte[] data, int offset, int length) {
                        file.write(data, offset, length);
                    }

                    @Override
                    public void fileEnd() {}
                });
        try {
            for (int i = 0; i < body.length; i += piece) {
                d.onContent(Unpooled.wrappedBuffer(body, i, Math.min(piece, body.length - i)));
            }
            d.finish();
            return new Outcome(fields, filename[0], file.toByteArray(), null);
        } catch (AwsException e) {
            assertEquals(400, e.status(), e.code());
            return new Outcome(null, null, null, e.code());
        }
    }

    @FuzzTest(maxDuration = "8s")
    @Timeout(30)
    void decodesTheSameWhateverThePieces(FuzzedDataProvider data) {
        int piece = data.consumeInt(1, 64);
        byte[] body = data.consumeRemainingAsBytes();
        Outcome whole = decode(body, Math.max(1, body.length));
        Outcome pieces = decode(body, piece);
        assertEquals(whole.error(), pieces.error());
        if (whole.error() == null) {
            assertEquals(whole.fields(), pieces.fields());
            assertEquals(whole.filename(), pieces.filename());
            assertArrayEquals(whole.file(), pieces.file());
            assertTrue(whole.file().length <= body.length);
        }
    }
}
