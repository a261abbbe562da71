package dev.minicloud.kv.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RespWriterTest {

    private static String write(int protocol, Consumer<RespWriter> body) {
        ByteBuf buf = Unpooled.buffer();
        try {
            RespWriter w = new RespWriter(buf);
            w.protocol(protocol);
            body.accept(w);
            return buf.toString(StandardCharsets.ISO_8859_1);
        } finally {
            buf.release();
        }
    }

    @Test
    void scalarsAreTheSameInBothProtocols() {
        for (int p = 2; p <= 3; p++) {
            assertEquals("+OK\r\n", write(p, RespWriter::ok));
            assertEquals(":-42\r\n", write(p, w -> w.integer(-42)));
            assertEquals(":1234567890123\r\n", write(p, w -> w.integer(1234567890123L)));
            assertEquals(":-9223372036854775808\r\n", write(p, w -> w.integer(Long.MIN_VALUE)));
            assertEquals("$3\r\nabc\r\n", write(p, w -> w.bulk("abc")));
            assertEquals("-ERR x  y\r\n", write(p, w -> w.error("ERR x\r\ny")));
        }
    }

    @Test
    void nullsDegradeForResp2() {
        assertEquals("$-1\r\n", write(2, RespWriter::nullBulk));
        assertEquals("*-1\r\n", write(2, RespWriter::nullArray));
        assertEquals("_\r\n", write(3, RespWriter::nullBulk));
        assertEquals("_\r\n", write(3, RespWriter::nullArray));
    }

    @Test
    void aggregatesUseResp3TypesOnlyAfterHello3() {
        assertEquals("*4\r\n", write(2, w -> w.map(2)));
        assertEquals("%2\r\n", write(3, w -> w.map(2)));
        assertEquals("*2\r\n", write(2, w -> w.set(2)));
        assertEquals("~2\r\n", write(3, w -> w.set(2)));
        assertEquals("*3\r\n", write(2, w -> w.push(3)));
        assertEquals(">3\r\n", write(3, w -> w.push(3)));
    }

    @Test
    void doublesAreBulkInResp2AndNativeInResp3() {
        assertEquals("$3\r\n1.5\r\n", write(2, w -> w.dbl(1.5)));
        assertEquals(",1.5\r\n", write(3, w -> w.dbl(1.5)));
        assertEquals(",inf\r\n", write(3, w -> w.dbl(Double.POSITIVE_INFINITY)));
        assertEquals(",-inf\r\n", write(3, w -> w.dbl(Double.NEGATIVE_INFINITY)));
        assertEquals(",3\r\n", write(3, w -> w.dbl(3.0)));
        assertEquals(",1e+20\r\n", write(3, w -> w.dbl(1e20)));
    }

    @Test
    void verbatimTextCarriesItsFormatInResp3() {
        assertEquals("=7\r\ntxt:abc\r\n", write(3, w -> w.verbatim("abc")));
        assertEquals("$3\r\nabc\r\n", write(2, w -> w.verbatim("abc")));
    }
}
