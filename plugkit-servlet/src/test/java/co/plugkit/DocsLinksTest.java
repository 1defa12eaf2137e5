package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No link in the documentation (README.md and every Markdown file under docs/) points outside the
 * repository: a relative link must name a file or folder that exists inside it, and an absolute link may
 * only go to the public documentation of a vendor or library PlugKit uses (the allow-list below). A
 * path such as {@code ../shared/…} or {@code /work/…} is a file on one machine, never something a reader has.
 */
class DocsLinksTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Hosts of public vendor and library documentation that the docs may link to. */
    static final Set<String> ALLOWED_HOSTS = Set.of(
            "developers.facebook.com",
            "help.instagram.com",
            "www.instagram.com",
            "bucket4j.com",
            "github.com",
            "projects.eclipse.org",
            "datatracker.ietf.org",
            "www.rfc-editor.org",
            "jakarta.ee",
            "maven.apache.org",
            "tomcat.apache.org",
            "jetty.org",
            "www.postgresql.org",
            "mariadb.com",
            "www.h2database.com",
            "flywaydb.org",
            "www.apache.org",
            "openjdk.org",
            "adoptium.net",
            "docs.micrometer.io",
            "www.standardwebhooks.com");

    /** Inline links and images {@code [text](target)}, and reference definitions {@code [name]: target}. */
    private static final Pattern INLINE = Pattern.compile("\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

    private static final Pattern REFERENCE = Pattern.compile("(?m)^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");

    record Link(Path file, String target) {}

    static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    static List<Link> links(Path file) throws IOException {
        // code blocks and inline code hold examples, not links
        String text = Files.readString(file).replaceAll("(?s)```.*?```", "").replaceAll("`[^`\\n]*`", "");
        List<Link> links = new ArrayList<>();
        for (Pattern pattern : List.of(INLINE, REFERENCE)) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                links.add(new Link(file, m.group(1)));
            }
        }
        return links;
    }

    /** Why a link is not allowed, or null if it is. */
    static String problem(Link link) {
        String target = link.target();
        if (target.startsWith("#") || target.startsWith("mailto:")) {
            return null;
        }
        if (target.matches("(?i)^[a-z][a-z0-9+.-]*:.*")) {
            URI uri;
            try {
                uri = URI.create(target);
            } catch (IllegalArgumentException e) {
                return "not a valid URL";
            }
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
                return "scheme " + uri.getScheme() + " is not allowed";
            }
            return ALLOWED_HOSTS.contains(uri.getHost()) ? null : "host " + uri.getHost() + " is not on the allow-list";
        }
        if (target.startsWith("/")) {
            return "an absolute path is a file on one machine";
        }
        String path = target.replaceAll("[#?].*$", "");
        Path resolved = link.file().getParent().resolve(path).normalize();
        if (!resolved.startsWith(ROOT)) {
            return "points outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file in the repository";
        }
        return null;
    }

    @Test
    void everyLinkStaysInTheRepositoryOrGoesToVendorDocumentation() throws IOException {
        List<String> bad = new ArrayList<>();
        int checked = 0;
        for (Path doc : documents()) {
            for (Link link : links(doc)) {
                checked++;
                String problem = problem(link);
                if (problem != null) {
                    bad.add(ROOT.relativize(link.file()) + ": " + link.target() + " — " + problem);
                }
            }
        }
        assertThat(bad).as("links that leave the repository").isEmpty();
        assertThat(checked).as("links checked").isGreaterThan(20);
    }

    @Test
    void theCheckRefusesWhatItShould() {
        Path doc = ROOT.resolve("docs").resolve("api.md");
        assertThat(problem(new Link(doc, "../../shared/instagram-protocol.md"))).contains("outside");
        assertThat(problem(new Link(doc, "/work/shared/design.md"))).contains("absolute path");
        assertThat(problem(new Link(doc, "missing.md"))).contains("no such file");
        assertThat(problem(new Link(doc, "https://example.com/x"))).contains("allow-list");
        assertThat(problem(new Link(doc, "file:///etc/passwd"))).contains("scheme");
        assertThat(problem(new Link(doc, "configuration.md#rotating-the-encryption-key")))
                .isNull();
        assertThat(problem(new Link(doc, "https://developers.facebook.com/docs/instagram-platform/")))
                .isNull();
    }

    @Test
    void linksAreFoundInTextButNotInCode() throws IOException {
        Path file = Files.createTempFile(ROOT.resolve("plugkit-servlet").resolve("target"), "links", ".md");
        try {
            Files.writeString(
                    file,
                    "See [a](a.md) and [b](b.md \"title\").\n\n[ref]: ../shared/x.md\n\n"
                            + "`[not](code.md)`\n```\n[nor](block.md)\n```\n");
            assertThat(links(file))
                    .extracting(Link::target)
                    .containsExactlyInAnyOrder("a.md", "b.md", "../shared/x.md");
        } finally {
            Files.delete(file);
        }
    }
}
