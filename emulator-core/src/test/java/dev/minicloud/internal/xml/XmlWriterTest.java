package dev.minicloud.internal.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class XmlWriterTest {

    @Test
    void writesPrologNamespaceAndEscapedText() {
        String xml = XmlWriter.document("R", "http://s3.amazonaws.com/doc/2006-03-01/")
                .element("Key", "a<b>&\"c'")
                .start("Owner")
                .element("ID", "1")
                .end()
                .element("Size", 42)
                .toXml();
        assertEquals(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><R xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                        + "<Key>a&lt;b&gt;&amp;\"c'</Key><Owner><ID>1</ID></Owner><Size>42</Size></R>",
                xml);
    }

    @Test
    void lineBreaksAndTabsSurviveARoundTripThroughTheSafeReader() {
        String key = "line1\nline2\r\ttab";
        byte[] xml = XmlWriter.document("R", null).element("Key", key).toBytes();
        assertEquals(true, new String(xml, StandardCharsets.UTF_8).contains("line1&#xA;line2&#xD;&#x9;tab"));
        assertEquals(key, new SafeXmlReader().read(xml).childText("Key"));
    }

    @Test
    void timestampsAlwaysCarryMilliseconds() {
        assertEquals("2026-11-23T13:21:14.000Z", XmlWriter.formatTimestamp(Instant.parse("2026-11-23T13:21:14Z")));
        assertEquals(
                "2026-11-23T13:21:14.120Z", XmlWriter.formatTimestamp(Instant.parse("2026-11-23T13:21:14.120456Z")));
    }

    @Test
    void absentOptionalValuesWriteNothing() {
        assertEquals(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><R></R>",
                XmlWriter.document("R", null).element("Missing", (String) null).toXml());
    }
}
