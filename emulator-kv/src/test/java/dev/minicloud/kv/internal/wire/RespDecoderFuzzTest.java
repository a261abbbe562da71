package dev.minicloud.kv.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the RESP decoder with any bytes in fragments of every size: it yields commands and at
 * most one protocol error (with Redis' wording), after which nothing more; it never throws, never
 * yields an empty command, and holds no buffer once the channel is finished. Seeds:
 * {@code RespDecoderFuzzTestInputs}.
 */
class RespDecoderFuzzTest {

    @FuzzTest(maxDuration = "8s")
    @Timeout(30) // per input when fuzzing: a hang fails (Jazzer passes it to libFuzzer as -timeout)
    void decodesCommandsOrOneProtocolError(byte[] input) {
        boolean unauthenticated = input.length > 0 && (input[0] & 1) == 1;
        // a small bulk limit, so the fuzzer reaches "invalid bulk length" without megabytes of input
        EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder(4096, () -> unauthenticated));
        for (int at = 0, step = 1; at < input.length; at += step, step = step % 17 + 1) {
            channel.writeInbound(Unpooled.wrappedBuffer(input, at, Math.min(step, input.length - at)));
        }
        int errors = 0;
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            if (msg instanceof RespProtocolError error) {
                errors++;
                assertTrue(error.message().startsWith("ERR Protocol error: "), error.message());
            } else {
                assertEquals(0, errors, "a command decoded after a protocol error");
                RespCommand cmd = (RespCommand) msg;
                assertTrue(cmd.argc() > 0);
                for (int i = 0; i < cmd.argc(); i++) {
                    assertTrue(cmd.arg(i).length <= Math.max(4096, RespDecoder.MAX_INLINE));
                }
            }
        }
        assertTrue(errors <= 1);
        assertFalse(channel.finish());
    }
}
