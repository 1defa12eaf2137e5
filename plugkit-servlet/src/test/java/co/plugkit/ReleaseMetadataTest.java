package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What a team depending on PlugKit reads besides the code: the licence files, the parent POM's metadata
 * (which every module inherits), the BOM (which has no parent, so its version is kept in step by hand and
 * checked here) and the changelog entry of the version being built.
 */
class ReleaseMetadataTest {
    private static final Path ROOT = Path.of("..");
    private static final List<String> PUBLISHED =
            List.of("plugkit-servlet", "plugkit-servlet-javax", "plugkit-sandbox");

    @Test
    void licenceAndNoticeAreAtTheTopOfTheRepository() throws Exception {
        assertThat(Files.readString(ROOT.resolve("LICENSE")))
                .contains("Apache License")
                .contains("Version 2.0, January 2004")
                .contains("END OF TERMS AND CONDITIONS");
        assertThat(Files.readString(ROOT.resolve("NOTICE"))).contains("Apache License, Version 2.0");
    }

    @Test
    void theParentDeclaresWhatMavenCentralRequires() throws Exception {
        Element parent = pom(ROOT.resolve("pom.xml"));
        for (String field : List.of("name", "description", "url")) {
            assertThat(text(parent, field)).as(field).isNotBlank();
        }
        assertThat(text(child(parent, "licenses"), "license/name")).isEqualTo("Apache-2.0");
        assertThat(text(child(parent, "developers"), "developer/email")).contains("@");
        assertThat(text(child(parent, "scm"), "connection")).startsWith("scm:git:");
        assertThat(text(child(parent, "scm"), "url")).startsWith("https://");
    }

    @Test
    void theBomHasTheParentsVersionAndEveryPublishedArtifact() throws Exception {
        String version = text(pom(ROOT.resolve("pom.xml")), "version");
        Element bom = pom(ROOT.resolve("plugkit-bom/pom.xml"));
        assertThat(text(bom, "version")).isEqualTo(version);
        assertThat(child(bom, "parent"))
                .as("a BOM that inherits plugkit-parent would pin its third-party versions too")
                .isNull();
        List<String> managed = new ArrayList<>();
        NodeList dependencies =
                child(child(bom, "dependencyManagement"), "dependencies").getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            assertThat(text(dependency, "version")).isEqualTo(version);
            managed.add(text(dependency, "artifactId"));
        }
        assertThat(managed).containsExactlyInAnyOrderElementsOf(PUBLISHED);
    }

    @Test
    void theChangelogHasAnEntryForThisVersion() throws Exception {
        String version = text(pom(ROOT.resolve("pom.xml")), "version");
        assertThat(version).doesNotEndWith("-SNAPSHOT");
        assertThat(Files.readString(ROOT.resolve("CHANGELOG.md"))).contains("## " + version + " — ");
    }

    private static Element pom(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(file.toFile());
        return document.getDocumentElement();
    }

    /** The direct child element of that name, or null. */
    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    /** The text of a path of direct children such as {@code license/name}. */
    private static String text(Element parent, String path) {
        Element element = parent;
        for (String name : path.split("/")) {
            element = child(element, name);
            assertThat(element).as(path).isNotNull();
        }
        return element.getTextContent().strip();
    }
}
