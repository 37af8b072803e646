package io.hotline.telephony.ari;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Asterisk's REST Interface. Read once at start by {@link #from(Settings)}.
 *
 * @param baseUrl         Asterisk's HTTP server, without the {@code /ari} prefix
 *                        ({@code HOTLINE_ARI_URL}, default {@code http://127.0.0.1:8088})
 * @param user            the ari.conf user ({@code HOTLINE_ARI_USER}, default {@code hotline})
 * @param password        its password ({@code HOTLINE_ARI_PASSWORD}); a secret, never logged
 * @param app             the Stasis application name the dialplan uses
 *                        ({@code HOTLINE_ARI_APP}, default {@code hotline})
 * @param soundsPrefix    where our prompts live, relative to Asterisk's sounds directory or
 *                        absolute (a leading {@code /} is kept): a recorded prompt plays as
 *                        {@code sound:<prefix>/<lang>/<id>} ({@code HOTLINE_SOUNDS_PREFIX},
 *                        default {@code hotline}; trailing slashes are dropped)
 * @param reconnectMin    first delay before reconnecting the event WebSocket; doubles on
 *                        every failed attempt ({@code HOTLINE_ARI_RECONNECT_MIN}, default 250ms)
 * @param reconnectMax    the longest delay between attempts ({@code HOTLINE_ARI_RECONNECT_MAX},
 *                        default 10s)
 * @param linkLossTimeout how long calls wait for a lost event WebSocket to come back before
 *                        their pending operation fails with a telephony error
 *                        ({@code HOTLINE_ARI_LINK_TIMEOUT}, default 30s)
 * @param requestTimeout  the longest a REST request may take ({@code HOTLINE_ARI_REQUEST_TIMEOUT},
 *                        default 5s)
 */
public record AriConfig(
        URI baseUrl,
        String user,
        String password,
        String app,
        String soundsPrefix,
        Duration reconnectMin,
        Duration reconnectMax,
        Duration linkLossTimeout,
        Duration requestTimeout) {

    public AriConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (baseUrl.getScheme() == null
                || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https"))
                || baseUrl.getHost() == null) {
            throw new ConfigException(
                    "HOTLINE_ARI_URL: must be an http:// or https:// URL with a host, got '" + baseUrl + "'");
        }
        if (user == null || user.isBlank()) {
            throw new ConfigException("HOTLINE_ARI_USER: must not be empty");
        }
        password = password == null ? "" : password;
        if (app == null || !app.matches("[A-Za-z0-9_.-]+")) {
            throw new ConfigException("HOTLINE_ARI_APP: letters, digits, '_', '-' and '.' only, got '" + app + "'");
        }
        // trailing slashes go; a leading one stays: an absolute prefix is a path from the root
        soundsPrefix = soundsPrefix == null ? "" : soundsPrefix.replaceAll("(?<=.)/+$", "");
        if (soundsPrefix.chars().anyMatch(c -> Character.isWhitespace(c) || c == ',')) {
            throw new ConfigException(
                    "HOTLINE_SOUNDS_PREFIX: must be a path without spaces or commas, got '" + soundsPrefix + "'");
        }
        Objects.requireNonNull(reconnectMin, "reconnectMin");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
        if (reconnectMin.isNegative() || reconnectMin.isZero()) {
            throw new ConfigException("HOTLINE_ARI_RECONNECT_MIN: must be positive");
        }
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new ConfigException("HOTLINE_ARI_RECONNECT_MAX: must not be shorter than HOTLINE_ARI_RECONNECT_MIN");
        }
        if (linkLossTimeout == null || linkLossTimeout.isNegative() || linkLossTimeout.isZero()) {
            throw new ConfigException("HOTLINE_ARI_LINK_TIMEOUT: must be positive");
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new ConfigException("HOTLINE_ARI_REQUEST_TIMEOUT: must be positive");
        }
    }

    /** Reads the {@code HOTLINE_ARI_*} keys and {@code HOTLINE_SOUNDS_PREFIX}. */
    public static AriConfig from(Settings settings) {
        String url = settings.string("HOTLINE_ARI_URL", "http://127.0.0.1:8088");
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("HOTLINE_ARI_URL: not a URL: '" + url + "'");
        }
        return new AriConfig(
                uri,
                settings.string("HOTLINE_ARI_USER", "hotline"),
                settings.secret("HOTLINE_ARI_PASSWORD", ""),
                settings.string("HOTLINE_ARI_APP", "hotline"),
                settings.string("HOTLINE_SOUNDS_PREFIX", "hotline"),
                settings.duration("HOTLINE_ARI_RECONNECT_MIN", Duration.ofMillis(250)),
                settings.duration("HOTLINE_ARI_RECONNECT_MAX", Duration.ofSeconds(10)),
                settings.duration("HOTLINE_ARI_LINK_TIMEOUT", Duration.ofSeconds(30)),
                settings.duration("HOTLINE_ARI_REQUEST_TIMEOUT", Duration.ofSeconds(5)));
    }

    /** Host of {@link #baseUrl}. */
    String host() {
        return baseUrl.getHost();
    }

    /** Port of {@link #baseUrl}, with the scheme's default when absent. */
    int port() {
        if (baseUrl.getPort() > 0) {
            return baseUrl.getPort();
        }
        return ssl() ? 443 : 80;
    }

    boolean ssl() {
        return "https".equals(baseUrl.getScheme());
    }

    /** The path prefix before {@code /ari} (usually empty; http.conf's {@code prefix}). */
    String pathPrefix() {
        String p = baseUrl.getRawPath();
        return p == null ? "" : p.replaceAll("/+$", "");
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "AriConfig[baseUrl=" + baseUrl + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "****")
                + ", app=" + app + ", soundsPrefix=" + soundsPrefix + ", reconnect=" + reconnectMin + ".."
                + reconnectMax + ", linkLossTimeout=" + linkLossTimeout + ", requestTimeout=" + requestTimeout + "]";
    }
}
