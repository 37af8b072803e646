package io.hotline.telephony.ari;

import io.hotline.config.Backoff;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /ari/events} WebSocket (events.json, {@code GET /events?app=..}), kept open:
 * when it closes or cannot be opened it is retried after a delay that starts at
 * {@link AriConfig#reconnectMin()} and doubles up to {@link AriConfig#reconnectMax()}.
 * Credentials go in a Basic {@code Authorization} header, never in the URL.
 *
 * <p>Threading: confined to the client's Vert.x context; its handlers run there.
 */
final class EventLink {
    private static final Logger log = LoggerFactory.getLogger(EventLink.class);

    private final Vertx vertx;
    private final AriConfig config;
    private final WebSocketClient client;
    private final Handler<String> onEvent;
    private final Runnable onUp;
    private final Runnable onDown;
    private final java.util.function.BooleanSupplier mayConnect;
    private final Runnable onStandby;
    private WebSocket socket;
    private boolean connecting;
    private int failedAttempts;
    private long retryTimer = -1;
    private boolean stopped;

    EventLink(Vertx vertx, AriConfig config, Handler<String> onEvent, Runnable onUp, Runnable onDown) {
        this(vertx, config, onEvent, onUp, onDown, () -> true, () -> {});
    }

    /**
     * @param mayConnect asked before every attempt: false while another node holds the application's lease
     * @param onStandby  called instead of connecting when {@code mayConnect} says no
     */
    EventLink(
            Vertx vertx,
            AriConfig config,
            Handler<String> onEvent,
            Runnable onUp,
            Runnable onDown,
            java.util.function.BooleanSupplier mayConnect,
            Runnable onStandby) {
        this.mayConnect = mayConnect;
        this.onStandby = onStandby;
        this.vertx = vertx;
        this.config = config;
        this.onEvent = onEvent;
        this.onUp = onUp;
        this.onDown = onDown;
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setSsl(config.ssl())
                .setConnectTimeout((int) config.requestTimeout().toMillis())
                .setMaxMessageSize(1024 * 1024));
    }

    void connect() {
        if (stopped || socket != null || connecting) {
            return;
        }
        if (retryTimer >= 0) {
            vertx.cancelTimer(retryTimer);
            retryTimer = -1;
        }
        if (!mayConnect.getAsBoolean()) {
            onStandby.run();
            return;
        }
        connecting = true;
        String credentials = Base64.getEncoder()
                .encodeToString((config.user() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setSsl(config.ssl())
                .setURI(config.pathPrefix() + "/ari/events?app=" + config.app() + "&subscribeAll=false")
                .addHeader("Authorization", "Basic " + credentials);
        client.connect(options).onComplete(ar -> {
            connecting = false;
            if (ar.failed()) {
                retry("cannot connect: " + ar.cause().getMessage());
                return;
            }
            WebSocket ws = ar.result();
            if (stopped || !mayConnect.getAsBoolean()) {
                ws.close();
                if (!stopped) {
                    onStandby.run();
                }
                return;
            }
            socket = ws;
            failedAttempts = 0;
            ws.textMessageHandler(onEvent);
            ws.exceptionHandler(e -> log.warn("ARI event link error: {}", e.getMessage()));
            ws.closeHandler(v -> {
                if (socket == ws) {
                    socket = null;
                    if (!stopped && !mayConnect.getAsBoolean()) {
                        onDown.run();
                        onStandby.run();
                    } else if (!stopped) {
                        onDown.run();
                        retry("closed by Asterisk (status " + ws.closeStatusCode() + ")");
                    }
                }
            });
            log.info("ARI event link up: {} app={}", config.baseUrl(), config.app());
            onUp.run();
        });
    }

    /** Closes the WebSocket from our side, as if the network dropped it (for tests and reloads). */
    void drop() {
        if (socket != null) {
            socket.close();
        }
    }

    Future<Void> stop() {
        stopped = true;
        if (retryTimer >= 0) {
            vertx.cancelTimer(retryTimer);
        }
        WebSocket ws = socket;
        socket = null;
        Future<Void> closed = ws == null ? Future.succeededFuture() : ws.close().recover(e -> Future.succeededFuture());
        return closed.eventually(client::close);
    }

    private void retry(String why) {
        if (stopped) {
            return;
        }
        // jittered, so that several servers do not hammer a restarting Asterisk in step
        long delay = new Backoff(config.reconnectMin(), config.reconnectMax())
                .jitteredAfter(failedAttempts + 1)
                .toMillis();
        failedAttempts++;
        if (failedAttempts == 1 || failedAttempts % 10 == 0) {
            log.warn("ARI event link down ({}); retrying in {} ms (attempt {})", why, delay, failedAttempts);
        }
        retryTimer = vertx.setTimer(Math.max(1, delay), id -> {
            retryTimer = -1;
            connect();
        });
    }
}
