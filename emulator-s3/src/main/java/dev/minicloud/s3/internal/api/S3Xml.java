package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.s3.internal.service.CanonicalUser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Shared pieces of S3's XML responses: the namespace, documents that carry it, and URL encoding of keys. */
final class S3Xml {
    static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";

    private S3Xml() {}

    static XmlWriter document(String root) {
        return XmlWriter.document(root, NS);
    }

    /**
     * An account where S3 names one ({@code Owner}, {@code Initiator}): its canonical user id and
     * display name, never the bare account id.
     */
    static XmlWriter owner(XmlWriter x, String element, String account) {
        CanonicalUser user = CanonicalUser.of(account);
        return x.start(element)
                .element("ID", user.id())
                .element("DisplayName", user.displayName())
                .end();
    }

    /** S3's {@code encoding-type=url}: percent-encodes everything but unreserved characters and {@code /}. */
    static String urlEncode(String s, boolean enabled) {
        if (!enabled || s == null) {
            return s;
        }
        return URLEncoder.encode(s, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("%2F", "/")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }
}
