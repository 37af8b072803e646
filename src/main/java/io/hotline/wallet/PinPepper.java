package io.hotline.wallet;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import io.hotline.db.DbConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the PIN pepper ({@link PinHasher}) comes from, in this order:
 * <ol>
 *   <li>{@code HOTLINE_PIN_PEPPER}: the pepper itself, at least 32 characters (secret, masked in logs);</li>
 *   <li>{@code HOTLINE_PIN_PEPPER_FILE}: a file holding it (a container secret, say);</li>
 *   <li>with the embedded database: {@code <HOTLINE_DATA_DIR>/pin-pepper}, made with 32 random bytes
 *       (readable by its owner only) the first time and kept beside the database it belongs to;</li>
 *   <li>with an external database and neither key: no pepper. New PINs are then hashed with PBKDF2
 *       (slow: tens of milliseconds of CPU per check) and a warning says so. A pepper made up per
 *       node would break every other node sharing the database, so none is invented.</li>
 * </ol>
 * Every node using one database needs the same pepper; a PIN hashed with a pepper a node does not have
 * cannot be checked there ({@link PinHasher.WrongPepperException}), and is not counted as wrong.
 */
public final class PinPepper {
    private static final Logger log = LoggerFactory.getLogger(PinPepper.class);
    /** The file the embedded set-up keeps its pepper in, inside the data directory. */
    public static final String FILE_NAME = "pin-pepper";

    private PinPepper() {}

    /** The PIN hasher these settings ask for. */
    public static PinHasher hasher(Settings settings, DbConfig db) {
        String inline = settings.secret("HOTLINE_PIN_PEPPER", null);
        String file = settings.string("HOTLINE_PIN_PEPPER_FILE", null);
        if (inline != null && file != null) {
            throw new ConfigException("HOTLINE_PIN_PEPPER_FILE: set either it or HOTLINE_PIN_PEPPER, not both");
        }
        if (inline != null) {
            return PinHasher.peppered(checked("HOTLINE_PIN_PEPPER", inline));
        }
        if (file != null) {
            return PinHasher.peppered(
                    checked("HOTLINE_PIN_PEPPER_FILE", read(Path.of(file), "HOTLINE_PIN_PEPPER_FILE")));
        }
        if (db.url() == null) {
            return PinHasher.peppered(checked(
                    db.dataDir().resolve(FILE_NAME).toString(),
                    inDataDir(db.dataDir().resolve(FILE_NAME))));
        }
        log.warn("no HOTLINE_PIN_PEPPER: PINs are hashed with PBKDF2, about 20-80 ms of CPU per PIN check; "
                + "set the same HOTLINE_PIN_PEPPER (32+ random characters) on every node for fast checks");
        return PinHasher.unpeppered();
    }

    private static byte[] checked(String key, String pepper) {
        byte[] bytes = pepper.strip().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < PinHasher.MIN_PEPPER_BYTES) {
            throw new ConfigException(key + ": the PIN pepper must be at least " + PinHasher.MIN_PEPPER_BYTES
                    + " characters (e.g. openssl rand -base64 32), got " + bytes.length);
        }
        return bytes;
    }

    private static String read(Path file, String key) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(key + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Reads the data directory's pepper, making it first if there is none (two processes racing agree). */
    private static String inDataDir(Path file) {
        if (Files.isRegularFile(file)) {
            return read(file, "HOTLINE_DATA_DIR");
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), FILE_NAME, ".new");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the directory's own protection applies
                }
                Files.writeString(tmp, PinHasher.randomPepper() + "\n", StandardCharsets.UTF_8);
                Files.createLink(file, tmp); // fails if another process made it first: then theirs is read
                log.info(
                        "made a PIN pepper in {} (keep it with the database; PINs cannot be checked without it)", file);
            } catch (FileAlreadyExistsException e) {
                // another process on the same data directory was first
            } finally {
                Files.deleteIfExists(tmp);
            }
            return read(file, "HOTLINE_DATA_DIR");
        } catch (IOException e) {
            throw new ConfigException("HOTLINE_DATA_DIR: cannot make the PIN pepper " + file + ": " + e.getMessage());
        }
    }
}
