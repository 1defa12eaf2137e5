package co.plugkit.javax;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.javax.ClassFileRefs.MemberRef;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The jar the Eclipse Transformer made from plugkit-servlet's (this module's artifact), read entry by
 * entry: it names no Jakarta Servlet type anywhere (class files' constant pools, resources, service
 * files), registers its initializer for javax.servlet, runs on Java 17, and everything it calls in
 * javax.servlet and SLF4J exists in the Servlet 4.0.1 API and in SLF4J 1.7. The Jakarta jar, read the
 * same way, names no javax.servlet type.
 */
class TransformedJarIT {
    private static final String INITIALIZER = "co.plugkit.container.PlugKitInitializer";

    private final Path javaxJar = Path.of(System.getProperty("plugkit.javax.jar"));

    @Test
    void theJavaxJarNamesNoJakartaServletType() throws IOException {
        Map<String, String> text = entriesAsText(javaxJar);
        assertThat(text).isNotEmpty().containsKey("co/plugkit/container/PlugKitInitializer.class");
        // The module's own POM, which the transformer adds, names Jakarta in its build configuration.
        text.keySet().removeIf(name -> name.startsWith("META-INF/maven/"));
        assertThat(namesContaining(text, "jakarta")).isEmpty();
        assertThat(namesContaining(text, "javax/servlet")).isNotEmpty();
    }

    @Test
    void theJakartaJarNamesNoJavaxServletType() throws IOException {
        Path jakartaJar = jakartaJar();
        assertThat(jakartaJar.getFileName().toString()).startsWith("plugkit-servlet-");
        Map<String, String> text = entriesAsText(jakartaJar);
        assertThat(namesContaining(text, "javax/servlet")).isEmpty();
        assertThat(namesContaining(text, "javax.servlet")).isEmpty();
        assertThat(namesContaining(text, "jakarta/servlet")).isNotEmpty();
    }

    /**
     * The javax POM repeats plugkit-servlet's runtime dependencies by hand (it cannot inherit them: the
     * Jakarta servlet API and the test tools must stay out); every one must be there, or a class the
     * transformed jar uses is missing from a host's WAR at run time.
     */
    @Test
    void theJavaxPomDeclaresEveryRuntimeDependencyOfTheJakartaOne() throws IOException {
        Set<String> jakarta = runtimeDependencies(Path.of("..", "plugkit-servlet", "pom.xml"));
        Set<String> javax = runtimeDependencies(Path.of("pom.xml"));
        jakarta.remove("jakarta.servlet-api");
        assertThat(jakarta).isNotEmpty();
        assertThat(javax).containsAll(jakarta);
    }

    /** The artifactIds of a POM's own dependencies that a host's WAR gets (not test, not provided). */
    private static Set<String> runtimeDependencies(Path pom) throws IOException {
        String text = java.nio.file.Files.readString(pom);
        String dependencies = text.substring(text.indexOf("<dependencies>"), text.indexOf("</dependencies>"));
        Set<String> ids = new TreeSet<>();
        for (String dependency : dependencies.split("<dependency>")) {
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("<artifactId>([^<]+)</artifactId>")
                    .matcher(dependency);
            if (id.find()
                    && !dependency.contains("<scope>test</scope>")
                    && !dependency.contains("<scope>provided</scope>")) {
                ids.add(id.group(1));
            }
        }
        return ids;
    }

    @Test
    void theInitializerIsRegisteredForJavaxServletOnly() throws IOException {
        try (JarFile jar = new JarFile(javaxJar.toFile())) {
            assertThat(jar.getEntry("META-INF/services/jakarta.servlet.ServletContainerInitializer"))
                    .isNull();
            var entry = jar.getEntry("META-INF/services/javax.servlet.ServletContainerInitializer");
            assertThat(entry).isNotNull();
            assertThat(new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .map(String::strip)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#")))
                    .containsExactly(INITIALIZER);
            // Flyway finds the migrations by path: they must have kept theirs.
            assertThat(jar.getEntry("co/plugkit/db/migration/standard/V1__initial_schema.sql"))
                    .isNotNull();
        }
    }

    @Test
    void theClassFilesTargetJava17() throws IOException {
        try (JarFile jar = new JarFile(javaxJar.toFile())) {
            Set<Integer> majors = jar.stream()
                    .filter(e -> e.getName().endsWith(".class"))
                    .map(e -> {
                        try {
                            byte[] bytes = jar.getInputStream(e).readAllBytes();
                            return ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
                        } catch (IOException x) {
                            throw new java.io.UncheckedIOException(x);
                        }
                    })
                    .collect(Collectors.toSet());
            assertThat(majors).containsExactly(61);
        }
    }

    /** A Servlet 4.0 container (Tomcat 9, Jetty 10) has everything PlugKit calls in javax.servlet. */
    @Test
    void everyServletMemberItUsesIsInServlet4() throws Exception {
        List<MemberRef> used = references(javaxJar, "javax/servlet/");
        assertThat(used).isNotEmpty();
        assertThat(missingFrom(Path.of(System.getProperty("plugkit.javax.servletApi")), used))
                .isEmpty();
    }

    /** A legacy webapp's slf4j-api 1.7 (the one that wins in its WEB-INF/lib) has everything PlugKit calls. */
    @Test
    void everySlf4jMemberItUsesIsInSlf4j17() throws Exception {
        List<MemberRef> used = references(javaxJar, "org/slf4j/");
        assertThat(used).isNotEmpty();
        assertThat(missingFrom(Path.of(System.getProperty("plugkit.javax.slf4j17")), used))
                .isEmpty();
    }

    /** plugkit-servlet's jar, on the test class path after this module's own (the transformed) jar. */
    private Path jakartaJar() throws IOException {
        List<Path> jars = new ArrayList<>();
        for (URL url : Collections.list(
                TransformedJarIT.class.getClassLoader().getResources(INITIALIZER.replace('.', '/') + ".class"))) {
            assertThat(url.getProtocol()).as("PlugKit as a jar: %s", url).isEqualTo("jar");
            String path = url.getPath();
            jars.add(Path.of(URI.create(path.substring(0, path.indexOf("!/")))));
        }
        jars.removeIf(jar -> jar.toAbsolutePath().equals(javaxJar.toAbsolutePath()));
        assertThat(jars).hasSize(1);
        return jars.get(0);
    }

    /**
     * Every entry of {@code jar} as text: a class file as its constant pool's UTF-8 strings (class names,
     * descriptors, signatures, string constants) one a line, any other file as itself. Entry names included.
     */
    private static Map<String, String> entriesAsText(Path jar) throws IOException {
        Map<String, String> text = new LinkedHashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (var entry : file.stream().filter(e -> !e.isDirectory()).toList()) {
                byte[] bytes = file.getInputStream(entry).readAllBytes();
                text.put(
                        entry.getName(),
                        entry.getName().endsWith(".class")
                                ? String.join("\n", ClassFileRefs.read(bytes).utf8())
                                : new String(bytes, StandardCharsets.ISO_8859_1));
            }
        }
        return text;
    }

