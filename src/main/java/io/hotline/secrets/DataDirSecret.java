package io.hotline.secrets;

import io.hotline.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret the embedded set-up keeps in a file of its data directory beside the database it belongs to (the PIN
 * pepper, the number key): made once, readable by its owner only; two processes starting on the same directory
 * at once agree on one.
 */
public final class DataDirSecret {
    private static final Logger log = LoggerFactory.getLogger(DataDirSecret.class);

    private DataDirSecret() {}

    /**
     * The file's text, writing {@code make}'s first if there is no file.
     *
     * @param what names the secret in the log and in errors, e.g. "PIN pepper"
     */
    public static String readOrMake(Path file, Supplier<String> make, String what) {
        if (Files.isRegularFile(file)) {
            return read(file, "HOTLINE_DATA_DIR");
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "secret", ".new");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the directory's own protection applies
                }
                Files.writeString(tmp, make.get() + "\n", StandardCharsets.UTF_8);
                Files.createLink(file, tmp); // fails if another process made it first: then theirs is read
                log.info("made a {} in {} (keep it with the database: what it protects needs it)", what, file);
            } catch (FileAlreadyExistsException e) {
                // another process on the same data directory was first
            } finally {
                Files.deleteIfExists(tmp);
            }
            return read(file, "HOTLINE_DATA_DIR");
        } catch (IOException e) {
            throw new ConfigException("HOTLINE_DATA_DIR: cannot make the " + what + " " + file + ": " + e.getMessage());
        }
    }

    /** The file's text; a {@link ConfigException} naming {@code setting} when it cannot be read. */
    public static String read(Path file, String setting) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(setting + ": cannot read " + file + ": " + e.getMessage());
        }
    }
}
