package io.hotline.wallet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals a reset code for the sender: AES-256-GCM under a key made at random when this process starts and
 * kept only in its memory. The outbox row holds the sealed bytes until the message is settled, and the
 * recipient's number is the associated data, so the ciphertext opens only for the number it was made for.
 * A database dump, a backup or another node never sees a code: without this process's memory the bytes are
 * noise. See the package documentation for why the key is not a setting.
 */
final class CodeSeal {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
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
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(msisdn.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(code.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a reset code", e);
        }
    }

    /** The code, or empty when the bytes were sealed by another key or for another number, or altered. */
    Optional<String> open(byte[] sealed, String keyId, String msisdn) {
        if (sealed == null || !this.keyId.equals(keyId) || sealed.length <= IV_BYTES) {
            return Optional.empty();
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            c.updateAAD(msisdn.getBytes(StandardCharsets.UTF_8));
            byte[] pt = c.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
            return Optional.of(new String(pt, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
