package io.hotline.console;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sign-in form's CSRF token, with no state on the server: 16 random bytes and the time it was issued,
 * signed with HMAC-SHA256 under a key made when the server starts. The page gets it from
 * {@code GET /api/session} and also as the {@value #COOKIE} cookie (HTTP-only, SameSite=Strict); a sign-in
 * must send the same token in the {@code X-CSRF-Token} header, with a valid signature, younger than
 * {@link #LIFETIME}. So any number of anonymous page loads costs the server nothing to keep, and another
 * site can neither read nor plant the token. A restart makes open sign-in forms fetch a new one (the page
 * does that on a 403).
 *
 * <p>Thread-safe.
 */
final class SignInTokens {
    static final String COOKIE = "hotline_signin";
    static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PAYLOAD = 16 + Long.BYTES;
    private static final int MAC = 32;

    private final SecretKeySpec key;
    private final Clock clock;

    SignInTokens(Clock clock) {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
        this.clock = clock;
    }

    /** A new token. */
    String issue() {
        ByteBuffer b = ByteBuffer.allocate(PAYLOAD + MAC);
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        b.put(nonce).putLong(clock.instant().getEpochSecond());
        b.put(mac(b.array(), PAYLOAD));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** True for a token this server issued less than {@link #LIFETIME} ago. */
    boolean valid(String token) {
        if (token == null || token.length() > 100) {
            return false;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (raw.length != PAYLOAD + MAC) {
            return false;
        }
        byte[] given = java.util.Arrays.copyOfRange(raw, PAYLOAD, raw.length);
        if (!MessageDigest.isEqual(given, mac(raw, PAYLOAD))) {
            return false;
        }
        long issued = ByteBuffer.wrap(raw, 16, Long.BYTES).getLong();
        long now = clock.instant().getEpochSecond();
        return issued <= now + 60 && now - issued < LIFETIME.toSeconds();
    }

    private byte[] mac(byte[] data, int length) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            m.update(data, 0, length);
            return m.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
