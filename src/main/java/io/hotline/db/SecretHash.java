package io.hotline.db;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes secrets (console passwords, reset codes, demo PINs, and wallet PINs when no pepper is set: see
 * {@code io.hotline.wallet.PinHasher}) with PBKDF2WithHmacSHA256 and a random per-secret salt. The stored form carries its own parameters,
 * {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}, so the iteration count can be
 * raised later without breaking existing hashes. The demo data is hashed by this same code.
 *
 * <p>Thread-safe and stateless.
 */
public final class SecretHash {
    /** Iterations for new hashes: 20-80 ms of CPU per check. Too slow for a PIN on every call (PINs are
     * peppered HMACs instead), and a 4-digit PIN cannot be protected offline by any count anyway. */
    public static final int DEFAULT_ITERATIONS = 60_000;

    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretHash() {}

    /** A new salted hash of {@code secret} with {@link #DEFAULT_ITERATIONS}. */
    public static String hash(String secret) {
        return hash(secret, DEFAULT_ITERATIONS);
    }

    /** A new salted hash of {@code secret} with the given iteration count. */
    public static String hash(String secret, int iterations) {
        Objects.requireNonNull(secret, "secret");
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] h = pbkdf2(secret, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(h);
    }

    /** True when {@code secret} matches {@code stored}; false for a null or malformed stored hash. */
    public static boolean matches(String secret, String stored) {
        if (secret == null || stored == null) {
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return iterations > 0 && MessageDigest.isEqual(expected, pbkdf2(secret, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Lower-case hex SHA-256 of the UTF-8 text; for the audit chain, not for secrets. */
    public static String sha256Hex(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(d.length * 2);
            for (byte b : d) {
                sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return sb.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 missing from the JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
