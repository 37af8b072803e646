package io.hotline.connectors;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The SMS sender's settings, read once at start; a bad value throws {@link ConfigException} naming the key.
 * With no settings the gateway is {@code log}: {@code ./hotline serve} starts as before and sends nothing.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code HOTLINE_SMS_GATEWAY}</td><td>log</td><td>{@code log}, {@code smpp} or {@code http}</td></tr>
 *   <tr><td>{@code HOTLINE_SMS_FROM}</td><td>Hotline</td><td>the sender shown on the phone (SMPP source_addr;
 *       the HTTP gateway's {@code from})</td></tr>
 *   <tr><td>{@code HOTLINE_SMS_WAIT}</td><td>2s</td><td>how long a call waits for the centre to accept a reset
 *       code; keep it under the {@code send_reset_code} node's timeout</td></tr>
 *   <tr><td>{@code HOTLINE_SMS_SUBMIT_TIMEOUT}</td><td>1500ms</td><td>how long one submit waits for the centre's
 *       answer</td></tr>
 *   <tr><td>{@code HOTLINE_SMS_POLL}</td><td>1s</td><td>how often the background drain looks for due messages
 *       queued by other nodes or due for a retry (a node's own new messages are sent at once)</td></tr>
 *   <tr><td>{@code HOTLINE_SMS_ATTEMPTS}</td><td>10</td><td>background submits of one message before it is
 *       given up</td></tr>
 *   <tr><td>{@code HOTLINE_SMS_RETRY_MIN}</td><td>2s</td><td>first back-off after a failed submit; doubles per
 *       attempt</td></tr>
 *   <tr><td>{@code HOTLINE_SMS_RETRY_MAX}</td><td>5m</td><td>longest back-off</td></tr>
 *   <tr><td>{@code HOTLINE_SMS_LEASE}</td><td>30s</td><td>how long a claimed message is a sender's own; a node
 *       that dies mid-send leaves its background messages to others after this</td></tr>
 *   <tr><td>{@code HOTLINE_SMS_SMPP_HOST}</td><td>(none; needed for smpp)</td><td>the SMS centre</td></tr>
 *   <tr><td>{@code HOTLINE_SMS_SMPP_PORT}</td><td>2775</td><td>its SMPP port</td></tr>
 *   <tr><td>{@code HOTLINE_SMS_SMPP_SYSTEM_ID}</td><td>(none; needed for smpp)</td><td>the account's
 *       system_id</td></tr>
 *   <tr><td>{@code HOTLINE_SMS_SMPP_PASSWORD}</td><td>(empty)</td><td>its password (secret)</td></tr>
 *   <tr><td>{@code HOTLINE_SMS_SMPP_SYSTEM_TYPE}</td><td>(empty)</td><td>system_type, if the centre wants one</td></tr>
 *   <tr><td>{@code HOTLINE_SMS_SMPP_ENQUIRE_LINK}</td><td>30s</td><td>keep-alive interval of the bound
 *       session</td></tr>
 *   <tr><td>{@code HOTLINE_SMS_HTTP_URL}</td><td>(none; needed for http)</td><td>the provider's send
 *       endpoint</td></tr>
 *   <tr><td>{@code HOTLINE_SMS_HTTP_TOKEN}</td><td>(none)</td><td>bearer token for it (secret)</td></tr>
 * </table>
 */
public record SmsConfig(
        String gateway,
        String from,
        Duration callWait,
        Duration submitTimeout,
        Duration poll,
        int attempts,
        Duration retryMin,
        Duration retryMax,
        Duration lease,
        Smpp smpp,
        Http http) {

    /** SMPP account settings (only when the gateway is {@code smpp}). */
    public record Smpp(
            String host, int port, String systemId, String password, String systemType, Duration enquireLink) {
        /** Without the password. */
        @Override
        public String toString() {
            return "Smpp[" + systemId + "@" + host + ":" + port + "]";
        }
    }

    /** HTTP provider settings (only when the gateway is {@code http}). */
    public record Http(URI url, String token) {
        /** Without the token. */
        @Override
        public String toString() {
            return "Http[" + url + "]";
        }
    }

    public SmsConfig {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(from, "from");
        if (!callWait.isPositive()
                || !submitTimeout.isPositive()
                || !poll.isPositive()
                || !lease.isPositive()
                || !retryMin.isPositive()
                || retryMax.compareTo(retryMin) < 0) {
            throw new ConfigException("HOTLINE_SMS_*: durations must be positive and RETRY_MAX at least RETRY_MIN");
        }
        if (lease.compareTo(submitTimeout.multipliedBy(4)) < 0) {
            throw new ConfigException("HOTLINE_SMS_LEASE: must be at least four times HOTLINE_SMS_SUBMIT_TIMEOUT ("
                    + submitTimeout.toMillis() + " ms), got " + lease.toMillis() + " ms");
        }
    }

    public static SmsConfig from(Settings s) {
        String gateway = s.string("HOTLINE_SMS_GATEWAY", "log").toLowerCase(Locale.ROOT);
        if (!gateway.equals("log") && !gateway.equals("smpp") && !gateway.equals("http")) {
            throw new ConfigException("HOTLINE_SMS_GATEWAY: must be log, smpp or http, got '" + gateway + "'");
        }
        String from = s.string("HOTLINE_SMS_FROM", "Hotline");
        if (from.isEmpty() || from.length() > 20) {
            throw new ConfigException("HOTLINE_SMS_FROM: 1 to 20 characters, got '" + from + "'");
        }
        Duration wait = positive(s, "HOTLINE_SMS_WAIT", Duration.ofSeconds(2));
        Duration submit = positive(s, "HOTLINE_SMS_SUBMIT_TIMEOUT", Duration.ofMillis(1500));
        if (submit.compareTo(wait) > 0) {
            throw new ConfigException("HOTLINE_SMS_SUBMIT_TIMEOUT: must not be longer than HOTLINE_SMS_WAIT ("
                    + wait.toMillis() + " ms), got " + submit.toMillis() + " ms");
        }
        Duration poll = positive(s, "HOTLINE_SMS_POLL", Duration.ofSeconds(1));
        int attempts = s.integer("HOTLINE_SMS_ATTEMPTS", 10, 1, 1000);
        Duration retryMin = positive(s, "HOTLINE_SMS_RETRY_MIN", Duration.ofSeconds(2));
        Duration retryMax = positive(s, "HOTLINE_SMS_RETRY_MAX", Duration.ofMinutes(5));
        if (retryMax.compareTo(retryMin) < 0) {
            throw new ConfigException("HOTLINE_SMS_RETRY_MAX: must be at least HOTLINE_SMS_RETRY_MIN");
        }
        Duration lease = positive(s, "HOTLINE_SMS_LEASE", Duration.ofSeconds(30));
        Smpp smpp = null;
        Http http = null;
        if (gateway.equals("smpp")) {
            String host = required(s, "HOTLINE_SMS_SMPP_HOST");
            int port = s.integer("HOTLINE_SMS_SMPP_PORT", 2775, 1, 65535);
            String systemId = required(s, "HOTLINE_SMS_SMPP_SYSTEM_ID");
            if (systemId.length() > 15) {
                throw new ConfigException(
                        "HOTLINE_SMS_SMPP_SYSTEM_ID: at most 15 characters (SMPP 3.4), got " + systemId.length());
            }
            String password = s.secret("HOTLINE_SMS_SMPP_PASSWORD", "");
            if (password.length() > 8) {
                throw new ConfigException("HOTLINE_SMS_SMPP_PASSWORD: at most 8 characters (SMPP 3.4)");
            }
            String systemType = s.string("HOTLINE_SMS_SMPP_SYSTEM_TYPE", "");
            Duration enquire = s.duration("HOTLINE_SMS_SMPP_ENQUIRE_LINK", Duration.ofSeconds(30));
            if (!enquire.isPositive()) {
                throw new ConfigException("HOTLINE_SMS_SMPP_ENQUIRE_LINK: must be positive");
            }
            smpp = new Smpp(host, port, systemId, password, systemType, enquire);
        }
        if (gateway.equals("http")) {
            String raw = required(s, "HOTLINE_SMS_HTTP_URL");
            URI url;
            try {
                url = URI.create(raw);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("HOTLINE_SMS_HTTP_URL: not a URL: '" + raw + "'");
            }
            if ((!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) || url.getHost() == null) {
                throw new ConfigException(
                        "HOTLINE_SMS_HTTP_URL: must be an http:// or https:// URL, got '" + raw + "'");
            }
            http = new Http(url, s.secret("HOTLINE_SMS_HTTP_TOKEN", null));
        }
        return new SmsConfig(gateway, from, wait, submit, poll, attempts, retryMin, retryMax, lease, smpp, http);
    }

    /** Log-only, with short back-offs: for tests and in-process tools. */
    public static SmsConfig forTests() {
        return new SmsConfig(
                "log",
                "Hotline",
                Duration.ofSeconds(2),
                Duration.ofMillis(1500),
                Duration.ofSeconds(1),
                10,
                Duration.ofMillis(50),
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                null,
                null);
    }

    /** A copy with another gateway's settings. */
    public SmsConfig with(Smpp smpp) {
        return new SmsConfig(
                "smpp", from, callWait, submitTimeout, poll, attempts, retryMin, retryMax, lease, smpp, http);
    }

    public SmsConfig with(Http http) {
        return new SmsConfig(
                "http", from, callWait, submitTimeout, poll, attempts, retryMin, retryMax, lease, smpp, http);
    }

    /** The gateway these settings name. */
    public SmsGateway newGateway() {
        return switch (gateway) {
            case "smpp" -> new SmppGateway(smpp, from, submitTimeout);
            case "http" -> new HttpGateway(http, from, submitTimeout);
            default -> new LogGateway();
        };
    }

    private static Duration positive(Settings s, String key, Duration defaultValue) {
        Duration d = s.duration(key, defaultValue);
        if (!d.isPositive()) {
            throw new ConfigException(key + ": must be longer than zero, got " + d.toMillis() + " ms");
        }
        return d;
    }

    private static String required(Settings s, String key) {
        String v = s.string(key, null);
        if (v == null || v.isBlank()) {
            throw new ConfigException(
                    key + ": must be set when HOTLINE_SMS_GATEWAY is " + s.string("HOTLINE_SMS_GATEWAY", "log"));
        }
        return v;
    }
}
