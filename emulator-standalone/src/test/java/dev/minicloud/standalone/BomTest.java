package dev.minicloud.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM has no parent (so importing it pins nothing but MiniCloud), which means nothing in Maven
 * keeps it in step with the build: this does. Same version as the parent, one entry per module.
 */
class BomTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void theBomManagesEveryModuleAtTheParentsVersion() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("minicloud-bom/pom.xml"));
        assertEquals(child(parent.getDocumentElement(), "version"), child(bom.getDocumentElement(), "version"));

        // every <module>, a profile's included (minicloud-resolver builds only where its JDK is)
        Set<String> modules = new TreeSet<>(texts(parent.getDocumentElement(), "module"));
        modules.remove("minicloud-bom");
        Element managed = childElement(childElement(bom.getDocumentElement(), "dependencyManagement"), "dependencies");
        Set<String> listed = new TreeSet<>();
        NodeList deps = managed.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            assertEquals("dev.minicloud", child(d, "groupId"));
            assertEquals("${project.version}", child(d, "version"));
            listed.add(child(d, "artifactId"));
        }
        assertEquals(modules, listed);
    }

    private static Document read(Path pom) throws Exception {
        assertTrue(Files.isRegularFile(pom), pom + " exists");
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static Element childElement(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    }

    private static String child(Element parent, String name) {
        return childElement(parent, name).getTextContent().trim();
    }

    private static List<String> texts(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        return IntStream.range(0, nodes.getLength())
                .mapToObj(i -> nodes.item(i).getTextContent().trim())
                .toList();
    }
}
