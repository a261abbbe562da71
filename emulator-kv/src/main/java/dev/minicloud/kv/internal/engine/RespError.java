package dev.minicloud.kv.internal.engine;

/**
 * A command's error reply, thrown before the command wrote anything and rendered as {@code -<message>}.
 * The message starts with its code ({@code ERR}, {@code WRONGTYPE}, ...) and is Redis 7's exact text.
 * Stack traces are not filled in: this is control flow, not a failure of the server.
 */
public final class RespError extends RuntimeException {
    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    public static final String NOT_FLOAT = "ERR value is not a valid float";
    public static final String SYNTAX = "ERR syntax error";
    public static final String NO_SUCH_KEY = "ERR no such key";
    public static final String OUT_OF_RANGE = "ERR index out of range";
    /** A client write on a replica (Redis 7's text). */
    public static final String READONLY_REPLICA = "READONLY You can't write against a read only replica.";

    public static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";

    public RespError(String message) {
        super(message, null, false, false);
    }

    public static RespError wrongType() {
        return new RespError(WRONGTYPE);
    }

    public static RespError syntax() {
        return new RespError(SYNTAX);
    }

    public static RespError notInteger() {
        return new RespError(NOT_INTEGER);
    }

    public static RespError arity(String name) {
        return new RespError("ERR wrong number of arguments for '" + name + "' command");
    }
}
