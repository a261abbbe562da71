package dev.minicloud.kv.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespDecoderTest {

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new RespDecoder());
    }

    /** Feeds the bytes one at a time, as the slowest network would. */
    private static List<Object> feedByteByByte(EmbeddedChannel ch, String input) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        for (byte b : bytes) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        List<Object> out = new ArrayList<>();
        Object m;
        while ((m = ch.readInbound()) != null) {
            out.add(m);
        }
        return out;
    }

    private static String[] args(Object o) {
        RespCommand c = assertInstanceOf(RespCommand.class, o);
        String[] out = new String[c.argc()];
        for (int i = 0; i < c.argc(); i++) {
            out[i] = new String(c.arg(i), StandardCharsets.ISO_8859_1);
        }
        return out;
    }

    @Test
    void multibulkCommandDecodedFromSingleBytes() {
        EmbeddedChannel ch = channel();
        List<Object> out = feedByteByByte(ch, "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n");
        assertEquals(1, out.size());
        assertArrayEquals(new String[] {"SET", "key", "value"}, args(out.get(0)));
        assertFalse(ch.finish());
    }

    @Test
    void pipelinedCommandsAllDecodedInOrder() {
        EmbeddedChannel ch = channel();
        List<Object> out = feedByteByByte(ch, "*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\nPING\r\n");
        assertEquals(3, out.size());
        assertArrayEquals(new String[] {"PING"}, args(out.get(0)));
        assertArrayEquals(new String[] {"GET", "k"}, args(out.get(1)));
        assertArrayEquals(new String[] {"PING"}, args(out.get(2)));
        assertFalse(ch.finish());
    }

    @Test
    void bulkStringsAreBinarySafe() {
        EmbeddedChannel ch = channel();
        List<Object> out = feedByteByByte(ch, "*2\r\n$4\r\nECHO\r\n$4\r\n\r\n\u0000\u00ff\r\n");
        RespCommand c = assertInstanceOf(RespCommand.class, out.get(0));
        assertArrayEquals(new byte[] {'\r', '\n', 0, (byte) 0xff}, c.arg(1));
        assertFalse(ch.finish());
    }

    @Test
    void emptyBulkAndEmptyMultibulkAreAccepted() {
        EmbeddedChannel ch = channel();
        List<Object> out = feedByteByByte(ch, "*0\r\n*-1\r\n*2\r\n$3\r\nGET\r\n$0\r\n\r\n");
        assertEquals(1, out.size());
        assertArrayEquals(new String[] {"GET", ""}, args(out.get(0)));
        assertFalse(ch.finish());
    }

    @Test
    void inlineCommandsSplitLikeRedis() {
        EmbeddedChannel ch = channel();
        List<Object> out = feedByteByByte(ch, "SET  k \"a b\\x41\\n\"\r\n\r\nGET 'it\\'s'\nDEL x\r\n");
        assertEquals(3, out.size());
        assertArrayEquals(new String[] {"SET", "k", "a bA\n"}, args(out.get(0)));
        assertArrayEquals(new String[] {"GET", "it's"}, args(out.get(1)));
        assertArrayEquals(new String[] {"DEL", "x"}, args(out.get(2)));
        assertTrue(assertInstanceOf(RespCommand.class, out.get(0)).isInline());
        assertFalse(ch.finish());
    }

    @Test
    void unbalancedQuotesAreAProtocolError() {
        EmbeddedChannel ch = channel();
        List<Object> out = feedByteByByte(ch, "SET k \"abc\r\nPING\r\n");
        assertEquals(1, out.size());
        assertEquals(
                "ERR Protocol error: unbalanced quotes in request",
                assertInstanceOf(RespProtocolError.class, out.get(0)).message());
        assertFalse(ch.finish());
    }

    @Test
    void commandsBeforeAProtocolErrorStillArriveAndNothingAfterIt() {
        EmbeddedChannel ch = channel();
        List<Object> out = feedByteByByte(ch, "*1\r\n$4\r\nPING\r\n*1\r\n!3\r\nfoo\r\n*1\r\n$4\r\nPING\r\n");
        assertEquals(2, out.size());
        assertArrayEquals(new String[] {"PING"}, args(out.get(0)));
        assertEquals(
                "ERR Protocol error: expected '$', got '!'",
                assertInstanceOf(RespProtocolError.class, out.get(1)).message());
        assertFalse(ch.finish());
    }

    @Test
    void invalidLengthsAreProtocolErrors() {
        assertError("*abc\r\n", "invalid multibulk length");
        assertError("*1048577\r\n", "invalid multibulk length");
        assertError("*1\r\n$-5\r\n", "invalid bulk length");
        assertError("*1\r\n$x\r\n", "invalid bulk length");
        assertError("*1\r\n$2147483647\r\n", "invalid bulk length");
        assertError("*1\r\n$99999999999999999999999\r\n", "invalid bulk length");
    }

    @Test
    void bulkOverTheConfiguredLimitIsRejectedBeforeAnyAllocation() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder(1024, () -> false));
        List<Object> out = feedByteByByte(ch, "*1\r\n$1025\r\n");
        assertEquals(
                "ERR Protocol error: invalid bulk length",
                assertInstanceOf(RespProtocolError.class, out.get(0)).message());
        assertFalse(ch.finish());
    }

    @Test
    void hugeDeclaredBulkWaitsForDataWithoutAllocatingIt() {
        EmbeddedChannel ch = channel();
        ByteBuf in = Unpooled.copiedBuffer("*2\r\n$3\r\nSET\r\n$536870912\r\nabc", StandardCharsets.US_ASCII);
        ch.writeInbound(in);
        assertNull(ch.readInbound());
        // the decoder holds only what arrived; the 512 MB bulk was never reserved
        assertTrue(Runtime.getRuntime().totalMemory() < 4L * 1024 * 1024 * 1024);
        ch.finishAndReleaseAll();
    }

    @Test
    void oversizedLinesAreProtocolErrors() {
        String big = "x".repeat(RespDecoder.MAX_INLINE + 1);
        assertError(big, "too big inline request");
        assertError("*" + big, "too big mbulk count string");
        assertError("*1\r\n$" + big, "too big bulk count string");
    }

    @Test
    void unauthenticatedClientsGetTighterLimits() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder(1 << 20, () -> true));
        ch.writeInbound(Unpooled.copiedBuffer("*11\r\n", StandardCharsets.US_ASCII));
        assertEquals(
                "ERR Protocol error: unauthenticated multibulk length",
                assertInstanceOf(RespProtocolError.class, ch.readInbound()).message());
        assertFalse(ch.finish());
        EmbeddedChannel ch2 = new EmbeddedChannel(new RespDecoder(1 << 20, () -> true));
        ch2.writeInbound(Unpooled.copiedBuffer("*1\r\n$16385\r\n", StandardCharsets.US_ASCII));
        assertEquals(
                "ERR Protocol error: unauthenticated bulk length",
                assertInstanceOf(RespProtocolError.class, ch2.readInbound()).message());
        assertFalse(ch2.finish());
    }

    private static void assertError(String input, String reason) {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.copiedBuffer(input, StandardCharsets.ISO_8859_1));
        Object m = ch.readInbound();
        assertEquals(
                "ERR Protocol error: " + reason,
                assertInstanceOf(RespProtocolError.class, m).message(),
                input);
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }
}
