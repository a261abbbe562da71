package dev.minicloud.internal.xml;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Writes the small, flat XML documents AWS REST-XML APIs answer with: the
 * {@code <?xml version="1.0" encoding="UTF-8"?>} prolog, an optional default namespace on the root,
 * no indentation. Text is escaped so that any key S3 accepts (control characters included) survives
 * the trip: characters XML 1.0 cannot carry literally are written as numeric references, as S3 does.
 */
public final class XmlWriter {
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ISO_INSTANT;

    private final StringBuilder out = new StringBuilder(256);
    private final Deque<String> open = new ArrayDeque<>();

    private XmlWriter() {}

    /** Starts a document whose root element carries {@code namespace} as default namespace (if non-null). */
    public static XmlWriter document(String root, String namespace) {
        XmlWriter w = new XmlWriter();
        w.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        w.out.append('<').append(root);
        if (namespace != null) {
            w.out.append(" xmlns=\"").append(namespace).append('"');
        }
        w.out.append('>');
        w.open.push(root);
        return w;
    }

    public XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    /** Starts an element with attributes given as name/value pairs. */
    public XmlWriter startWithAttributes(String name, String... attributes) {
        out.append('<').append(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"");
            escape(attributes[i + 1], true);
            out.append('"');
        }
        out.append('>');
        open.push(name);
        return this;
    }

    public XmlWriter end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** Writes {@code <name>value</name>}; a null value writes nothing, so optional fields stay absent. */
    public XmlWriter element(String name, String value) {
        if (value == null) {
            return this;
        }
        out.append('<').append(name).append('>');
        escape(value, false);
        out.append("</").append(name).append('>');
        return this;
    }

    public XmlWriter element(String name, long value) {
        out.append('<')
                .append(name)
                .append('>')
                .append(value)
                .append("</")
                .append(name)
                .append('>');
        return this;
    }

    public XmlWriter element(String name, boolean value) {
        return element(name, value ? "true" : "false");
    }

    /** Writes an instant as AWS does in XML: ISO-8601 UTC with milliseconds, {@code 2026-11-23T13:21:14.000Z}. */
    public XmlWriter element(String name, Instant value) {
        if (value == null) {
            return this;
        }
        return element(name, formatTimestamp(value));
    }

    public XmlWriter emptyElement(String name) {
        out.append('<').append(name).append("/>");
        return this;
    }

    public static String formatTimestamp(Instant value) {
        Instant millis = value.truncatedTo(ChronoUnit.MILLIS);
        String s = ISO_MILLIS.format(millis);
        // ISO_INSTANT drops ".000"; S3 always prints milliseconds.
        return millis.get(ChronoField.MILLI_OF_SECOND) == 0 ? s.substring(0, s.length() - 1) + ".000Z" : s;
    }

    public String toXml() {
        while (!open.isEmpty()) {
            end();
        }
        return out.toString();
    }

    public byte[] toBytes() {
        return toXml().getBytes(StandardCharsets.UTF_8);
    }

    private void escape(String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == 0xFFFE || c == 0xFFFF) {
                        out.append("&#x")
                                .append(Integer.toHexString(c).toUpperCase(Locale.ROOT))
                                .append(';');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
