package dev.minicloud.internal.xml;

import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an AWS request body into an {@link XmlElement} tree with a hardened StAX parser (Woodstox,
 * through Jackson's XML module): no DTDs, no external or internal entity expansion, bounded depth and
 * element count. Anything else is a {@link MalformedXmlException}, which services answer as
 * {@code MalformedXML} in their own error shape.
 */
public final class SafeXmlReader {
    private static final int MAX_DEPTH = 64;
    private static final int MAX_ELEMENTS = 200_000;

    /** Built on first use: loading the StAX stack is a noticeable part of a cold start. */
    private volatile XMLInputFactory factory;

    private XMLInputFactory factory() {
        XMLInputFactory f = factory;
        if (f == null) {
            synchronized (this) {
                f = factory;
                if (f == null) {
                    f = newHardenedFactory();
                    factory = f;
                }
            }
        }
        return f;
    }

    private static XMLInputFactory newHardenedFactory() {
        XMLInputFactory f = new XmlFactory().getXMLInputFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** Parses {@code body}; an empty body is malformed. */
    public XmlElement read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedXmlException("empty body");
        }
        XMLStreamReader r = null;
        try {
            r = factory().createXMLStreamReader(new ByteArrayInputStream(body));
            Deque<XmlElement> stack = new ArrayDeque<>();
            XmlElement root = null;
            int count = 0;
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++count > MAX_ELEMENTS || stack.size() >= MAX_DEPTH) {
                            throw new MalformedXmlException("document too large or too deep");
                        }
                        Map<String, String> attrs = new LinkedHashMap<>();
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                        }
                        XmlElement e = new XmlElement(r.getLocalName(), attrs);
                        if (stack.isEmpty()) {
                            if (root != null) {
                                throw new MalformedXmlException("more than one root element");
                            }
                            root = e;
                        } else {
                            stack.peek().addChild(e);
                        }
                        stack.push(e);
                    }
                    case XMLStreamConstants.END_ELEMENT -> stack.pop();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!stack.isEmpty()) {
                            stack.peek().appendText(r.getText());
                        }
                    }
                    case XMLStreamConstants.DTD -> throw new MalformedXmlException("DTDs are not allowed");
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new MalformedXmlException("entity references are not allowed");
                    default -> {
                        // comments, processing instructions: ignored
                    }
                }
            }
            if (root == null) {
                throw new MalformedXmlException("no root element");
            }
            return root;
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof MalformedXmlException m) {
                throw m;
            }
            throw new MalformedXmlException(e.getMessage());
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // closing a reader over a byte array cannot fail in a way that matters
                }
            }
        }
    }
}
