package dev.minicloud.internal.aws;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error to be answered in the calling protocol's AWS error shape: HTTP status, AWS error code,
 * message, and the context fields S3 adds to its error XML ({@code BucketName}, {@code Key}, ...).
 * Thrown by service logic and rendered by {@link AwsProtocol#renderError}.
 */
public class AwsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public AwsException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Adds a context element rendered after {@code Message} (S3 style), e.g. {@code BucketName}. */
    public AwsException with(String field, String value) {
        if (value != null) {
            fields.put(field, value);
        }
        return this;
    }

    /** Adds a response header sent with the error, e.g. {@code x-amz-delete-marker}. */
    public AwsException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> fields() {
        return fields;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Route 53 / query protocol fault type: {@code Sender} for 4xx, {@code Receiver} otherwise. */
    public String faultType() {
        return status < 500 ? "Sender" : "Receiver";
    }
}
