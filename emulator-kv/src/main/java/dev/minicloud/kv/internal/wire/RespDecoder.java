package dev.minicloud.kv.internal.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Decodes client requests of the <a href="https://redis.io/docs/latest/develop/reference/protocol-spec/">RESP
 * protocol</a> into {@link RespCommand}s: multibulk arrays of bulk strings and inline commands,
 * any number per read (pipelining), fed in arbitrary fragments.
 *
 * <p>An explicit state machine, modelled on Netty's {@code RedisDecoder}. It never allocates ahead
 * of the bytes that arrived: a declared bulk length is only checked against {@code proto-max-bulk-len},
 * the argument array starts small and grows, and a bulk is copied out once it is complete. Invalid
 * input yields one {@link RespProtocolError} with Redis' own wording, after which every further byte
 * is discarded (the server closes the connection).
 */
public final class RespDecoder extends ByteToMessageDecoder {
    /** Redis' PROTO_INLINE_MAX_SIZE: longest inline request and longest length line. */
    public static final int MAX_INLINE = 64 * 1024;
    /** The most arguments one multibulk request may declare. */
    public static final int MAX_MULTIBULK = 1024 * 1024;

    private static final int INITIAL_ARGS = 16;
    private static final int UNAUTH_MAX_MULTIBULK = 10;
    private static final int UNAUTH_MAX_BULK = 16384;

    private enum State {
        TYPE,
        INLINE,
        ARRAY_LENGTH,
        BULK_LENGTH,
        BULK_CONTENT,
        DISCARD
    }

    private final long maxBulkLength;
    private final BooleanSupplier authRequired;
    private State state = State.TYPE;
    private byte[][] args;
    private int argCount;
    private int argc;
    private int bulkLength;
    /** Bytes of the arguments of the incomplete command decoded so far. */
    private long pendingArgBytes;

    /**
     * @param maxBulkLength the largest bulk string accepted ({@code proto-max-bulk-len})
     * @param authRequired true while the connection has not authenticated against a password, which
     *     tightens the limits as Redis does for unauthenticated clients
     */
    public RespDecoder(long maxBulkLength, BooleanSupplier authRequired) {
        if (maxBulkLength < 1) {
            throw new IllegalArgumentException("maxBulkLength: " + maxBulkLength + " (expected: >= 1)");
        }
        this.maxBulkLength = maxBulkLength;
        this.authRequired = authRequired;
    }

    public RespDecoder() {
        this(512L * 1024 * 1024, () -> false);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case TYPE -> {
                    if (!in.isReadable()) {
                        return;
                    }
                    state = in.getByte(in.readerIndex()) == '*' ? State.ARRAY_LENGTH : State.INLINE;
                }
                case INLINE -> {
                    if (!decodeInline(in, out)) {
                        return;
                    }
                }
                case ARRAY_LENGTH -> {
                    if (!decodeArrayLength(in, out)) {
                        return;
                    }
                }
                case BULK_LENGTH -> {
                    if (!decodeBulkLength(in, out)) {
                        return;
                    }
                }
                case BULK_CONTENT -> {
                    if (!decodeBulkContent(in, out)) {
                        return;
                    }
                }
                case DISCARD -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    private boolean decodeInline(ByteBuf in, List<Object> out) {
        int nl = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (nl < 0) {
            if (in.readableBytes() > MAX_INLINE) {
                return fail(in, out, "too big inline request");
            }
            return false;
        }
        int end = nl;
        if (end > in.readerIndex() && in.getByte(end - 1) == '\r') {
            end--;
        }
        byte[] line = new byte[end - in.readerIndex()];
        in.getBytes(in.readerIndex(), line);
        in.readerIndex(nl + 1);
        List<byte[]> split = InlineSplitter.split(line);
        if (split == null) {
            return fail(in, out, "unbalanced quotes in request");
        }
        state = State.TYPE;
        if (!split.isEmpty()) {
            out.add(new RespCommand(split.toArray(new byte[0][]), split.size(), true));
        }
        return true;
    }

    private boolean decodeArrayLength(ByteBuf in, List<Object> out) {
        int start = in.readerIndex() + 1;
        int cr = scanNumber(in, start);
        if (cr < 0) {
            if (in.readableBytes() > MAX_INLINE) {
                return fail(in, out, "too big mbulk count string");
            }
            return false;
        }
        if (cr + 1 >= in.writerIndex()) {
            return false; // wait for the \n after the \r
        }
        long n = scanned;
        if (n == Long.MIN_VALUE || n > MAX_MULTIBULK) {
            return fail(in, out, "invalid multibulk length");
        }
        if (n > UNAUTH_MAX_MULTIBULK && authRequired.getAsBoolean()) {
            return fail(in, out, "unauthenticated multibulk length");
        }
        in.readerIndex(cr + 2);
        if (n <= 0) {
            state = State.TYPE; // Redis skips empty multibulk requests
            return true;
        }
        argCount = (int) n;
        args = new byte[Math.min(argCount, INITIAL_ARGS)][];
        argc = 0;
        state = State.BULK_LENGTH;
        return true;
    }

    private boolean decodeBulkLength(ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return false;
        }
        byte type = in.getByte(in.readerIndex());
        if (type != '$') {
            return fail(in, out, "expected '$', got '" + (char) (type & 0xff) + "'");
        }
        int start = in.readerIndex() + 1;
        int cr = scanNumber(in, start);
        if (cr < 0) {
            if (in.readableBytes() > MAX_INLINE) {
                return fail(in, out, "too big bulk count string");
            }
            return false;
        }
        if (cr + 1 >= in.writerIndex()) {
            return false;
        }
        long n = scanned;
        if (n == Long.MIN_VALUE || n < 0 || n > maxBulkLength || n > Integer.MAX_VALUE - 2) {
            return fail(in, out, "invalid bulk length");
        }
        if (n > UNAUTH_MAX_BULK && authRequired.getAsBoolean()) {
            return fail(in, out, "unauthenticated bulk length");
        }
        in.readerIndex(cr + 2);
        bulkLength = (int) n;
        state = State.BULK_CONTENT;
        return true;
    }