    /** The entries whose name or text contains {@code needle}, with the offending lines. */
    private static Map<String, List<String>> namesContaining(Map<String, String> text, String needle) {
        Map<String, List<String>> hits = new LinkedHashMap<>();
        text.forEach((name, content) -> {
            List<String> lines = new ArrayList<>(
                    content.lines().filter(l -> l.contains(needle)).toList());
            if (name.contains(needle)) {
                lines.add("(entry name)");
            }
            if (!lines.isEmpty()) {
                hits.put(name, lines);
            }
        });
        return hits;
    }

    private static List<MemberRef> references(Path jar, String ownerPrefix) throws IOException {
        List<MemberRef> refs = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (var entry :
                    file.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                ClassFileRefs.read(file.getInputStream(entry).readAllBytes()).members().stream()
                        .filter(m -> m.owner().startsWith(ownerPrefix))
                        .forEach(refs::add);
            }
        }
        return refs.stream().distinct().toList();
    }

    /** The references that the classes in {@code api} (with their supertypes) do not declare. */
    private static Set<String> missingFrom(Path api, List<MemberRef> used) throws Exception {
        Set<String> missing = new TreeSet<>();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {api.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (MemberRef ref : used) {
                Class<?> owner;
                try {
                    owner = Class.forName(ref.owner().replace('/', '.'), false, loader);
                } catch (ClassNotFoundException e) {
                    missing.add(ref + " (no class)");
                    continue;
                }
                if (!declares(owner, ref)) {
                    missing.add(ref.toString());
                }
            }
        }
        return missing;
    }

    private static boolean declares(Class<?> owner, MemberRef ref) {
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(owner));
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (ref.method()) {
                for (Method m : type.getDeclaredMethods()) {
                    if (m.getName().equals(ref.name()) && descriptor(m).equals(ref.descriptor())) {
                        return true;
                    }
                }
                if (ref.name().equals("<init>")) {
                    for (var c : type.getDeclaredConstructors()) {
                        if (descriptor(c.getParameterTypes(), void.class).equals(ref.descriptor())) {
                            return true;
                        }
                    }
                }
            } else {
                for (Field f : type.getDeclaredFields()) {
                    if (f.getName().equals(ref.name())
                            && typeDescriptor(f.getType()).equals(ref.descriptor())) {
                        return true;
                    }
                }
            }
            if (type.getSuperclass() != null) {
                todo.push(type.getSuperclass());
            }
            todo.addAll(List.of(type.getInterfaces()));
        }
        return ref.method() && ref.owner().startsWith("java/") || declaredByObject(ref);
    }

    private static boolean declaredByObject(MemberRef ref) {
        for (Method m : Object.class.getDeclaredMethods()) {
            if (m.getName().equals(ref.name()) && descriptor(m).equals(ref.descriptor())) {
                return true;
            }
        }
        return false;
    }

    private static String descriptor(Method m) {
        return descriptor(m.getParameterTypes(), m.getReturnType());
    }

    private static String descriptor(Class<?>[] parameters, Class<?> result) {
        StringBuilder d = new StringBuilder("(");
        for (Class<?> p : parameters) {
            d.append(typeDescriptor(p));
        }
        return d.append(')').append(typeDescriptor(result)).toString();
    }

    private static String typeDescriptor(Class<?> type) {
        return type.describeConstable().orElseThrow().descriptorString();
    }
}
