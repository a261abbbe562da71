package dev.minicloud.internal.aws.chunked;

import dev.minicloud.internal.aws.AwsException;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * An incremental decoder for S3's {@code aws-chunked} content encoding, fed the body as it arrives:
 * <pre>
 * hex-size[;chunk-signature=sig]\r\n data \r\n ... 0[;chunk-signature=sig]\r\n
 * [name:value\r\n ...] \r\n
 * </pre>
 * (see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html">SigV4 streaming</a>
 * and its trailer variant). Decoded data goes to a {@link ChunkListener} as slices of the input:
 * nothing is buffered but the current header line, which is bounded, and no allocation depends on a
 * chunk size the client claims. A known decoded length lets an oversized chunk fail at its header.
 *
 * <p>Errors are S3's: broken framing or a wrong total is {@code IncompleteBody}, a bad trailer
 * section {@code MalformedTrailerError}. After an error the decoder stays failed. Not thread-safe.
 */
public final class AwsChunkedDecoder {
    /** Longest header or trailer line accepted; a signed chunk header is about 90 bytes. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 4096;
    /** S3's largest single upload (5 GiB); no chunk can be larger, whatever the client claims. */
    public static final long MAX_CHUNK_SIZE = 5L << 30;

    private static final String SIGNATURE_EXTENSION = "chunk-signature";

    private enum State {
        SIZE_LINE,
        DATA,
        DATA_CR,
        DATA_LF,
        TRAILER_LINE,
        DONE,
        FAILED
    }

    private final ChunkListener listener;
    private final long expectedLength;
    private final int maxLineLength;
    private byte[] line = new byte[128]; // grows up to maxLineLength: most lines are under 100 bytes
    private int lineLength;
    private State state = State.SIZE_LINE;
    private long chunkRemaining;
    private long decoded;
    private AwsException failure;

    /**
     * @param expectedLength the {@code x-amz-decoded-content-length}, or -1 if not known
     * @param maxLineLength  bound for chunk header and trailer lines
     */
    public AwsChunkedDecoder(ChunkListener listener, long expectedLength, int maxLineLength) {
        if (maxLineLength < 32) {
            throw new IllegalArgumentException("maxLineLength: " + maxLineLength + " (expected: >= 32)");
        }
        this.listener = listener;
        this.expectedLength = expectedLength;
        this.maxLineLength = maxLineLength;
    }

    public AwsChunkedDecoder(ChunkListener listener, long expectedLength) {
        this(listener, expectedLength, DEFAULT_MAX_LINE_LENGTH);
    }

    /** Consumes every readable byte of {@code in}. @throws AwsException if the body is malformed */
    public void decode(ByteBuf in) {
        if (failure != null) {
            throw failure;
        }
        try {
            while (in.isReadable()) {
                switch (state) {
                    case SIZE_LINE -> {
                        if (readLine(in)) {
                            chunkHeader();
                        }
                    }
                    case DATA -> {
                        int n = (int) Math.min(chunkRemaining, in.readableBytes());
                        ByteBuf slice = in.readSlice(n);
                        chunkRemaining -= n;
                        decoded += n;
                        listener.chunkData(slice);
                        if (chunkRemaining == 0) {
                            state = State.DATA_CR;
                        }
                    }
                    case DATA_CR -> {
                        expect(in.readByte(), '\r');
                        state = State.DATA_LF;
                    }
                    case DATA_LF -> {
                        expect(in.readByte(), '\n');
                        listener.chunkEnd();
                        state = State.SIZE_LINE;
                    }
                    case TRAILER_LINE -> {
                        if (readLine(in)) {
                            trailerLine();
                        }
                    }
                    case DONE -> throw ChunkedErrors.incompleteBody(); // bytes after the end
                    case FAILED -> throw failure;
                }
            }
        } catch (AwsException e) {
            fail(e);
            throw e;
        }
    }

    /** Call when the body has ended. @throws AwsException if it ended early or the total is wrong */
    public void finish() {
        if (failure != null) {
            throw failure;
        }
        if (state != State.DONE) {
            fail(ChunkedErrors.incompleteBody());
            throw failure;
        }
    }

    /** True once the final blank line has been read. */
    public boolean isComplete() {
        return state == State.DONE;
    }

    /** Decoded payload bytes so far. */
    public long decodedLength() {
        return decoded;
    }

    private void fail(AwsException e) {
        failure = e;
        state = State.FAILED;
    }

    private static void expect(byte actual, char expected) {
        if (actual != expected) {
            throw ChunkedErrors.incompleteBody();
        }
    }

    /** Accumulates up to CRLF; true when {@code line[0..lineLength)} holds a complete line. */
    private boolean readLine(ByteBuf in) {
        while (in.isReadable()) {
            byte b = in.readByte();
            if (b == '\n') {
                if (lineLength == 0 || line[lineLength - 1] != '\r') {
                    throw lineError();
                }
                lineLength--;
                return true;
            }
            if (lineLength >= maxLineLength) {
                throw lineError();
            }
            if (lineLength == line.length) {
                line = Arrays.copyOf(line, Math.min(maxLineLength, line.length * 2));
            }
            line[lineLength++] = b;
        }
        return false;
    }

    private AwsException lineError() {
        return state == State.TRAILER_LINE ? ChunkedErrors.malformedTrailer() : ChunkedErrors.incompleteBody();
    }

    private void chunkHeader() {
        int len = lineLength;
        lineLength = 0;
        int semi = indexOf(';', 0, len);
        int sizeEnd = semi < 0 ? len : semi;
        if (sizeEnd == 0 || sizeEnd > 16) {
            throw ChunkedErrors.incompleteBody();
        }
        long size = 0;
        for (int i = 0; i < sizeEnd; i++) {
            int d = Character.digit(line[i], 16);
            if (d < 0) {
                throw ChunkedErrors.incompleteBody();
            }
            size = (size << 4) | d;
        }
        if (size < 0 || size > MAX_CHUNK_SIZE || (expectedLength >= 0 && size > expectedLength - decoded)) {
            // More than announced: refuse at the header rather than after reading it all.
            throw ChunkedErrors.incompleteBody();
        }
        String signature = semi < 0 ? null : signature(semi + 1, len);
        listener.chunkStart(size, signature);
        if (size == 0) {
            listener.chunkEnd();
            if (expectedLength >= 0 && decoded != expectedLength) {
                throw ChunkedErrors.incompleteBody();
            }
            state = State.TRAILER_LINE;
        } else {
            chunkRemaining = size;
            state = State.DATA;
        }
    }

    /** The value of the {@code chunk-signature} extension among {@code ;k=v} pairs in [from, to). */
    private String signature(int from, int to) {
        int start = from;
        while (start <= to) {
            int end = indexOf(';', start, to);
            if (end < 0) {
                end = to;
            }
            int eq = indexOf('=', start, end);
            if (eq > start) {
                String name = ascii(start, eq).trim();
                if (name.equalsIgnoreCase(SIGNATURE_EXTENSION)) {
                    return ascii(eq + 1, end).trim();
                }
            }
            start = end + 1;
        }
        return null;
    }

    private void trailerLine() {
        int len = lineLength;
        lineLength = 0;
        if (len == 0) {
            state = State.DONE;
            listener.end();
            return;
        }
        int colon = indexOf(':', 0, len);
        if (colon <= 0) {
            throw ChunkedErrors.malformedTrailer();
        }
        String name = ascii(0, colon).trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw ChunkedErrors.malformedTrailer();
        }
        listener.trailer(name, ascii(colon + 1, len).trim());
    }

    private int indexOf(char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (line[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private String ascii(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
