package dev.minicloud.dns.ec2.internal.api;

import dev.minicloud.internal.xml.XmlWriter;
import java.util.Map;

/** EC2's response documents: {@code <ActionResponse xmlns=...><requestId/>...}, lists as {@code <item>}s. */
final class Ec2Xml {
    static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private Ec2Xml() {}

    static XmlWriter response(String action, String requestId) {
        XmlWriter w = XmlWriter.document(action + "Response", NAMESPACE);
        w.element("requestId", requestId);
        return w;
    }

    static void tagSet(XmlWriter w, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        w.start("tagSet");
        tags.forEach(
                (k, v) -> w.start("item").element("key", k).element("value", v).end());
        w.end();
    }
}