    private boolean decodeBulkContent(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < bulkLength + 2L) {
            return false;
        }
        byte[] bulk = new byte[bulkLength];
        in.readBytes(bulk);
        in.skipBytes(2); // Redis does not inspect the CRLF after a bulk either
        if (argc == args.length) {
            byte[][] grown = new byte[Math.min(argCount, args.length * 2)][];
            System.arraycopy(args, 0, grown, 0, argc);
            args = grown;
        }
        args[argc++] = bulk;
        pendingArgBytes += bulkLength;
        if (argc == argCount) {
            out.add(new RespCommand(args, argc, false));
            args = null;
            pendingArgBytes = 0;
            state = State.TYPE;
        } else {
            state = State.BULK_LENGTH;
        }
        return true;
    }

    /**
     * What this connection sent that is not a complete command yet: undecoded bytes plus the
     * arguments of the incomplete command (Redis' query buffer, limited by client-query-buffer-limit).
     */
    public long bufferedBytes() {
        return pendingArgBytes + internalBuffer().readableBytes();
    }

    /** The bytes received and not decoded yet (for the log line of a client closed over the limit). */
    public ByteBuf undecoded() {
        return internalBuffer();
    }

    private boolean fail(ByteBuf in, List<Object> out, String reason) {
        in.skipBytes(in.readableBytes());
        args = null;
        pendingArgBytes = 0;
        state = State.DISCARD;
        out.add(new RespProtocolError(reason));
        return false;
    }

    private long scanned;

    /**
     * Finds the CR ending a length line starting at {@code from} and parses the decimal before it in
     * the same pass (lengths are parsed for every argument, so this is hot). Leaves the value, or
     * {@link Long#MIN_VALUE} when it is not a valid number, in {@link #scanned}; returns the CR's
     * index or -1 when it has not arrived yet.
     */
    private int scanNumber(ByteBuf in, int from) {
        int end = in.writerIndex();
        long v = 0;
        boolean negative = false;
        boolean valid = true;
        int digits = 0;
        for (int i = from; i < end; i++) {
            byte b = in.getByte(i);
            if (b == '\r') {
                if (!valid || digits == 0) {
                    scanned = Long.MIN_VALUE;
                } else if (digits >= 19) {
                    scanned = parseLong(in, from, i); // may overflow: take the careful path
                } else {
                    scanned = negative ? -v : v;
                }
                return i;
            }
            if (b == '-' && i == from) {
                negative = true;
            } else if (b >= '0' && b <= '9') {
                v = v * 10 + (b - '0');
                digits++;
            } else {
                valid = false;
            }
        }
        return -1;
    }

    /** Parses a signed decimal in [from, to); {@link Long#MIN_VALUE} when it is not one (Redis' string2ll). */
    static long parseLong(ByteBuf in, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > 20) {
            return Long.MIN_VALUE;
        }
        int i = from;
        boolean negative = false;
        if (in.getByte(i) == '-') {
            negative = true;
            i++;
            if (i == to) {
                return Long.MIN_VALUE;
            }
        }
        long v = 0;
        for (; i < to; i++) {
            int d = in.getByte(i) - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            if (v > (Long.MAX_VALUE - d) / 10) {
                return Long.MIN_VALUE;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }
}
