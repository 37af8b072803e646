package io.hotline.wallet;

import io.hotline.db.SecretHash;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes and checks wallet PINs.
 *
 * <p>With a <b>pepper</b> (a server secret kept outside the database, {@code HOTLINE_PIN_PEPPER}) a PIN is
 * stored as {@code hmac-sha256$<key id>$<salt>$<mac>}: HMAC-SHA256 keyed by the pepper over a random
 * per-PIN salt and the PIN. A check costs microseconds. A 4–6 digit PIN has at most a million values, so no
 * iteration count protects it against someone holding the hash: what protects it is that a copy of the
 * database alone is useless without the pepper, and that online guessing is cut off after
 * {@link Wallet#PIN_ATTEMPTS} tries. The key id (derived from the pepper, not revealing it) tells a check
 * made with the wrong pepper apart from a wrong PIN: such a check {@linkplain WrongPepperException fails}
 * instead of counting against the caller.
 *
 * <p>Without a pepper new PINs are hashed with {@link SecretHash} (PBKDF2, tens of milliseconds of CPU per
 * check). Either way every stored form stays checkable, and {@link Check#rehash()} says when a PIN that
 * was just typed correctly should be stored again in the current form: that is how PBKDF2 hashes from
 * before the pepper move over, one successful check at a time.
 *
 * <p>Thread-safe.
 */
public final class PinHasher {
    private static final String PREFIX = "hmac-sha256";
    private static final int SALT_BYTES = 16;
    /** Shortest pepper accepted, in bytes. */
    public static final int MIN_PEPPER_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyId;
    /** Keyed once and only ever cloned, never used itself: keying a new Mac per PIN costs more than the MAC. */
    private final Mac keyed;

    private PinHasher(byte[] pepper) {
        this.key = pepper == null ? null : new SecretKeySpec(pepper, "HmacSHA256");
        this.keyId = pepper == null ? null : keyId(pepper);
        this.keyed = key == null ? null : keyedMac(key);
    }

    /** HMAC-SHA256 with {@code pepper} (at least {@value #MIN_PEPPER_BYTES} bytes). */
    public static PinHasher peppered(byte[] pepper) {
        Objects.requireNonNull(pepper, "pepper");
        if (pepper.length < MIN_PEPPER_BYTES) {
            throw new IllegalArgumentException("a pepper needs at least " + MIN_PEPPER_BYTES + " bytes");
        }
        return new PinHasher(pepper.clone());
    }

    /** No pepper: new hashes are PBKDF2 ({@link SecretHash}); peppered hashes cannot be checked. */
    public static PinHasher unpeppered() {
        return new PinHasher(null);
    }

    /** A fresh random pepper, base64 text of {@value #MIN_PEPPER_BYTES} random bytes. */
    public static String randomPepper() {
        byte[] b = new byte[MIN_PEPPER_BYTES];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** Whether new PINs are peppered (fast) rather than PBKDF2. */
    public boolean peppered() {
        return key != null;
    }

    /** The stored form of {@code pin}, with a new random salt. */
    public String hash(String pin) {
        Objects.requireNonNull(pin, "pin");
        if (key == null) {
            return SecretHash.hash(pin);
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + keyId + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(mac(salt, pin));
    }

    /** The result of a check: whether the PIN matched and whether its hash should be stored anew. */
    public record Check(boolean matches, boolean rehash) {}

    /**
     * Checks {@code pin} against {@code stored}. A null PIN or a null or malformed stored form does not
     * match.
     *
     * @throws WrongPepperException when {@code stored} is peppered with another pepper than this one's,
     *                              or this hasher has none: the PIN cannot be checked at all
     */
    public Check check(String pin, String stored) {
        if (pin == null || stored == null) {
            return new Check(false, false);
        }
        if (!stored.startsWith(PREFIX + "$")) {
            boolean ok = SecretHash.matches(pin, stored);
            return new Check(ok, ok && key != null);
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4) {
            return new Check(false, false);
        }
        if (key == null || !keyId.equals(parts[1])) {
            throw new WrongPepperException(parts[1], keyId);
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return new Check(MessageDigest.isEqual(expected, mac(salt, pin)), false);
        } catch (IllegalArgumentException e) {
            return new Check(false, false);
        }
    }

    private byte[] mac(byte[] salt, String pin) {
        Mac m;
        try {
            m = (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            m = keyedMac(key); // every JDK provider of HmacSHA256 clones; this is only in case one does not
        }
        m.update(salt);
        return m.doFinal(pin.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac keyedMac(SecretKeySpec key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }

    /** First 8 hex digits of SHA-256 over a label and the pepper: names the pepper without giving it away. */
    private static String keyId(byte[] pepper) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update("hotline pin pepper id\n".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest(pepper), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** A PIN hash made with a pepper this server does not have. */
    public static final class WrongPepperException extends RuntimeException {
        WrongPepperException(String storedKeyId, String ourKeyId) {
            super("the PIN hash was made with pepper " + storedKeyId + " but this server has "
                    + (ourKeyId == null ? "no pepper" : "pepper " + ourKeyId)
                    + ": set HOTLINE_PIN_PEPPER to the pepper the other servers use");
        }
    }
}
