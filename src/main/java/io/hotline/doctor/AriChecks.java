package io.hotline.doctor;

import io.hotline.telephony.ari.AriConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * ARI, when Hotline uses it: reachable, the credentials work, the Stasis application is registered (by
 * the running {@code serve}; when none runs the doctor registers it for a moment itself), and the version
 * Asterisk reports. Read-only: GETs and one event WebSocket.
 */
final class AriChecks {
    private final AriConfig config;
    private final Duration timeout;
    private final HttpClient http;

    AriChecks(AriConfig config, Duration timeout) {
        this.config = config;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** @param serveRunning whether a Hotline server runs (then it, not the doctor, must have registered the app) */
    List<Finding> run(boolean serveRunning) {
        List<Finding> out = new ArrayList<>();
        HttpResponse<String> info;
        try {
            info = get("/ari/asterisk/info");
        } catch (IOException e) {
            out.add(Finding.problem(
                    "ari.reachable",
                    "no ARI at " + config.baseUrl() + ": " + describe(e),
                    "http.conf [general] enabled = yes, bindaddr/bindport reachable from here, and ari.conf [general]"
                            + " enabled = yes; HOTLINE_ARI_URL must name it"));
            return out;
        }
        if (info.statusCode() == 401) {
            out.add(Finding.ok("ari.reachable", "ARI answers at " + config.baseUrl()));
            out.add(Finding.problem(
                    "ari.credentials",
                    "ARI refused user " + config.user() + " (401)",
                    "HOTLINE_ARI_PASSWORD must equal ari.conf [" + config.user() + "] password (type = user)"));
            return out;
        }
        if (info.statusCode() != 200) {
            out.add(Finding.problem(
                    "ari.reachable",
                    "GET /ari/asterisk/info at " + config.baseUrl() + " answered " + info.statusCode(),
                    "HOTLINE_ARI_URL must be Asterisk's HTTP server with its http.conf prefix"));
            return out;
        }
        out.add(Finding.ok("ari.reachable", "ARI answers at " + config.baseUrl()));
        out.add(Finding.ok("ari.credentials", "user " + config.user() + " accepted"));
        out.add(app(serveRunning));
        return out;
    }

    private Finding app(boolean serveRunning) {
        try {
            if (registered()) {
                return Finding.ok(
                        "ari.app",
                        "Stasis application " + config.app() + " is registered"
                                + (serveRunning ? " (by the running Hotline)" : ""));
            }
            if (serveRunning) {
                return Finding.problem(
                        "ari.app",
                        "Stasis application " + config.app() + " is not registered although"
                                + " a Hotline server runs: its ARI link is down",
                        "check serve's log for the ARI link, HOTLINE_TELEPHONY=ari or both, and HOTLINE_ARI_APP");
            }
            String url = config.baseUrl().toString().replaceFirst("^http", "ws") + "/ari/events?app="
                    + URLEncoder.encode(config.app(), StandardCharsets.UTF_8) + "&api_key="
                    + URLEncoder.encode(config.user() + ":" + config.password(), StandardCharsets.UTF_8);
            WebSocket ws = http.newWebSocketBuilder()
                    .connectTimeout(timeout)
                    .buildAsync(URI.create(url), new WebSocket.Listener() {})
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                return registered()
                        ? Finding.ok(
                                "ari.app",
                                "Stasis application " + config.app() + " registers (the"
                                        + " doctor registered it for a moment: no Hotline server runs)")
                        : Finding.problem(
                                "ari.app",
                                "Stasis application " + config.app() + " did not register",
                                "ari.conf [" + config.user() + "] must be type = user with read_only = no");
            } finally {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "doctor done").get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (IOException
                | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException
                | CompletionException e) {
            return Finding.problem(
                    "ari.app",
                    "cannot register Stasis application " + config.app() + ": " + describe(e),
                    "the ARI event WebSocket (/ari/events) must be reachable: http.conf, ari.conf");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Finding.problem("ari.app", "interrupted", "");
        }
    }

    private boolean registered() throws IOException {
        return get("/ari/applications/" + URLEncoder.encode(config.app(), StandardCharsets.UTF_8))
                        .statusCode()
                == 200;
    }

    private HttpResponse<String> get(String path) throws IOException {
        String auth = Base64.getEncoder()
                .encodeToString((config.user() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(URI.create(config.baseUrl() + path))
                .timeout(timeout)
                .header("Authorization", "Basic " + auth)
                .GET()
                .build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String describe(Throwable e) {
        Throwable c = e;
        while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
