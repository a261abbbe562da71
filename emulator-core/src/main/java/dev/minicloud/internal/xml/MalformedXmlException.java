package dev.minicloud.internal.xml;

/** A request body that is not well-formed, or that tries DTDs/entities; services map it to MalformedXML. */
public final class MalformedXmlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedXmlException(String detail) {
        super(detail, null, false, false);
    }
}
