package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.s3.internal.service.S3Errors;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code <Tagging><TagSet><Tag><Key/><Value/></Tag>...} document, read and written. */
final class Tagging {
    private Tagging() {}

    static Map<String, String> parse(XmlElement root) {
        XmlElement set = root.child("TagSet");
        if (!root.name().equals("Tagging") || set == null) {
            throw S3Errors.malformedXml();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (XmlElement tag : set.children("Tag")) {
            String k = tag.childText("Key");
            String v = tag.childText("Value");
            if (k == null) {
                throw S3Errors.malformedXml();
            }
            if (tags.put(k, v == null ? "" : v) != null) {
                throw S3Errors.invalidTag("Cannot provide multiple Tags with the same key");
            }
        }
        return tags;
    }

    static byte[] render(Map<String, String> tags) {
        XmlWriter x = S3Xml.document("Tagging");
        x.start("TagSet");
        tags.forEach(
                (k, v) -> x.start("Tag").element("Key", k).element("Value", v).end());
        x.end();
        return x.toBytes();
    }
}
