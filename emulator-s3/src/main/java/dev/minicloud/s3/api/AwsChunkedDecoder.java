package dev.minicloud.s3.api;

import dev.minicloud.core.aws.AwsException;
import io.netty.buffer.ByteBuf;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decodes the {@code aws-chunked} content encoding incrementally, as bytes arrive in arbitrary
 * pieces: {@code hex-size[;chunk-signature=sig]\r\n<data>\r\n ... 0[;...]\r\n<trailers>\r\n}.
 * Data is passed on as slices of the input (no copy); trailer lines ({@code x-amz-checksum-crc32:...})
 * are collected. Signatures are not verified here: that is strict auth's job.
 *
 * <p>A small explicit state machine (see the AWS SigV4 streaming documentation); every framing
 * error is a 400 so a broken client gets an answer, never a hang.
 */
public final class AwsChunkedDecoder {
    private static final int MAX_LINE = 4096;

    private enum State { SIZE_LINE, DATA, DATA_CRLF, TRAILERS, DONE }

    private State state = State.SIZE_LINE;
    private final StringBuilder line = new StringBuilder();
    private boolean sawCr;
    private long remaining;
    private int crlfSeen;
    private final Map<String, String> trailers = new LinkedHashMap<>();

    /** Feeds {@code in} (fully consumed); decoded data slices go to {@code sink}, valid during the call. */
    public void decode(ByteBuf in, Consumer<ByteBuf> sink) {
        while (in.isReadable()) {
            switch (state) {
                case SIZE_LINE -> {
                    String l = readLine(in);
                    if (l != null) {
                        onSizeLine(l);
                    }
                }
                case DATA -> {
                    int n = (int) Math.min(remaining, in.readableBytes());
                    sink.accept(in.readSlice(n));
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.DATA_CRLF;
                        crlfSeen = 0;
                    }
                }
                case DATA_CRLF -> {
                    byte b = in.readByte();
                    if (crlfSeen == 0 && b == '\r') {
                        crlfSeen = 1;
                    } else if (crlfSeen == 1 && b == '\n') {
                        state = State.SIZE_LINE;
                    } else {
                        throw malformed("chunk data is not followed by CRLF");
                    }
                }
                case TRAILERS -> {
                    String l = readLine(in);
                    if (l != null) {
                        if (l.isEmpty()) {
                            state = State.DONE;
                        } else {
                            int colon = l.indexOf(':');
                            if (colon <= 0) {
                                throw malformed("malformed trailer line");
                            }
                            trailers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                    l.substring(colon + 1).trim());
                        }
                    }
                }
                case DONE -> in.skipBytes(in.readableBytes());
            }
        }
    }

    private void onSizeLine(String l) {
        int semi = l.indexOf(';');
        String hex = (semi < 0 ? l : l.substring(0, semi)).trim();
        long size;
        try {
            size = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw malformed("invalid chunk size '" + hex + "'");
        }
        if (size < 0) {
            throw malformed("invalid chunk size '" + hex + "'");
        }
        if (size == 0) {
            state = State.TRAILERS;
        } else {
            remaining = size;
            state = State.DATA;
        }
    }

    /** Returns a complete line without its CRLF, or {@code null} if more bytes are needed. */
    private String readLine(ByteBuf in) {
        while (in.isReadable()) {
            byte b = in.readByte();
            if (sawCr) {
                sawCr = false;
                if (b == '\n') {
                    String l = line.toString();
                    line.setLength(0);
                    return l;
                }
                line.append('\r');
            }
            if (b == '\r') {
                sawCr = true;
            } else {
                line.append((char) (b & 0xFF));
            }
            if (line.length() > MAX_LINE) {
                throw malformed("chunk header line too long");
            }
        }
        return null;
    }

    /**
     * Checks that the body ended where the encoding says it ends. A body that stops right after the
     * trailers (no final empty line) is accepted, as some clients send it that way.
     */
    public void finish() {
        if (state == State.TRAILERS && line.length() > 0) {
            String l = line.toString();
            int colon = l.indexOf(':');
            if (colon > 0) {
                trailers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
            }
            line.setLength(0);
            state = State.DONE;
        }
        if (state != State.DONE && state != State.TRAILERS) {
            throw new AwsException(400, "IncompleteBody", "The request body terminated unexpectedly");
        }
    }

    /** Trailer headers by lower-case name (checksums, {@code x-amz-trailer-signature}). */
    public Map<String, String> trailers() {
        return trailers;
    }

    private static AwsException malformed(String why) {
        return new AwsException(400, "InvalidRequest", "Invalid aws-chunked body: " + why);
    }
}
