package dev.minicloud.kv.internal.wire;

/**
 * Emitted by {@link RespDecoder} instead of a command when the input is not valid RESP. The server
 * answers {@code -ERR Protocol error: <reason>} and closes the connection, as Redis does; the
 * commands decoded before it in the same read still run.
 */
public record RespProtocolError(String reason) {

    /** The full error line Redis sends, without the leading {@code -}. */
    public String message() {
        return "ERR Protocol error: " + reason;
    }
}
