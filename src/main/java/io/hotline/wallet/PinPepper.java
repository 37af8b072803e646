package io.hotline.wallet;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import io.hotline.db.DbConfig;
import io.hotline.secrets.DataDirSecret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
                    checked("HOTLINE_PIN_PEPPER_FILE", DataDirSecret.read(Path.of(file), "HOTLINE_PIN_PEPPER_FILE")));
        }
        if (db.url() == null) {
            return PinHasher.peppered(checked(
                    db.dataDir().resolve(FILE_NAME).toString(),
                    DataDirSecret.readOrMake(db.dataDir().resolve(FILE_NAME), PinHasher::randomPepper, "PIN pepper")));
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
}
