package dev.minicloud.internal.aws.chunked;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.internal.aws.AwsException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AwsChunkedDecoderTest {

    /** Records every event as text and the data as bytes. */
    static final class Recorder implements ChunkListener {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();

        @Override
        public void chunkStart(long size, String signature) {
            events.add("start " + size + " " + signature);
        }

        @Override
        public void chunkData(ByteBuf buf) {
            byte[] b = new byte[buf.readableBytes()];
            buf.readBytes(b);
            data.writeBytes(b);
        }

        @Override
        public void chunkEnd() {
            events.add("end");
        }

        @Override
        public void trailer(String name, String value) {
            events.add("trailer " + name + "=" + value);
        }

        @Override
        public void end() {
            events.add("done");
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Feeds {@code body} in pieces of {@code step} bytes (1 = byte by byte). */
    static Recorder decode(byte[] body, long expected, int step) {
        Recorder r = new Recorder();
        AwsChunkedDecoder d = new AwsChunkedDecoder(r, expected);
        for (int i = 0; i < body.length; i += step) {
            ByteBuf piece = Unpooled.wrappedBuffer(body, i, Math.min(step, body.length - i));
            d.decode(piece);
            assertFalse(piece.isReadable(), "decode consumes everything it is given");
        }
        d.finish();
        assertTrue(d.isComplete());
        return r;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7, 64, 100_000})
    void signedBodyDecodesInAnySplit(int step) {
        String sig1 = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
        String sig2 = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
        byte[] body = ascii("5;chunk-signature=" + sig1 + "\r\nhello\r\n0;chunk-signature=" + sig2 + "\r\n\r\n");
        Recorder r = decode(body, 5, step);
        assertEquals("hello", r.data.toString(StandardCharsets.US_ASCII));
        assertEquals(List.of("start 5 " + sig1, "end", "start 0 " + sig2, "end", "done"), r.events);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 11})
    void trailersAreReported(int step) {
        byte[] body = ascii("A\r\ndummy data\r\n0\r\nx-amz-checksum-crc64nvme:dPVWc2vU1+Q=\r\n\r\n");
        Recorder r = decode(body, 10, step);
        assertEquals("dummy data", r.data.toString(StandardCharsets.US_ASCII));
        assertEquals(
                List.of(
                        "start 10 null",
                        "end",
                        "start 0 null",
                        "end",
                        "trailer x-amz-checksum-crc64nvme=dPVWc2vU1+Q=",
                        "done"),
                r.events);
    }

    @Test
    void largeRandomBodyRoundTripsInRandomSplits() {
        Random rnd = new Random(7);
        byte[] payload = new byte[300_000];
        rnd.nextBytes(payload);
        ByteArrayOutputStream enc = new ByteArrayOutputStream();
        for (int off = 0; off < payload.length; off += 65_536) {
            int n = Math.min(65_536, payload.length - off);
            enc.writeBytes(ascii(Integer.toHexString(n) + ";chunk-signature=" + "0".repeat(64) + "\r\n"));
            enc.write(payload, off, n);
            enc.writeBytes(ascii("\r\n"));
        }
        enc.writeBytes(ascii("0;chunk-signature=" + "0".repeat(64) + "\r\n\r\n"));
        byte[] body = enc.toByteArray();

        Recorder r = new Recorder();
        AwsChunkedDecoder d = new AwsChunkedDecoder(r, payload.length);
        for (int i = 0; i < body.length; ) {
            int n = Math.min(1 + rnd.nextInt(9000), body.length - i);
            d.decode(Unpooled.wrappedBuffer(body, i, n));
            i += n;
        }
        d.finish();
        assertArrayEquals(payload, r.data.toByteArray());
        assertEquals(payload.length, d.decodedLength());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "A\ndummy data\r\n0\r\n\r\n", // bare LF
                "A\r\ndummy data0\r\n\r\n", // no CRLF after data
                "A\r\nXYZ\r\ndummy data\r\n0\r\n\r\n", // data longer than the size
                "B\r\ndummy data\r\n0\r\n\r\n", // more than x-amz-decoded-content-length
                "A\r\ndummy data\r\n0\r\n", // no final blank line
                "A\r\ndummy data\r\n0\r\nx-amz-checksum-crc64nvme:dPVWc2vU1+Q=\r\n", // trailer without blank line
                "A\r\n", // truncated
                "", // empty
                "A\r\nA\r\ndummy data\r\n0\r\n\r\n",
                "invalid_chunk_size\r\ndummy data\r\n0\r\n\r\n",
                "A\r\ndummy data\r\nJ\r\n\r\n",
                "5\r\ndummy\r\n0\r\n\r\n", // fewer than x-amz-decoded-content-length
                ";chunk-signature=00\r\ndummy data\r\n0\r\n\r\n", // no size
                "-A\r\ndummy data\r\n0\r\n\r\n",
                "A\r\ndummy data\r\n0\r\n\r\nextra", // bytes after the end
            })
    void malformedFramingIsIncompleteBody(String body) {
        for (int step : new int[] {1, 4, 1000}) {
            AwsException e = assertThrows(AwsException.class, () -> decode(ascii(body), 10, step));
            assertEquals("IncompleteBody", e.code(), body);
            assertEquals(400, e.status());
            assertEquals("The request body terminated unexpectedly", e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "A\r\ndummy data\r\n0\r\n:M3eFcAZSQlc=\r\n\r\n",
                "A\r\ndummy data\r\n0\r\nno-colon\r\n\r\n",
                "A\r\ndummy data\r\n0\r\nx:y\n\r\n",
            })
    void malformedTrailerIsMalformedTrailerError(String body) {
        AwsException e = assertThrows(AwsException.class, () -> decode(ascii(body), 10, 1));
        assertEquals("MalformedTrailerError", e.code());
    }

    @Test
    void hugeClaimedSizeFailsAtTheHeaderWithoutAllocating() {
        for (String size : new String[] {"ffffffffffffffff", "7fffffffffffffff", "10000000000000000"}) {
            AwsChunkedDecoder d = new AwsChunkedDecoder(new Recorder(), -1);
            AwsException e = assertThrows(
                    AwsException.class, () -> d.decode(Unpooled.wrappedBuffer(ascii(size + "\r\n"))), size);
            assertEquals("IncompleteBody", e.code());
        }
        // With a known decoded length a size beyond it fails at once, before any data.
        AwsChunkedDecoder d = new AwsChunkedDecoder(new Recorder(), 100);
        assertThrows(AwsException.class, () -> d.decode(Unpooled.wrappedBuffer(ascii("65\r\n"))));
    }

    @Test
    void endlessHeaderLineIsCutOffAtTheBound() {
        AwsChunkedDecoder d = new AwsChunkedDecoder(new Recorder(), -1, 64);
        byte[] junk = ascii("1;" + "x".repeat(200));
        AwsException e = assertThrows(AwsException.class, () -> {
            for (byte b : junk) {
                d.decode(Unpooled.wrappedBuffer(new byte[] {b}));
            }
        });
        assertEquals("IncompleteBody", e.code());
    }

    @Test
    void longTrailerLinesUpToTheBoundAreFine() {
        String value = "v".repeat(1000);
        Recorder r = decode(ascii("0\r\nx-long:" + value + "\r\n\r\n"), 0, 7);
        assertEquals("trailer x-long=" + value, r.events.get(2));
        AwsChunkedDecoder d = new AwsChunkedDecoder(new Recorder(), -1, 200);
        AwsException e = assertThrows(
                AwsException.class, () -> d.decode(Unpooled.wrappedBuffer(ascii("0\r\nx-long:" + value + "\r\n\r\n"))));
        assertEquals("MalformedTrailerError", e.code());
    }

    @Test
    void staysFailedAfterAnError() {
        AwsChunkedDecoder d = new AwsChunkedDecoder(new Recorder(), -1);
        assertThrows(AwsException.class, () -> d.decode(Unpooled.wrappedBuffer(ascii("zz\r\n"))));
        AwsException again =
                assertThrows(AwsException.class, () -> d.decode(Unpooled.wrappedBuffer(ascii("0\r\n\r\n"))));
        assertEquals("IncompleteBody", again.code());
        assertThrows(AwsException.class, d::finish);
    }

    @Test
    void unknownLengthAcceptsAnyTotal() {
        Recorder r = decode(ascii("3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"), -1, 1);
        assertEquals("abcde", r.data.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void extensionsOtherThanTheSignatureAreIgnored() {
        Recorder r = decode(ascii("3;foo=bar;chunk-signature=abc;x\r\nabc\r\n0\r\n\r\n"), 3, 2);
        assertEquals("start 3 abc", r.events.get(0));
    }
}
