package io.hotline.console;

import io.hotline.reports.Figures;
import io.hotline.reports.LiveQueues;
import io.hotline.reports.LiveSettings;
import io.hotline.reports.QueueFigures;
import io.hotline.reports.Report;
import io.hotline.reports.Reports;
import io.hotline.telephony.queue.QueueEvent;
import io.hotline.users.Role;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real-time queue figures on the console: feeds {@link LiveQueues} with the queue events, reads
 * today's figures from the durable record every {@value #TODAY_MS} ms, and once a second sends the
 * figures (a {@code queues} message) to supervisors' and admins' consoles and to wallboards opened with
 * the wallboard token ({@code /ws/wallboard}). Rendering only: the figures come from {@code reports}.
 *
 * <p>Confined to the console's event loop; {@link #latest()} may be read from any thread.
 */
final class LiveBoard {
    private static final Logger log = LoggerFactory.getLogger(LiveBoard.class);
    static final long TICK_MS = 1000;
    static final long TODAY_MS = 2000;

    private final Vertx vertx;
    private final Blocking blocking;
    private final Reports reports;
    private final LiveSettings settings;
    private final LiveQueues live;
    private final Clock clock;
    private final ZoneId zone;
    private final List<ServerWebSocket> wallboards = new ArrayList<>();
    private Map<String, Figures> today = Map.of();
    private boolean todayDemo;
    private boolean reading;
    private String last = "";
    private volatile List<QueueFigures> latest = List.of();

    LiveBoard(
            Vertx vertx,
            Blocking blocking,
            Reports reports,
            LiveSettings settings,
            List<String> queues,
            Clock clock,
            ZoneId zone) {
        this.vertx = vertx;
        this.blocking = blocking;
        this.reports = reports;
        this.settings = settings;
        this.live = new LiveQueues(queues, settings.wrapUp(), settings.slGoal());
        this.clock = clock;
        this.zone = zone;
    }

    /** The live board of the console {@code cfg}, started: it sends to supervisors' and admins' consoles in {@code hub}. */
    static LiveBoard start(
            Vertx vertx, Blocking blocking, Reports reports, ConsoleConfig cfg, Clock clock, AgentHub hub) {
        var board = new LiveBoard(vertx, blocking, reports, cfg.live(), cfg.queues(), clock, cfg.zone());
        board.start(text -> hub.forEach(sock -> {
            if (sock.user().role() != Role.AGENT) {
                hub.write(sock, text);
            }
        }));
        return board;
    }

    Reports reports() {
        return reports;
    }

    void apply(QueueEvent e) {
        live.apply(e);
    }

    /** Starts the timers; {@code consoles} sends a message to every supervisor's and admin's console. */
    void start(Consumer<String> consoles) {
        readToday();
        vertx.setPeriodic(TODAY_MS, id -> readToday());
        vertx.setPeriodic(TICK_MS, id -> {
            String text = message().encode();
            latest = figures();
            if (!text.equals(last)) {
                last = text;
                consoles.accept(text);
                wallboards.removeIf(ServerWebSocket::isClosed);
                wallboards.forEach(ws -> ws.writeTextMessage(text));
            }
        });
    }

    /** The figures as last computed (Prometheus). */
    List<QueueFigures> latest() {
        return latest;
    }

    private void readToday() {
        if (reading) {
            return;
        }
        reading = true;
        Instant now = clock.instant();
        Instant midnight = LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
        blocking.run(() -> reports.report(midnight, now.plusSeconds(1), Report.By.QUEUE))
                .onComplete(ar -> {
                    reading = false;
                    if (ar.succeeded()) {
                        Map<String, Figures> m = new HashMap<>();
                        ar.result().rows().forEach(r -> m.put(r.key(), r.figures()));
                        today = m;
                        todayDemo = ar.result().demo();
                    } else {
                        log.warn(
                                "today's queue figures not read: {}", ar.cause().toString());
                    }
                });
    }

    private List<QueueFigures> figures() {
        return live.figures(clock.instant(), today, settings.rules());
    }

    /** The {@code queues} message: every queue's figures now. */
    JsonObject message() {
        JsonArray queues = new JsonArray();
        for (QueueFigures q : figures()) {
            Figures f = q.today();
            queues.add(new JsonObject()
                    .put("queue", q.queue())
                    .put("waiting", q.waiting())
                    .put("longestWait", q.longestWaitSeconds())
                    .put("available", q.available())
                    .put("onCall", q.onCall())
                    .put("paused", q.paused())
                    .put("wrapUp", q.wrapUp())
                    .put("offered", f.offered())
                    .put("answered", f.answered())
                    .put("abandoned", f.abandoned())
                    .put("shortAbandoned", f.shortAbandoned())
                    .put("serviceLevel", f.serviceLevel())
                    .put("asa", f.asa())
                    .put("abandonRate", f.abandonRate())
                    .put("target", q.targetSeconds())
                    .put("slStatus", q.slStatus())
                    .put("waitStatus", q.waitStatus())
                    .put("callbacksPending", q.callbacksPending()));
        }
        return new JsonObject()
                .put("type", "queues")
                .put("queues", queues)
                .put("slGoal", settings.slGoal())
                .put("demo", todayDemo);
    }

    /** {@code GET /api/queues/live}: supervisors and admins, or the wallboard token. */
    void http(RoutingContext ctx) {
        if (!allowed(ctx)) {
            Http.error(ctx, 401, "sign in as a supervisor, or give the wallboard token");
            return;
        }
        Http.ok(ctx, message());
    }

    /** {@code /ws/wallboard?token=...}: a read-only socket that only gets the {@code queues} messages. */
    void socket(RoutingContext ctx) {
        if (!tokenOk(ctx.request().getParam("token"))) {
            Http.error(ctx, 401, "token: not the wallboard token");
            return;
        }
        ctx.request()
                .toWebSocket()
                .onSuccess(ws -> {
                    wallboards.add(ws);
                    ws.writeTextMessage(message().encode());
                    ws.textMessageHandler(t -> {}); // pings
                })
                .onFailure(e -> log.debug("wallboard WebSocket upgrade failed: {}", e.toString()));
    }

    boolean allowed(RoutingContext ctx) {
        Sessions.Session s = Http.session(ctx);
        if (s != null && s.signedIn() && s.user.role() != Role.AGENT) {
            return true;
        }
        return tokenOk(ctx.request().getParam("token"));
    }

    private boolean tokenOk(String given) {
        String token = settings.wallboardToken();
        return !token.isEmpty()
                && given != null
                && java.security.MessageDigest.isEqual(
                        token.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
