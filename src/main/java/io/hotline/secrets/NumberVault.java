package io.hotline.secrets;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals full phone numbers (AES-256-GCM) so the database only ever holds ciphertext; the key lives outside
 * it. Each sealed value is bound to its purpose (e.g. {@code "caller"}, {@code "callback"}): a value sealed
 * for one cannot be opened as another, so a caller's number cannot be copied into a callback row by
 * someone with only database access. The key, in this order:
 * <ol>
 *   <li>{@code HOTLINE_NUMBER_KEY}: 32 bytes, base64 (secret, masked in logs);</li>
 *   <li>{@code HOTLINE_NUMBER_KEY_FILE}: a file holding that base64 text (a container secret, say);</li>
 *   <li>with the embedded database: {@code <HOTLINE_DATA_DIR>/number-key}, made the first time (owner
 *       readable only) and kept beside the database;</li>
 *   <li>with an external database and neither: no key. Full numbers are then not kept at all
 *       ({@link #enabled()} is false): reveal and callback to a typed number say so instead. A key made up per
 *       node would make the other nodes' numbers unreadable, so none is invented.</li>
 * </ol>
 */
public final class NumberVault {
    private static final Logger log = LoggerFactory.getLogger(NumberVault.class);
    /** The file the embedded set-up keeps its key in, inside the data directory. */
    public static final String FILE_NAME = "number-key";

    private static final String VERSION = "v1:";
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private NumberVault(byte[] key) {
        this.key = key == null ? null : new SecretKeySpec(key, "AES");
    }

    /**
     * The vault these settings ask for.
     *
     * @param dataDir the embedded database's data directory, or {@code null} with an external database
     */
    public static NumberVault from(Settings settings, Path dataDir) {
        String inline = settings.secret("HOTLINE_NUMBER_KEY", null);
        String file = settings.string("HOTLINE_NUMBER_KEY_FILE", null);
        if (inline != null && file != null) {
            throw new ConfigException("HOTLINE_NUMBER_KEY_FILE: set either it or HOTLINE_NUMBER_KEY, not both");
        }
        if (inline != null) {
            return new NumberVault(decode("HOTLINE_NUMBER_KEY", inline));
        }
        if (file != null) {
            return new NumberVault(
                    decode("HOTLINE_NUMBER_KEY_FILE", DataDirSecret.read(Path.of(file), "HOTLINE_NUMBER_KEY_FILE")));
        }
        if (dataDir != null) {
            Path made = dataDir.resolve(FILE_NAME);
            return new NumberVault(
                    decode(made.toString(), DataDirSecret.readOrMake(made, NumberVault::newKey, "number key")));
        }
        log.warn("no HOTLINE_NUMBER_KEY: full phone numbers are not kept, so agents cannot reveal a caller's number "
                + "and callers cannot be called back; set the same key on every node");
        return disabled();
    }

    /** A vault with a fresh random key, for tests and one-off tools. */
    public static NumberVault random() {
        byte[] k = new byte[KEY_BYTES];
        RANDOM.nextBytes(k);
        return new NumberVault(k);
    }

    /** A vault with no key: {@link #seal} refuses. */
    public static NumberVault disabled() {
        return new NumberVault(null);
    }

    /** Whether full numbers can be kept. */
    public boolean enabled() {
        return key != null;
    }

    /** The number sealed for {@code purpose}: {@code v1:} and base64 of IV and ciphertext with its tag. */
    public String seal(String purpose, String number) {
        if (key == null) {
            throw new IllegalStateException("no HOTLINE_NUMBER_KEY: full numbers are not kept");
        }
        byte[] sealed =
                Aead.seal(key, purpose.getBytes(StandardCharsets.UTF_8), number.getBytes(StandardCharsets.UTF_8));
        return VERSION + Base64.getEncoder().encodeToString(sealed);
    }

    /**
     * The number {@code sealed} holds, or empty when it was sealed for another purpose, with another key, was
     * altered, or this vault has no key.
     */
    public Optional<String> open(String purpose, String sealed) {
        if (key == null || sealed == null || !sealed.startsWith(VERSION)) {
            return Optional.empty();
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Aead.open(key, purpose.getBytes(StandardCharsets.UTF_8), in)
                .map(b -> new String(b, StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return key == null ? "NumberVault[no key]" : "NumberVault[key set]";
    }

    private static String newKey() {
        byte[] k = new byte[KEY_BYTES];
        RANDOM.nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    private static byte[] decode(String source, String text) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": the number key must be base64 (e.g. openssl rand -base64 32)");
        }
        if (k.length != KEY_BYTES) {
            throw new ConfigException(source + ": the number key must be " + KEY_BYTES
                    + " bytes in base64 (e.g. openssl rand -base64 32), got " + k.length);
        }
        return k;
    }
}
