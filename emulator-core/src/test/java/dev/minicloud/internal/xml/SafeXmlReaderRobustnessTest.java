package dev.minicloud.internal.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile XML against {@link SafeXmlReader}: entity and DTD tricks must neither expand, nor read
 * files, nor reach the network; random damage must only ever produce {@link MalformedXmlException}.
 */
class SafeXmlReaderRobustnessTest {
    private final SafeXmlReader reader = new SafeXmlReader();

    private XmlElement read(String xml) {
        return reader.read(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void externalDtdsAndEntitiesNeverReachTheNetwork() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] dtd = "<!ENTITY x \"FETCHED\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, dtd.length);
            exchange.getResponseBody().write(dtd);
            exchange.close();
        });
        http.start();
        try {
            String base = "http://127.0.0.1:" + http.getAddress().getPort();
            String[] attacks = {
                "<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"" + base + "/ext.dtd\"><r>&x;</r>",
                "<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"" + base + "/ext.dtd\"><r>plain</r>",
                "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"" + base + "/p.dtd\"> %p;]><r>&x;</r>",
                "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + base + "/x\">]><r>&x;</r>",
                "<?xml version=\"1.0\"?><r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"" + base
                        + "/i\"/></r>",
            };
            for (String xml : attacks) {
                try {
                    XmlElement e = read(xml);
                    // Only the XInclude element may parse, and then as an inert element.
                    assertFalse(allText(e).contains("FETCHED"));
                } catch (MalformedXmlException expected) {
                    assertFalse(String.valueOf(expected.getMessage()).contains("FETCHED"));
                }
            }
            assertEquals(0, hits.get(), "the parser fetched a URL");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void parameterEntityFileReadsAreRefused(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("passwd");
        Files.writeString(secret, "root:x:0:0");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % s SYSTEM \"" + secret.toUri() + "\">"
                + "<!ENTITY % w \"<!ENTITY out '%s;'>\"> %w;]><r>&out;</r>";
        MalformedXmlException e = assertThrows(MalformedXmlException.class, () -> read(xml));
        assertFalse(String.valueOf(e.getMessage()).contains("root:x"));
    }

    @Test
    void quadraticBlowupIsRefused() {
        String big = "a".repeat(50_000);
        String xml =
                "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"" + big + "\">]><r>" + "&a;".repeat(5_000) + "</r>";
        assertThrows(MalformedXmlException.class, () -> read(xml));
    }

    @Test
    void tooManyElementsAreRefused() {
        String xml = "<r>" + "<a/>".repeat(200_001) + "</r>";
        assertThrows(MalformedXmlException.class, () -> read(xml));
    }

    @Test
    void characterReferencesStillWork() {
        assertEquals("<&>\u00e9\n", read("<r>&lt;&amp;&gt;&#233;&#x0A;</r>").rawText());
    }

    @Test
    void randomlyDamagedDocumentsOnlyEverFailAsMalformed() {
        String valid =
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                        + "<Part><ETag>\"a54357aff0632cce46d942af68356b38\"</ETag><PartNumber>1</PartNumber></Part>"
                        + "<Part><ChecksumCRC32>MSpqpg==</ChecksumCRC32><PartNumber>2</PartNumber></Part><!-- c --><![CDATA[x]]>"
                        + "</CompleteMultipartUpload>";
        byte[] original = valid.getBytes(StandardCharsets.UTF_8);
        Random rnd = new Random(1123);
        int parsed = 0;
        for (int round = 0; round < 5_000; round++) {
            byte[] b = original.clone();
            for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                int at = rnd.nextInt(b.length);
                b[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : (byte) "<>&;/!?[]\"'=#%".charAt(rnd.nextInt(14));
            }
            if (rnd.nextInt(10) == 0) {
                b = Arrays.copyOf(b, rnd.nextInt(b.length));
            }
            try {
                reader.read(b);
                parsed++;
            } catch (MalformedXmlException expected) {
                // the only acceptable failure
            } catch (RuntimeException | StackOverflowError e) {
                fail("round " + round + ": " + e, e);
            }
        }
        assertTrue(parsed < 5_000, "damage was detected at least sometimes");
    }

    /** Every name, attribute and text of an element and its descendants (what an attack could have pulled in). */
    private static String allText(XmlElement e) {
        StringBuilder sb = new StringBuilder(e.name()).append(e.attributes()).append(e.rawText());
        for (XmlElement child : e.children()) {
            sb.append(allText(child));
        }
        return sb.toString();
    }
}
