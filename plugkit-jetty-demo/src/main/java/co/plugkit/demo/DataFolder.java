package co.plugkit.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's data folder ({@code ./plugkit-data/} by default): the embedded H2 database and, when
 * {@code PLUGKIT_ENCRYPTION_KEY} is not set, the generated token encryption key. Both are secrets at rest,
 * so the folder and the key file are created readable by their owner only (where the file system has
 * POSIX permissions).
 */
final class DataFolder {
    private static final Logger LOG = LoggerFactory.getLogger(DataFolder.class);

    /** The file that keeps the generated key; its content is the base64 of 32 random bytes. */
    static final String KEY_FILE = "encryption-key";

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;

    DataFolder(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path path() {
        return dir;
    }

    /** The JDBC URL of the embedded H2 database in this folder (creating the folder). */
    String h2Url() {
        ensureExists();
        // PlugKit closes the pool on stop; H2's own shutdown hook would race with ours, so it is off.
        return "jdbc:h2:file:" + dir.resolve("plugkit") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * The token encryption key kept in this folder: generated and written once, then read on every later
     * start. Losing or changing it makes the stored tokens unreadable, so an existing file is never
     * overwritten.
     */
    String encryptionKey() {
        ensureExists();
        Path file = dir.resolve(KEY_FILE);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            return create(file);
        } catch (IOException e) {
            throw new DemoStartException(
                    "Could not read or write the encryption key file " + file + " (" + e.getMessage()
                            + "); set PLUGKIT_ENCRYPTION_KEY instead",
                    e);
        }
    }

    private String create(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key);
        try {
            // CREATE_NEW with the permissions set at creation: the key is never readable by others, not
            // even for a moment, and a file that appeared meanwhile is not overwritten.
            Files.createFile(file, ownerOnly(OWNER_FILE));
        } catch (FileAlreadyExistsException e) {
            return read(file);
        }
        Files.writeString(file, encoded + "\n", StandardCharsets.US_ASCII);
        LOG.info("Generated a token encryption key in {} (keep it: tokens stored with it need it)", file);
        return encoded;
    }

    private static String read(Path file) throws IOException {
        if (isPosix(file) && !OWNER_FILE.containsAll(Files.getPosixFilePermissions(file))) {
            LOG.warn("{} is readable by others than its owner; run: chmod 600 {}", file, file);
        }
        // PlugKitConfig validates the content (base64 of 32 bytes) and names the setting if it is wrong.
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }

    private void ensureExists() {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, ownerOnly(OWNER_DIR));
        } catch (IOException e) {
            throw new DemoStartException("Could not create the data folder " + dir + " (" + e.getMessage() + ")", e);
        }
    }

    private FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
        return isPosix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
