package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a host may depend on is what it can see: every public type outside {@code co.plugkit.internal}
 * mentions no internal type in a public or protected signature (as a module-info's exports would
 * enforce), every package says its nullness rule, and no two packages depend on each other in a cycle.
 */
class PublicApiTest {
    private static final String INTERNAL = "co.plugkit.internal.";
    private static final Path CLASSES = classesFolder();
    private static final Path SOURCES = Path.of("src", "main", "java");

    @Test
    void noInternalTypeLeaksThroughThePublicApi() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : publicApiTypes()) {
            check(leaks, type, "extends", type.getGenericSuperclass());
            for (Type i : type.getGenericInterfaces()) {
                check(leaks, type, "implements", i);
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f.getModifiers())) {
                    check(leaks, type, "field " + f.getName(), f.getGenericType());
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (visible(c.getModifiers())) {
                    for (Type p : c.getGenericParameterTypes()) {
                        check(leaks, type, "constructor", p);
                    }
                }
            }
            for (Method m : type.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic()) {
                    check(leaks, type, m.getName() + "()", m.getGenericReturnType());
                    for (Type p : m.getGenericParameterTypes()) {
                        check(leaks, type, m.getName() + "(…)", p);
                    }
                }
            }
        }
        assertThat(leaks).as("internal types in public signatures").isEmpty();
    }

    @Test
    void everyPackageIsNullMarked() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String pkg : packages()) {
            Path info = SOURCES.resolve(pkg.replace('.', '/')).resolve("package-info.java");
            if (!Files.exists(info) || !Files.readString(info).contains("@NullMarked")) {
                missing.add(pkg);
            }
        }
        assertThat(missing).as("packages without a @NullMarked package-info").isEmpty();
    }

    @Test
    void noPackageCycle() throws IOException {
        Map<String, Set<String>> uses = new HashMap<>();
        Pattern reference = Pattern.compile("\\b(co\\.plugkit(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                // comments name types for readers (a Javadoc link is no dependency of the code)
                String code =
                        Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
                Matcher m = reference.matcher(code);
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        uses.computeIfAbsent(pkg, k -> new TreeSet<>()).add(m.group(1));
                    }
                }
            }
        }
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            Set<String> reachable = reach(uses, start);
            if (reachable.contains(start)) {
                List<String> back = uses.get(start).stream()
                        .filter(next -> reach(uses, next).contains(start) || next.equals(start))
                        .toList();
                cycles.add(start + " -> " + back + " -> … -> " + start);
            }
        }
        assertThat(cycles).as("package cycles").isEmpty();
    }

    private static Set<String> reach(Map<String, Set<String>> uses, String start) {
        Set<String> seen = new TreeSet<>();
        List<String> todo = new ArrayList<>(uses.getOrDefault(start, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (seen.add(next)) {
                todo.addAll(uses.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }

    private static void check(List<String> leaks, Class<?> owner, String where, Type type) {
        if (type != null && type.getTypeName().contains(INTERNAL)) {
            leaks.add(owner.getName() + " " + where + ": " + type.getTypeName());
        }
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static List<Class<?>> publicApiTypes() throws Exception {
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name =
                        CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.startsWith(INTERNAL) || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, PublicApiTest.class.getClassLoader());
                if (isVisibleFromOutside(type)) {
                    types.add(type);
                }
            }
        }
        assertThat(types).as("public API types found").hasSizeGreaterThan(20);
        return types;
    }

    private static boolean isVisibleFromOutside(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> packages() throws IOException {
        Set<String> packages = new HashSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .forEach(p -> packages.add(
                            SOURCES.relativize(p.getParent()).toString().replace('/', '.')));
        }
        return packages;
    }

    private static Path classesFolder() {
        try {
            return Path.of(PlugKit.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
