package dev.minicloud.internal.aws.chunked;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.minicloud.internal.aws.AwsException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the aws-chunked decoder with any bytes, fed in fragments: it either decodes or fails
 * with S3's error (an {@link AwsException}), never anything else, never more data than the chunk
 * sizes announced, and it never leaks or retains a buffer. Seeds: {@code AwsChunkedDecoderFuzzTestInputs}.
 */
class AwsChunkedDecoderFuzzTest {

    @FuzzTest(maxDuration = "8s")
    @Timeout(30) // per input when fuzzing: a hang fails (Jazzer passes it to libFuzzer as -timeout)
    void decodesOrFailsWithS3sError(byte[] input) {
        long[] data = {0};
        ChunkListener listener = chunk -> data[0] += chunk.readableBytes();
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(listener, input.length > 0 ? (input[0] & 0x7f) : -1);
        try {
            // fragments of 1..13 bytes: every state boundary gets split somewhere
            for (int at = 0, step = 1; at < input.length; at += step, step = step % 13 + 1) {
                ByteBuf fragment = Unpooled.wrappedBuffer(input, at, Math.min(step, input.length - at));
                try {
                    decoder.decode(fragment);
                } finally {
                    assertEquals(1, fragment.refCnt());
                    fragment.release();
                }
            }
            decoder.finish();
            assertTrue(decoder.isComplete());
            assertEquals(decoder.decodedLength(), data[0]);
        } catch (AwsException expected) {
            assertTrue(expected.getMessage() != null);
        }
        assertTrue(data[0] <= input.length);
    }
}
