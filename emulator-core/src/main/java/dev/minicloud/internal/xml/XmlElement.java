package dev.minicloud.internal.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A parsed XML element: local name (namespaces ignored, as AWS does for request bodies), attributes,
 * text and children in document order. Produced by {@link SafeXmlReader}; small request bodies only.
 */
public final class XmlElement {
    private final String name;
    private final Map<String, String> attributes;
    private final List<XmlElement> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    XmlElement(String name, Map<String, String> attributes) {
        this.name = name;
        this.attributes = attributes;
    }

    public String name() {
        return name;
    }

    public Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    /** The element's own text, trimmed. */
    public String text() {
        return text.toString().trim();
    }

    /** The element's own text exactly as sent (keys and tag values may have meaningful spaces). */
    public String rawText() {
        return text.toString();
    }

    public List<XmlElement> children() {
        return Collections.unmodifiableList(children);
    }

    /** The first child with this local name, or {@code null}. */
    public XmlElement child(String childName) {
        for (XmlElement c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    public List<XmlElement> children(String childName) {
        List<XmlElement> out = new ArrayList<>();
        for (XmlElement c : children) {
            if (c.name.equals(childName)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The raw text of the first child with this name, or {@code null} if there is none. */
    public String childText(String childName) {
        XmlElement c = child(childName);
        return c == null ? null : c.rawText();
    }

    void addChild(XmlElement child) {
        children.add(child);
    }

    void appendText(String s) {
        text.append(s);
    }
}
