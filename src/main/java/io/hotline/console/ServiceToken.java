package io.hotline.console;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bearer token a machine client (the wallet backend, an SMS provider) presents to a service API: not a
 * console session. Only its SHA-256 is kept, and a presented token is compared in constant time. An API whose
 * key is unset is off.
 */
final class ServiceToken {
    /** Shortest token accepted: long enough that guessing it is hopeless. */
    static final int MIN_LENGTH = 32;

    private final byte[] hash; // null: off

    private ServiceToken(String token) {
        this.hash = token == null ? null : sha256(token.strip());
    }

    /** The token {@code key} sets (secret, masked in logs); refused with a message naming the key when too short. */
    static ServiceToken from(Settings settings, String key) {
        String token = settings.secret(key, null);
        if (token != null && token.strip().length() < MIN_LENGTH) {
            throw new ConfigException(
                    key + ": at least " + MIN_LENGTH + " characters (e.g. openssl rand -base64 32), got "
                            + token.strip().length());
        }
        return new ServiceToken(token);
    }

    /** For tests: this token (null: off). */
    static ServiceToken of(String token) {
        return new ServiceToken(token);
    }

    boolean off() {
        return hash == null;
    }

    /** True when the request carries the token; otherwise answers 401 itself. */
    boolean admits(RoutingContext ctx) {
        String auth = ctx.request().getHeader("Authorization");
        String presented = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                ? auth.substring(7).strip()
                : "";
        if (hash != null && MessageDigest.isEqual(hash, sha256(presented))) {
            return true;
        }
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        Http.error(ctx, 401, "Authorization: a valid Bearer token is needed");
        return false;
    }

    /** The request's body as a JSON object, or null when it is empty or not an object. */
    static JsonObject objectBody(RoutingContext ctx) {
        try {
            return ctx.body() == null || ctx.body().length() == 0
                    ? null
                    : ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
