package dev.minicloud.kv.internal.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes replies into a {@link ByteBuf} in the connection's protocol version: RESP2, or RESP3 after
 * {@code HELLO 3}. Aggregate and special types degrade the way Redis degrades them for RESP2 (a map
 * becomes a flat array, a double a bulk string, null a {@code $-1}/{@code *-1}).
 *
 * <p>Allocation-light: numbers are written digit by digit, small length headers come from a table.
 */
public final class RespWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int CACHED = 1024;
    private static final byte[][] INTEGERS = new byte[CACHED][];
    private static final byte[][] BULK_HEADERS = new byte[CACHED][];
    private static final byte[][] ARRAY_HEADERS = new byte[CACHED][];

    static {
        for (int i = 0; i < CACHED; i++) {
            INTEGERS[i] = (":" + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
            BULK_HEADERS[i] = ("$" + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
            ARRAY_HEADERS[i] = ("*" + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private ByteBuf out;
    private int protocol = 2;

    public RespWriter(ByteBuf out) {
        this.out = out;
    }

    public ByteBuf buffer() {
        return out;
    }

    /** Redirects the writer (the server reuses one writer per connection across batches). */
    public void buffer(ByteBuf out) {
        this.out = out;
    }

    public int protocol() {
        return protocol;
    }

    public void protocol(int protocol) {
        this.protocol = protocol;
    }

    public boolean resp3() {
        return protocol == 3;
    }

    public void ok() {
        out.writeBytes(OK);
    }

    public void simple(String s) {
        out.writeByte('+');
        out.writeCharSequence(s, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    /** An error line; {@code message} starts with its code ({@code ERR ...}, {@code WRONGTYPE ...}). */
    public void error(String message) {
        out.writeByte('-');
        // an error line must not break the framing
        out.writeCharSequence(message.replace('\r', ' ').replace('\n', ' '), StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    public void integer(long v) {
        if (v >= 0 && v < CACHED) {
            out.writeBytes(INTEGERS[(int) v]);
            return;
        }
        out.writeByte(':');
        writeLong(v);
        out.writeBytes(CRLF);
    }

    public void bool(boolean v) {
        if (resp3()) {
            out.writeByte('#').writeByte(v ? 't' : 'f');
            out.writeBytes(CRLF);
        } else {
            integer(v ? 1 : 0);
        }
    }

    public void bulk(byte[] v) {
        if (v == null) {
            nullBulk();
            return;
        }
        header('$', v.length, BULK_HEADERS);
        out.writeBytes(v);
        out.writeBytes(CRLF);
    }

    public void bulk(byte[] v, int from, int len) {
        header('$', len, BULK_HEADERS);
        out.writeBytes(v, from, len);
        out.writeBytes(CRLF);
    }

    public void bulk(String v) {
        if (v == null) {
            nullBulk();
            return;
        }
        bulk(v.getBytes(StandardCharsets.UTF_8));
    }

    /** A long as a bulk string (Redis replies this way for e.g. {@code INCRBYFLOAT} results). */
    public void bulkLong(long v) {
        bulk(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
    }

    /** A double: RESP3 {@code ,1.5}; RESP2 the same text as a bulk string. */
    public void dbl(double v) {
        String s = Doubles.format(v);
        if (resp3()) {
            out.writeByte(',');
            out.writeCharSequence(s, StandardCharsets.US_ASCII);
            out.writeBytes(CRLF);
        } else {
            bulk(s.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** A verbatim text ({@code INFO}, {@code CLIENT LIST}): RESP3 {@code =len\r\ntxt:...}; RESP2 a bulk string. */
    public void verbatim(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (resp3()) {
            out.writeByte('=');
            writeLong(b.length + 4L);
            out.writeBytes(CRLF);
            out.writeCharSequence("txt:", StandardCharsets.US_ASCII);
            out.writeBytes(b);
            out.writeBytes(CRLF);
        } else {
            bulk(b);
        }
    }

    public void nullBulk() {
        out.writeBytes(resp3() ? NULL3 : NULL_BULK);
    }

    public void nullArray() {
        out.writeBytes(resp3() ? NULL3 : NULL_ARRAY);
    }

    public void array(int n) {
        header('*', n, ARRAY_HEADERS);
    }

    /** An array header for a length beyond int (a streamed reply). */
    public void array(long n) {
        header('*', n, ARRAY_HEADERS);
    }

    /** A map of {@code n} pairs: RESP3 {@code %n}; RESP2 a flat array of 2n elements. */
    public void map(int n) {
        if (resp3()) {
            out.writeByte('%');
            writeLong(n);
            out.writeBytes(CRLF);
        } else {
            array(n * 2);
        }
    }

    /** A set of {@code n}: RESP3 {@code ~n}; RESP2 an array. */
    public void set(int n) {
        if (resp3()) {
            out.writeByte('~');
            writeLong(n);
            out.writeBytes(CRLF);
        } else {
            array(n);
        }
    }

    /** An out-of-band push of {@code n} elements: RESP3 {@code >n}; RESP2 (subscriber mode) an array. */
    public void push(int n) {
        if (resp3()) {
            out.writeByte('>');
            writeLong(n);
            out.writeBytes(CRLF);
        } else {
            array(n);
        }
    }

    /** Raw bytes that are already RESP (used to splice pre-encoded replies). */
    public void raw(byte[] resp) {
        out.writeBytes(resp);
    }

    private void header(char type, long n, byte[][] cache) {
        if (n >= 0 && n < CACHED) {
            out.writeBytes(cache[(int) n]);
            return;
        }
        out.writeByte(type);
        writeLong(n);
        out.writeBytes(CRLF);
    }

    private void writeLong(long v) {
        if (v == Long.MIN_VALUE) {
            out.writeCharSequence("-9223372036854775808", StandardCharsets.US_ASCII);
            return;
        }
        if (v < 0) {
            out.writeByte('-');
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int at = out.writerIndex();
        out.ensureWritable(digits);
        for (int i = digits - 1; i >= 0; i--) {
            out.setByte(at + i, (int) ('0' + v % 10));
            v /= 10;
        }
        out.writerIndex(at + digits);
    }
}
