package dev.minicloud.dns.internal.zones;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Converts between Route 53's spelling of domain names and dnsjava {@link Name}s. Route 53 accepts
 * names with or without the final dot, in any case, with {@code \ooo} <em>octal</em> escapes
 * (dnsjava's {@code \DDD} escapes are decimal, so the two must never be mixed), and answers with
 * lower-case, dot-terminated names where every byte other than {@code a-z 0-9 - _} is octal-escaped
 * ({@code *} becomes {@code \052}).
 */
public final class DnsNames {
    private DnsNames() {}

    /** Parses a Route 53 name; throws {@link IllegalArgumentException} naming the problem. */
    public static Name parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty domain name");
        }
        String s = text.trim();
        if (s.equals(".")) {
            return Name.root;
        }
        List<byte[]> labels = new ArrayList<>();
        ByteArrayOutputStream label = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (isOctal(s, i + 1)) {
                    label.write(Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                } else if (i + 1 < s.length()) {
                    label.write(s.charAt(++i));
                } else {
                    throw new IllegalArgumentException("dangling escape in " + text);
                }
            } else if (c == '.') {
                if (label.size() == 0) {
                    throw new IllegalArgumentException("empty label in " + text);
                }
                labels.add(label.toByteArray());
                label.reset();
            } else if (c > 0x7e || c < 0x21) {
                throw new IllegalArgumentException("invalid character in " + text);
            } else {
                label.write(c);
            }
        }
        if (label.size() > 0) {
            labels.add(label.toByteArray());
        }
        StringBuilder presentation = new StringBuilder(s.length() + 8);
        for (byte[] l : labels) {
            if (l.length > 63) {
                throw new IllegalArgumentException("label longer than 63 characters in " + text);
            }
            for (byte b : l) {
                int v = b & 0xff;
                if (v >= 'A' && v <= 'Z') {
                    v += 'a' - 'A';
                }
                if ((v >= 'a' && v <= 'z') || (v >= '0' && v <= '9') || v == '-' || v == '_' || v == '*') {
                    presentation.append((char) v);
                } else {
                    // dnsjava's escapes are decimal
                    presentation.append('\\').append(String.format("%03d", v));
                }
            }
            presentation.append('.');
        }
        try {
            return Name.fromString(presentation.toString());
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + text, e);
        }
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }

    /** Route 53's presentation of a name: lower case, final dot, octal escapes. */
    public static String format(Name name) {
        if (name.labels() <= 1) {
            return ".";
        }
        StringBuilder b = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.labels() - 1; i++) {
            byte[] label = name.getLabel(i);
            for (int j = 1; j < label.length; j++) {
                int v = label[j] & 0xff;
                if (v >= 'A' && v <= 'Z') {
                    v += 'a' - 'A';
                }
                if ((v >= 'a' && v <= 'z') || (v >= '0' && v <= '9') || v == '-' || v == '_') {
                    b.append((char) v);
                } else {
                    b.append('\\').append(String.format("%03o", v));
                }
            }
            b.append('.');
        }
        return b.toString();
    }
}
