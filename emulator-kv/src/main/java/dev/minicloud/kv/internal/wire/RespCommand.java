package dev.minicloud.kv.internal.wire;

/**
 * One decoded client command: its arguments as raw bytes, the command name first. Produced by
 * {@link RespDecoder} for both multibulk ({@code *2\r\n$3\r\nGET...}) and inline ({@code GET k\r\n})
 * requests; binary-safe, never converted to {@code String}.
 */
public final class RespCommand {
    private final byte[][] args;
    private final int argc;
    private final boolean inline;

    public RespCommand(byte[][] args, int argc, boolean inline) {
        this.args = args;
        this.argc = argc;
        this.inline = inline;
    }

    public static RespCommand of(byte[]... args) {
        return new RespCommand(args, args.length, false);
    }

    public int argc() {
        return argc;
    }

    public byte[] arg(int i) {
        return args[i];
    }

    /** The backing array; only the first {@link #argc()} slots are meaningful. */
    public byte[][] args() {
        return args;
    }

    public boolean isInline() {
        return inline;
    }
}
