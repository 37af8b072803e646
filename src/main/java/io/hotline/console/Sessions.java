package io.hotline.console;

import io.hotline.users.ConsoleUser;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sessions, in memory (a restart signs everyone out). A session id is 32 random bytes in an
 * HTTP-only, SameSite=Strict cookie; each session carries its own CSRF token, required in the
 * {@code X-CSRF-Token} header of every state-changing request. Signing in always starts a new session
 * (no fixation). There are no anonymous sessions: the sign-in form's CSRF token is signed and kept by the
 * browser ({@link SignInTokens}), so page loads before sign-in leave nothing here.
 *
 * <p>Thread-safe.
 */
final class Sessions {
    static final String COOKIE = "hotline_session";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One session; {@code user} is null before sign-in. */
    static final class Session {
        final String id;
        final String csrf;
        final ConsoleUser user;
        final Instant created;
        volatile Instant lastSeen;

        Session(String id, String csrf, ConsoleUser user, Instant now) {
            this.id = id;
            this.csrf = csrf;
            this.user = user;
            this.created = now;
            this.lastSeen = now;
        }

        boolean signedIn() {
            return user != null;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;

    Sessions(Clock clock, Duration idle) {
        this.clock = clock;
        this.idle = idle;
    }

    Session signedIn(ConsoleUser user) {
        return put(user);
    }

    /** The live session with this id, touched; empty when unknown or expired. */
    Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        s.lastSeen = now;
        return Optional.of(s);
    }

    void remove(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Forgets expired sessions. */
    void sweep() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
    }

    private boolean expired(Session s, Instant now) {
        return s.lastSeen.plus(idle).isBefore(now);
    }

    private Session put(ConsoleUser user) {
        Session s = new Session(token(), token(), user, clock.instant());
        sessions.put(s.id, s);
        return s;
    }

    static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Constant-time comparison of two tokens. */
    static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return java.security.MessageDigest.isEqual(
                a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
