package dev.minicloud.internal.aws;

/**
 * A request path or query that cannot be percent-decoded (a {@code %} not followed by two hex
 * digits). The edge answers it in the service's shape ({@link AwsProtocol#malformedUri()}), never as a 500.
 */
public final class MalformedUriException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MalformedUriException(String message) {
        super(message);
    }
}
