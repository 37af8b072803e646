package io.hotline.connectors;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Which wallet the actions act on, read once at start; a bad value throws {@link ConfigException} naming the key.
 * With no settings it is the built-in wallet: {@code ./hotline serve} starts as before.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code HOTLINE_WALLET}</td><td>builtin</td><td>{@code builtin} (Hotline's own tables) or {@code http}
 *       (the wallet company's API, {@code docs/wallet-api.yaml})</td></tr>
 *   <tr><td>{@code HOTLINE_WALLET_URL}</td><td>(none; needed for http)</td><td>the API's base URL, the operations'
 *       paths are appended to it</td></tr>
 *   <tr><td>{@code HOTLINE_WALLET_TOKEN}</td><td>(none)</td><td>bearer token (secret)</td></tr>
 *   <tr><td>{@code HOTLINE_WALLET_TLS_CERT}</td><td>(none)</td><td>PEM client certificate (chain) for mutual TLS</td></tr>
 *   <tr><td>{@code HOTLINE_WALLET_TLS_KEY}</td><td>(none)</td><td>its PEM PKCS#8 private key (unencrypted)</td></tr>
 *   <tr><td>{@code HOTLINE_WALLET_TLS_TRUST}</td><td>(the JDK's CAs)</td><td>PEM CA certificates to trust for the
 *       API's server certificate</td></tr>
 *   <tr><td>{@code HOTLINE_WALLET_CONNECT_TIMEOUT}</td><td>500ms</td><td>to open a connection</td></tr>
 *   <tr><td>{@code HOTLINE_WALLET_READ_TIMEOUT}</td><td>800ms</td><td>one attempt of a read</td></tr>
 *   <tr><td>{@code HOTLINE_WALLET_WRITE_TIMEOUT}</td><td>1200ms</td><td>one attempt of a write</td></tr>
 *   <tr><td>{@code HOTLINE_WALLET_ATTEMPTS}</td><td>2</td><td>attempts of a request safe to repeat (reads, writes with
 *       an idempotency key)</td></tr>
 *   <tr><td>{@code HOTLINE_WALLET_RETRY_BACKOFF}</td><td>100ms</td><td>pause before a repeat</td></tr>
 *   <tr><td>{@code HOTLINE_WALLET_BREAKER_WINDOW}</td><td>20</td><td>the circuit breaker's window of recent
 *       requests</td></tr>
 *   <tr><td>{@code HOTLINE_WALLET_BREAKER_MIN_CALLS}</td><td>10</td><td>requests in the window before it may
 *       open</td></tr>
 *   <tr><td>{@code HOTLINE_WALLET_BREAKER_FAILURE_RATE}</td><td>50</td><td>percent of failed requests (timeouts,
 *       refused connections, 5xx) in the window that open it</td></tr>
 *   <tr><td>{@code HOTLINE_WALLET_BREAKER_OPEN}</td><td>10s</td><td>how long it stays open (requests fail at once)
 *       before a few trial requests may close it</td></tr>
 * </table>
 *
 * <p>The worst case of a request (attempts × timeout + back-offs) must fit in the shortest budget the flows give the
 * actions using it: {@link #READ_BUDGET} for reads, {@link #WRITE_BUDGET} for writes; checked here.
 */
public record WalletConfig(String kind, Http http) {
    /** The shortest action timeout of a wallet read in the shipped flows (identify_caller, recent_transactions). */
    public static final Duration READ_BUDGET = Duration.ofSeconds(2);
    /** The shortest action timeout of a wallet write in the shipped flows (freeze_account, send_reset_code, ...). */
    public static final Duration WRITE_BUDGET = Duration.ofSeconds(3);

    /** The HTTP wallet's settings. */
    public record Http(
            URI url,
            String token,
            Path tlsCert,
            Path tlsKey,
            Path tlsTrust,
            Duration connectTimeout,
            Duration readTimeout,
            Duration writeTimeout,
            int attempts,
            Duration retryBackoff,
            Breaker breaker) {
        public Http {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(breaker, "breaker");
        }

        /** Without the token. */
        @Override
        public String toString() {
            return "Http[" + url + (token == null ? "" : ", token ****") + (tlsCert == null ? "" : ", mTLS") + "]";
        }

        /** A copy with another breaker. */
        public Http with(Breaker b) {
            return new Http(
                    url,
                    token,
                    tlsCert,
                    tlsKey,
                    tlsTrust,
                    connectTimeout,
                    readTimeout,
                    writeTimeout,
                    attempts,
                    retryBackoff,
                    b);
        }

        /** A copy with other per-attempt timeouts. */
        public Http withTimeouts(Duration read, Duration write) {
            return new Http(
                    url,
                    token,
                    tlsCert,
                    tlsKey,
                    tlsTrust,
                    connectTimeout,
                    read,
                    write,
                    attempts,
                    retryBackoff,
                    breaker);
        }

        /** The settings for an API at {@code url} with a token and the defaults otherwise (tests, tools). */
        public static Http of(URI url, String token) {
            return new Http(
                    url,
                    token,
                    null,
                    null,
                    null,
                    Duration.ofMillis(500),
                    Duration.ofMillis(800),
                    Duration.ofMillis(1200),
                    2,
                    Duration.ofMillis(100),
                    Breaker.DEFAULT);
        }
    }

    /** The circuit breaker's settings. */
    public record Breaker(int window, int minCalls, int failureRate, Duration openFor) {
        public static final Breaker DEFAULT = new Breaker(20, 10, 50, Duration.ofSeconds(10));
    }

    public WalletConfig {
        if (!kind.equals("builtin") && !kind.equals("http")) {
            throw new ConfigException("HOTLINE_WALLET: must be builtin or http, got '" + kind + "'");
        }
        if (kind.equals("http") && http == null) {
            throw new ConfigException("HOTLINE_WALLET_URL: must be set when HOTLINE_WALLET is http");
        }
    }

    /** The built-in wallet. */
    public static WalletConfig builtin() {
        return new WalletConfig("builtin", null);
    }

    /** The HTTP wallet with these settings. */
    public static WalletConfig http(Http http) {
        return new WalletConfig("http", http);
    }

    public boolean isHttp() {
        return kind.equals("http");
    }

    public static WalletConfig from(Settings s) {
        String kind = s.string("HOTLINE_WALLET", "builtin").toLowerCase(Locale.ROOT);
        if (!kind.equals("builtin") && !kind.equals("http")) {
            throw new ConfigException("HOTLINE_WALLET: must be builtin or http, got '" + kind + "'");
        }
        if (kind.equals("builtin")) {
            return builtin();
        }
        String raw = s.string("HOTLINE_WALLET_URL", null);
        if (raw == null) {
            throw new ConfigException("HOTLINE_WALLET_URL: must be set when HOTLINE_WALLET is http");
        }
        URI url;
        try {
            url = URI.create(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("HOTLINE_WALLET_URL: not a URL: '" + raw + "'");
        }
        if ((!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) || url.getHost() == null) {
            throw new ConfigException("HOTLINE_WALLET_URL: must be an http:// or https:// URL, got '" + raw + "'");
        }
        String token = s.secret("HOTLINE_WALLET_TOKEN", null);
        if (token != null && (token.isBlank() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
            throw new ConfigException("HOTLINE_WALLET_TOKEN: printable ASCII without spaces");
        }
        Path cert = file(s, "HOTLINE_WALLET_TLS_CERT");
        Path key = file(s, "HOTLINE_WALLET_TLS_KEY");
        Path trust = file(s, "HOTLINE_WALLET_TLS_TRUST");
        if ((cert == null) != (key == null)) {
            throw new ConfigException(
                    cert == null
                            ? "HOTLINE_WALLET_TLS_CERT: must be set with HOTLINE_WALLET_TLS_KEY"
                            : "HOTLINE_WALLET_TLS_KEY: must be set with HOTLINE_WALLET_TLS_CERT");
        }
        if ((cert != null || trust != null) && !"https".equals(url.getScheme())) {
            throw new ConfigException(
                    "HOTLINE_WALLET_URL: must be https:// when HOTLINE_WALLET_TLS_* is set, got '" + raw + "'");
        }
        if (token == null && cert == null) {
            throw new ConfigException("HOTLINE_WALLET_TOKEN: set it, or HOTLINE_WALLET_TLS_CERT and "
                    + "HOTLINE_WALLET_TLS_KEY, when HOTLINE_WALLET is http: the wallet API must know who calls it");
        }
        Duration connect = positive(s, "HOTLINE_WALLET_CONNECT_TIMEOUT", Duration.ofMillis(500));
        Duration read = positive(s, "HOTLINE_WALLET_READ_TIMEOUT", Duration.ofMillis(800));
        Duration write = positive(s, "HOTLINE_WALLET_WRITE_TIMEOUT", Duration.ofMillis(1200));
        int attempts = s.integer("HOTLINE_WALLET_ATTEMPTS", 2, 1, 5);
        Duration backoff = s.duration("HOTLINE_WALLET_RETRY_BACKOFF", Duration.ofMillis(100));
        if (backoff.isNegative()) {
            throw new ConfigException("HOTLINE_WALLET_RETRY_BACKOFF: must not be negative");
        }
        fits("HOTLINE_WALLET_READ_TIMEOUT", read, attempts, backoff, READ_BUDGET, "read");
        fits("HOTLINE_WALLET_WRITE_TIMEOUT", write, attempts, backoff, WRITE_BUDGET, "write");
        int window = s.integer("HOTLINE_WALLET_BREAKER_WINDOW", 20, 1, 1000);
        int minCalls = s.integer("HOTLINE_WALLET_BREAKER_MIN_CALLS", 10, 1, 1000);
        if (minCalls > window) {
            throw new ConfigException("HOTLINE_WALLET_BREAKER_MIN_CALLS: must not be more than "
                    + "HOTLINE_WALLET_BREAKER_WINDOW (" + window + "), got " + minCalls);
        }
        int rate = s.integer("HOTLINE_WALLET_BREAKER_FAILURE_RATE", 50, 1, 100);
        Duration open = positive(s, "HOTLINE_WALLET_BREAKER_OPEN", Duration.ofSeconds(10));
        return http(new Http(
                url,
                token,
                cert,
                key,
                trust,
                connect,
                read,
                write,
                attempts,
                backoff,
                new Breaker(window, minCalls, rate, open)));
    }

    /** The longest a request of one kind may take: every attempt timing out, with the back-offs between. */
    static Duration worstCase(Duration timeout, int attempts, Duration backoff) {
        return timeout.multipliedBy(attempts).plus(backoff.multipliedBy(attempts - 1L));
    }

    private static void fits(
            String key, Duration timeout, int attempts, Duration backoff, Duration budget, String what) {
        Duration worst = worstCase(timeout, attempts, backoff);
        if (worst.compareTo(budget) >= 0) {
            throw new ConfigException(key + ": " + attempts + " attempt(s) of " + timeout.toMillis() + " ms with "
                    + backoff.toMillis() + " ms back-off take up to " + worst.toMillis() + " ms, not within the "
                    + budget.toMillis() + " ms the flows give a wallet " + what
                    + "; lower it or HOTLINE_WALLET_ATTEMPTS");
        }
    }

    private static Path file(Settings s, String key) {
        String v = s.string(key, null);
        if (v == null) {
            return null;
        }
        Path p = Path.of(v);
        if (!Files.isReadable(p)) {
            throw new ConfigException(key + ": cannot read the file '" + v + "'");
        }
        return p;
    }

    private static Duration positive(Settings s, String key, Duration defaultValue) {
        Duration d = s.duration(key, defaultValue);
        if (!d.isPositive()) {
            throw new ConfigException(key + ": must be longer than zero, got " + d.toMillis() + " ms");
        }
        return d;
    }
}
