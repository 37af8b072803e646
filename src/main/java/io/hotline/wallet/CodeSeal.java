package io.hotline.wallet;

import io.hotline.secrets.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * Seals a reset code for the sender: AES-256-GCM under a key made at random when this process starts and
 * kept only in its memory. The outbox row holds the sealed bytes until the message is settled, and the
 * recipient's number is the associated data, so the ciphertext opens only for the number it was made for.
 * A database dump, a backup or another node never sees a code: without this process's memory the bytes are
 * noise. See the package documentation for why the key is not a setting.
 */
final class CodeSeal {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** This process's key and its public name (stored in {@code sms_outbox.seal_key}). */
    static final CodeSeal PROCESS = new CodeSeal();

    private final SecretKey key;
    private final String keyId;

    private CodeSeal() {
        try {
            KeyGenerator g = KeyGenerator.getInstance("AES");
            g.init(256, RANDOM);
            this.key = g.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no AES in this JVM", e);
        }
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        this.keyId = HexFormat.of().formatHex(id);
    }

    /** The key's name: tells a node whether it can open a row. Not secret. */
    String keyId() {
        return keyId;
    }

    byte[] seal(String code, String msisdn) {
        return Aead.seal(key, msisdn.getBytes(StandardCharsets.UTF_8), code.getBytes(StandardCharsets.UTF_8));
    }

    /** The code, or empty when the bytes were sealed by another key or for another number, or altered. */
    Optional<String> open(byte[] sealed, String keyId, String msisdn) {
        if (!this.keyId.equals(keyId)) {
            return Optional.empty();
        }
        return Aead.open(key, msisdn.getBytes(StandardCharsets.UTF_8), sealed)
                .map(b -> new String(b, StandardCharsets.UTF_8));
    }
}
