package dev.minicloud.internal.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeXmlReaderTest {
    private final SafeXmlReader reader = new SafeXmlReader();

    private XmlElement read(String xml) {
        return reader.read(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsElementsInOrderIgnoringNamespaces() {
        XmlElement root = read("<?xml version=\"1.0\"?><Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Object><Key> a b </Key></Object><Object><Key>c&amp;d</Key></Object><Quiet>true</Quiet></Delete>");
        assertEquals("Delete", root.name());
        assertEquals(2, root.children("Object").size());
        assertEquals(" a b ", root.children("Object").get(0).childText("Key"), "raw text keeps spaces");
        assertEquals("c&d", root.children("Object").get(1).childText("Key"));
        assertEquals("true", root.child("Quiet").text());
        assertNull(root.child("Missing"));
    }

    @Test
    void rejectsExternalEntities(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><r>&x;</r>";
        MalformedXmlException e = assertThrows(MalformedXmlException.class, () -> read(xxe));
        assertFalse(String.valueOf(e.getMessage()).contains("TOP-SECRET"));
    }

    @Test
    void rejectsEntityExpansionBombs() {
        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            bomb.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                bomb.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            bomb.append("\">");
        }
        bomb.append("]><lolz>&lol9;</lolz>");
        assertThrows(MalformedXmlException.class, () -> read(bomb.toString()));
    }

    @Test
    void rejectsMalformedAndEmptyDocuments() {
        assertThrows(MalformedXmlException.class, () -> read("<a><b></a>"));
        assertThrows(MalformedXmlException.class, () -> read(""));
        assertThrows(MalformedXmlException.class, () -> read("not xml at all"));
    }

    @Test
    void rejectsAbsurdNesting() {
        String deep = "<a>".repeat(1000) + "</a>".repeat(1000);
        assertThrows(MalformedXmlException.class, () -> read(deep));
    }
}
