package dev.minicloud.s3.api;

import dev.minicloud.core.http.AggregatingBodyHandler;
import dev.minicloud.core.http.BodyHandler;
import dev.minicloud.core.http.EdgeRequest;
import dev.minicloud.core.xml.MalformedXmlException;
import dev.minicloud.core.xml.SafeXmlReader;
import dev.minicloud.core.xml.XmlElement;
import dev.minicloud.s3.service.S3Errors;
import java.util.function.Consumer;

/**
 * Reads the small XML documents of control-plane calls (CreateBucket configuration, tagging,
 * DeleteObjects, CompleteMultipartUpload) with a bound, and maps unreadable XML to
 * {@code MalformedXML}. Errors thrown by the consumer reach the edge dispatcher, which answers them in S3's shape.
 */
final class ControlBodies {
    static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final SafeXmlReader XML = new SafeXmlReader();

    private ControlBodies() {
    }

    /** Aggregates the body; {@code onBody} gets the bytes (possibly empty). */
    static BodyHandler bytes(EdgeRequest r, Consumer<byte[]> onBody) {
        return new AggregatingBodyHandler(r, MAX_BYTES,
                new dev.minicloud.core.aws.AwsException(400, "MaxMessageLengthExceeded",
                        "Your request was too big."), onBody);
    }

    /** Aggregates and parses the body; an empty or malformed body is {@code MalformedXML}. */
    static BodyHandler xml(EdgeRequest r, Consumer<XmlElement> onXml) {
        return bytes(r, body -> onXml.accept(parse(body)));
    }

    static XmlElement parse(byte[] body) {
        try {
            return XML.read(body);
        } catch (MalformedXmlException e) {
            throw S3Errors.malformedXml();
        }
    }
}
