package dev.minicloud.kv.internal.rdb;

/** A DUMP payload that does not parse: RESTORE answers Redis' {@code ERR Bad data format}. */
public final class RdbFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RdbFormatException(String message) {
        super(message);
    }
}
