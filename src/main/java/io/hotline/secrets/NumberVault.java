package io.hotline.secrets;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
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
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
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
            return new NumberVault(decode("HOTLINE_NUMBER_KEY_FILE", read(Path.of(file), "HOTLINE_NUMBER_KEY_FILE")));
        }
        if (dataDir != null) {
            Path made = dataDir.resolve(FILE_NAME);
            return new NumberVault(decode(made.toString(), inDataDir(made)));
        }
        log.warn("no HOTLINE_NUMBER_KEY: full caller numbers are not kept (no reveal, callbacks only to the "
                + "number the call came from is not possible either); set the same key on every node");
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
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(number.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The number {@code sealed} holds, or empty when it was sealed for another purpose, with another key, was
     * altered, or this vault has no key.
     */
    public Optional<String> open(String purpose, String sealed) {
        if (key == null || sealed == null || !sealed.startsWith(VERSION)) {
            return Optional.empty();
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
            if (in.length <= IV_BYTES) {
                return Optional.empty();
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            c.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return Optional.of(new String(c.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public String toString() {
        return key == null ? "NumberVault[no key]" : "NumberVault[key set]";
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

    private static String read(Path file, String source) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Reads the data directory's key, making it first if there is none (two processes racing agree). */
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
                byte[] k = new byte[KEY_BYTES];
                RANDOM.nextBytes(k);
                Files.writeString(tmp, Base64.getEncoder().encodeToString(k) + "\n", StandardCharsets.UTF_8);
                Files.createLink(file, tmp); // fails if another process made it first: then theirs is read
                log.info("made a number key in {} (keep it with the database; sealed numbers need it)", file);
            } catch (FileAlreadyExistsException e) {
                // another process on the same data directory was first
            } finally {
                Files.deleteIfExists(tmp);
            }
            return read(file, "HOTLINE_DATA_DIR");
        } catch (IOException e) {
            throw new ConfigException("HOTLINE_DATA_DIR: cannot make the number key " + file + ": " + e.getMessage());
        }
    }
}
