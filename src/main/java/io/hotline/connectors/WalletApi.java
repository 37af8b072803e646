package io.hotline.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.hotline.wallet.WalletUnavailable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wallet API's transport: one pooled JDK {@link HttpClient} (connections kept alive and reused; HTTP/2 over
 * https), a per-attempt timeout by kind of request, retries only of what is safe to repeat, one circuit breaker for
 * the whole API, and meters per operation. Bodies are never logged (they hold PINs and phone numbers).
 *
 * <p>What counts against the breaker: a timeout, a refused or dropped connection, a 5xx. A 2xx, a 404 (no such
 * account) and other 4xx mean the API is up. While the breaker is open a request fails at once, without being sent,
 * so the caller hears "unavailable" in a moment instead of waiting out a timeout.
 *
 * <p>Meters: {@code hotline_wallet_request_seconds{operation,outcome}} (one per attempt; outcome {@code ok},
 * {@code not_found}, {@code rejected}, {@code server_error}, {@code timeout}, {@code connection_failed},
 * {@code circuit_open}), {@code hotline_wallet_retries_total{operation}}, {@code hotline_wallet_circuit_state}
 * (0 closed, 1 open, 2 half-open).
 *
 * <p>Threading: thread-safe; {@link #call} blocks, run it on a virtual thread.
 */
final class WalletApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WalletApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether a request may be sent again after a failure that may have reached the API. */
    enum Safety {
        /** Changes nothing: repeated freely. */
        READ,
        /** Changes the wallet, carries an {@code Idempotency-Key}: the API executes it once per key. */
        KEYED_WRITE,
        /** Changes the wallet without a key (a PIN check counts): sent once. */
        WRITE
    }

    /** A request that got an answer the operation can use: a 2xx or a 404. */
    record Reply(int status, JsonNode body) {
        boolean notFound() {
            return status == 404;
        }
    }

    private final WalletConfig.Http config;
    private final HttpClient client;
    private final ExecutorService executor;
    private final CircuitBreaker breaker;
    private final MeterRegistry meters;

    WalletApi(WalletConfig.Http config, MeterRegistry meters, Clock clock) {
        this.config = config;
        this.meters = meters;
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        boolean tls = "https".equals(config.url().getScheme());
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .sslContext(WalletTls.context(config))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        WalletConfig.Breaker b = config.breaker();
        this.breaker = CircuitBreaker.of(
                "wallet-api",
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(b.window())
                        .minimumNumberOfCalls(b.minCalls())
                        .failureRateThreshold(b.failureRate())
                        .waitDurationInOpenState(b.openFor())
                        .permittedNumberOfCallsInHalfOpenState(Math.min(3, b.minCalls()))
                        .clock(clock)
                        .build());
        breaker.getEventPublisher().onStateTransition(e -> log.warn("wallet API circuit: {}", e.getStateTransition()));
        Gauge.builder("hotline_wallet_circuit_state", breaker, cb -> switch (cb.getState()) {
                    case OPEN, FORCED_OPEN -> 1;
                    case HALF_OPEN -> 2;
                    default -> 0;
                })
                .description("the wallet API's circuit breaker: 0 closed, 1 open (requests fail at once), 2 half-open")
                .strongReference(true)
                .register(meters);
    }

    /** The breaker's state, for tests and the health page. */
    CircuitBreaker.State circuit() {
        return breaker.getState();
    }

    /**
     * Sends one operation's request and returns its 2xx or 404 answer.
     *
     * @param body JSON to send, or null for a GET
     * @param key  the Idempotency-Key, for a {@link Safety#KEYED_WRITE}
     * @throws WalletUnavailable when the API did not answer usefully (after the retries the request allows)
     */
    Reply call(String operation, String method, String path, JsonNode body, String key, Safety safety) {
        Duration timeout = safety == Safety.READ ? config.readTimeout() : config.writeTimeout();
        int attempts = safety == Safety.WRITE ? 1 : config.attempts();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(config.url() + path))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (config.token() != null) {
            b.header("Authorization", "Bearer " + config.token());
        }
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpRequest request = b.build();
        String lastProblem = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                Counter.builder("hotline_wallet_retries_total")
                        .tag("operation", operation)
                        .description("wallet API requests sent again after a failure")
                        .register(meters)
                        .increment();
                pause(operation);
            }
            if (!breaker.tryAcquirePermission()) {
                record(operation, "circuit_open", 0);
                throw new WalletUnavailable("wallet API " + operation + ": circuit open, not sent"
                        + (lastProblem.isEmpty() ? "" : " (before: " + lastProblem + ")"));
            }
            long t0 = System.nanoTime();
            HttpResponse<String> resp;
            try {
                resp = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                lastProblem = failed(operation, "timeout", t0, "no answer within " + timeout.toMillis() + " ms");
                continue;
            } catch (ConnectException e) {
                lastProblem = failed(operation, "connection_failed", t0, "cannot connect: " + e.getMessage());
                continue;
            } catch (IOException e) {
                lastProblem = failed(operation, "connection_failed", t0, "connection lost: " + e);
                continue;
            } catch (InterruptedException e) {
                breaker.releasePermission();
                Thread.currentThread().interrupt();
                throw new WalletUnavailable("wallet API " + operation + ": interrupted (the action's time ran out)");
            }
            int status = resp.statusCode();
            long nanos = System.nanoTime() - t0;
            if (status >= 500) {
                lastProblem = failed(operation, "server_error", t0, "HTTP " + status);
                continue;
            }
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            if ((status >= 200 && status < 300) || status == 404) {
                record(operation, status == 404 ? "not_found" : "ok", nanos);
                return new Reply(status, parse(operation, resp.body(), status));
            }
            record(operation, "rejected", nanos);
            log.error("wallet API {} refused the request: HTTP {} {}", operation, status, errorSummary(resp.body()));
            throw new WalletUnavailable("wallet API " + operation + ": refused, HTTP " + status);
        }
        log.warn("wallet API {} failed after {} attempt(s): {}", operation, attempts, lastProblem);
        throw new WalletUnavailable("wallet API " + operation + ": " + lastProblem + " (" + attempts + " attempt(s))");
    }

    private String failed(String operation, String outcome, long t0, String problem) {
        long nanos = System.nanoTime() - t0;
        breaker.onError(nanos, TimeUnit.NANOSECONDS, new WalletUnavailable(problem));
        record(operation, outcome, nanos);
        return problem;
    }

    private void record(String operation, String outcome, long nanos) {
        Timer.builder("hotline_wallet_request_seconds")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .description("wallet API requests, one per attempt")
                .register(meters)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private void pause(String operation) {
        try {
            Thread.sleep(config.retryBackoff()); // the back-off between attempts, on the call's virtual thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalletUnavailable("wallet API " + operation + ": interrupted (the action's time ran out)");
        }
    }

    private static JsonNode parse(String operation, String body, int status) {
        if (status == 404 || body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new WalletUnavailable("wallet API " + operation + ": the answer is not JSON");
        }
    }

    /** The {@code error} and {@code field} of an Error body, never its message (it could echo input). */
    private static String errorSummary(String body) {
        try {
            JsonNode n = JSON.readTree(body == null ? "" : body);
            return n == null
                    ? ""
                    : n.path("error").asText("")
                            + (n.has("field") ? " field=" + n.path("field").asText() : "");
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        client.close();
        executor.close();
    }
}
