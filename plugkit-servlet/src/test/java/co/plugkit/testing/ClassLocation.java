package co.plugkit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Where a class was loaded from — a module's {@code target/classes} during {@code mvn test}, its built jar
 * from {@code mvn package} on — and the entries found there, to check what a module ships.
 *
 * @param path the folder or jar holding the class
 */
public record ClassLocation(Path path) {

    public static ClassLocation of(Class<?> type) {
        try {
            return new ClassLocation(Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no file location for " + type, e);
        }
    }

    public boolean isJar() {
        return Files.isRegularFile(path);
    }

    /** Every file entry, as a jar names it ({@code co/plugkit/PlugKit.class}). */
    public List<String> entries() {
        try {
            if (isJar()) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    return jar.stream()
                            .filter(e -> !e.isDirectory())
                            .map(e -> e.getName())
                            .toList();
                }
            }
            try (Stream<Path> files = Files.walk(path)) {
                return files.filter(Files::isRegularFile)
                        .map(f -> path.relativize(f).toString().replace('\\', '/'))
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
