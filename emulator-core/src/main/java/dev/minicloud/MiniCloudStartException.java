package dev.minicloud;

/**
 * Thrown by {@link MiniCloud.Builder#start()} when the instance cannot start, e.g. a port is taken.
 * By the time it is thrown everything already bound has been released.
 */
public final class MiniCloudStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MiniCloudStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
