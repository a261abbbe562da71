package dev.minicloud.internal.aws;

import dev.minicloud.internal.xml.XmlWriter;
import java.nio.charset.StandardCharsets;

/**
 * The wire protocols AWS services speak, as far as errors are concerned: each renders an
 * {@link AwsException} the way the real service does, so SDKs map it to the right exception.
 */
public enum AwsProtocol {
    /** S3: {@code <Error><Code/><Message/>...context...<RequestId/><HostId/></Error>}. */
    S3_XML {
        @Override
        public String contentType() {
            return "application/xml";
        }

        @Override
        public byte[] errorBody(AwsException e, String requestId, String hostId) {
            XmlWriter w = XmlWriter.document("Error", null);
            w.element("Code", e.code());
            w.element("Message", e.getMessage());
            e.fields().forEach(w::element);
            w.element("RequestId", requestId);
            w.element("HostId", hostId);
            return w.toBytes();
        }
    },
    /** Route 53 REST-XML: {@code <ErrorResponse xmlns=...><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}. */
    ROUTE53_XML {
        @Override
        public String contentType() {
            return "text/xml";
        }

        @Override
        public byte[] errorBody(AwsException e, String requestId, String hostId) {
            return errorResponse(e, requestId, "https://route53.amazonaws.com/doc/2013-04-01/");
        }
    },
    /** The query protocol (EC2-style, ElastiCache, ...): {@code ErrorResponse} without a namespace. */
    QUERY_XML {
        @Override
        public String contentType() {
            return "text/xml";
        }

        @Override
        public byte[] errorBody(AwsException e, String requestId, String hostId) {
            return errorResponse(e, requestId, null);
        }
    },
    /** EC2's own query dialect: {@code <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>}. */
    EC2_XML {
        @Override
        public String contentType() {
            return "text/xml;charset=UTF-8";
        }

        @Override
        public byte[] errorBody(AwsException e, String requestId, String hostId) {
            XmlWriter w = XmlWriter.document("Response", null);
            w.start("Errors").start("Error");
            w.element("Code", e.code());
            w.element("Message", e.getMessage());
            w.end().end();
            w.element("RequestID", requestId);
            return w.toBytes();
        }
    },
    /** AWS JSON 1.0/1.1: {@code {"__type":"Code","message":"..."}}. */
    JSON {
        @Override
        public String contentType() {
            return "application/x-amz-json-1.1";
        }

        @Override
        public byte[] errorBody(AwsException e, String requestId, String hostId) {
            String json =
                    "{\"__type\":\"" + jsonEscape(e.code()) + "\",\"message\":\"" + jsonEscape(e.getMessage()) + "\"}";
            return json.getBytes(StandardCharsets.UTF_8);
        }
    };

    public abstract String contentType();

    /** The answer to an unexpected failure: AWS's 500, never the exception's text. */
    public AwsException internalError() {
        return this == S3_XML
                ? new AwsException(500, "InternalError", "We encountered an internal error. Please try again.")
                : new AwsException(
                        500,
                        "InternalFailure",
                        "The request processing has failed because of an unknown error, exception or failure.");
    }

    /** The answer when the worker pool is saturated or shutting down: AWS's 503, which SDKs retry. */
    public AwsException unavailable() {
        return this == S3_XML
                ? new AwsException(503, "SlowDown", "Please reduce your request rate.")
                : new AwsException(
                        503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");
    }

    /** The answer to a path or query that cannot be percent-decoded. */
    public AwsException malformedUri() {
        return this == S3_XML
                ? new AwsException(400, "InvalidURI", "Couldn't parse the specified URI.")
                : new AwsException(400, "InvalidInput", "Invalid request: the request URI could not be parsed.");
    }

    public abstract byte[] errorBody(AwsException e, String requestId, String hostId);

    private static byte[] errorResponse(AwsException e, String requestId, String namespace) {
        XmlWriter w = XmlWriter.document("ErrorResponse", namespace);
        w.start("Error");
        w.element("Type", e.faultType());
        w.element("Code", e.code());
        w.element("Message", e.getMessage());
        w.end();
        w.element("RequestId", requestId);
        return w.toBytes();
    }

    private static String jsonEscape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
