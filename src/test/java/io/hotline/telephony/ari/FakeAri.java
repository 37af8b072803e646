package io.hotline.telephony.ari;

import io.hotline.telephony.AsteriskSounds;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake Asterisk ARI server for tests: real HTTP and WebSocket on port 0, events built
 * from the frames recorded in {@code ari-basic.txt}, and every request checked against
 * Asterisk's own ARI description ({@link AriApiDescription}). A request Asterisk would
 * not accept is answered 400/404 and recorded in {@link #violations()}; tests assert the
 * list is empty. Callers are simulated by {@link CallerScript}s.
 *
 * <p>Threading: all state lives on the fake's own Vert.x context; test-thread methods hop
 * there. It runs on its own {@link Vertx} instance, like a separate Asterisk process.
 */
final class FakeAri implements AutoCloseable {
    static final String USER = "hotline";
    static final String PASSWORD = "secret";
    static final String APP = "hotline";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    final AriApiDescription api = AriApiDescription.load();
    final AriTranscript transcript = AriTranscript.load();
    private final Vertx vertx;
    private final Context context;
    private HttpServer server;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, FakeChannel> channels = new ConcurrentHashMap<>();
    final Map<String, FakeChannel.Playback> playbacks = new ConcurrentHashMap<>();
    private final Set<ServerWebSocket> sockets = new HashSet<>();
    /** The WebSocket the application's events go to, or null while it is not registered. */
    private ServerWebSocket owner;

    private final AtomicLong replacements = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong(30);
    private final Map<String, Long> mediaMillis = new ConcurrentHashMap<>();
    private final AtomicLong connections = new AtomicLong();
    /** Completes when the application's channels were first looked up (the client's re-sync after connecting). */
    final CompletableFuture<Void> applicationLookedUp = new CompletableFuture<>();
    /** When set, answers to GET /applications wait for it (their channel list is still taken on arrival). */
    volatile CompletableFuture<Void> holdApplicationAnswers;

    private volatile long refuseEventsUntil;
    /**
     * The sound files this Asterisk has ({@link AsteriskSounds#forFakes} by default: core English
     * sounds, the shipped flows' generated prompts under {@code hotline/}, the adapter tests' own
     * few prompts): a {@code sound:} of any other file fails as
     * res_stasis_playback fails it (PlaybackContinuing to the next media, or PlaybackFinished
     * with state {@code failed} for the last).
     */
    volatile AsteriskSounds.Installed sounds = AsteriskSounds.forFakes();

    long defaultMediaMillis = 30;
    long keyGapMillis = 30;
    long reactionMillis = 20;

    private FakeAri(Vertx vertx) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
    }

    static FakeAri start() throws Exception {
        FakeAri fake = new FakeAri(Vertx.vertx());
        CompletableFuture<HttpServer> started = new CompletableFuture<>();
        fake.context.runOnContext(v -> {
            HttpServer s = fake.vertx
                    .createHttpServer()
                    .requestHandler(fake::onRequest)
                    .webSocketHandshakeHandler(fake::onHandshake)
                    .webSocketHandler(fake::onWebSocket);
            s.listen(0, "127.0.0.1").onComplete(ar -> {
                if (ar.succeeded()) {
                    started.complete(ar.result());
                } else {
                    started.completeExceptionally(ar.cause());
                }
            });
        });
        fake.server = started.get(10, TimeUnit.SECONDS);
        return fake;
    }

    int port() {
        return server.actualPort();
    }

    /** A config pointing at this fake, with quick reconnects for tests. */
    AriConfig config() {
        return new AriConfig(
                URI.create("http://127.0.0.1:" + port()),
                USER,
                PASSWORD,
                APP,
                "hotline",
                Duration.ofMillis(20),
                Duration.ofMillis(200),
                Duration.ofSeconds(5),
                Duration.ofSeconds(2));
    }

    /** Requests (and WebSocket handshakes) Asterisk would have refused. Must stay empty. */
    List<String> violations() {
        return List.copyOf(violations);
    }

    /** Every valid request, as {@code METHOD /path?query} (path after {@code /ari}). */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** How many times a WebSocket took the application over from another that was still open. */
    long replacements() {
        return replacements.get();
    }

    /** How many event WebSockets are open now. */
    int openEventLinks() {
        CompletableFuture<Integer> n = new CompletableFuture<>();
        context.runOnContext(v -> n.complete(sockets.size()));
        return n.join();
    }

    /** How many event WebSockets were accepted so far. */
    long eventConnections() {
        return connections.get();
    }

    /** Media whose URI contains {@code substring} plays this long (default 30 ms). */
    void mediaDuration(String substring, Duration d) {
        mediaMillis.put(substring, d.toMillis());
    }

    long mediaMillis(String uri) {
        return mediaMillis.entrySet().stream()
                .filter(e -> uri.contains(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(defaultMediaMillis);
    }

    /** The channel with this id (the call id the adapter reports). */
    FakeChannel channel(String id) {
        return channels.get(id);
    }

    /** A caller dials in: a new channel enters Stasis(hotline[,args]) and StasisStart is sent. */
    FakeChannel dial(String callerNumber, CallerScript script, String... stasisArgs) {
        return announce(prepare(callerNumber, script, stasisArgs));
    }

    /** A channel that will dial in with {@link #announce}; its id is known before the server hears of it. */
    FakeChannel prepare(String callerNumber, CallerScript script, String... stasisArgs) {
        return newChannel(callerNumber, script, stasisArgs);
    }

    /** The prepared channel enters Stasis; StasisStart is sent. */
    FakeChannel announce(FakeChannel ch) {
        context.runOnContext(v -> ch.enterStasis(true));
        return ch;
    }

    /** A channel that is in Stasis but whose StasisStart nobody heard (e.g. before we started). */
    FakeChannel park(String callerNumber, CallerScript script, String... stasisArgs) {
        FakeChannel ch = newChannel(callerNumber, script, stasisArgs);
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            ch.enterStasis(false);
            done.complete(null);
        });
        done.join();
        return ch;
    }

    /**
     * Closes every event WebSocket and refuses new ones for {@code downFor}, as a network
     * fault would. Events raised meanwhile are lost, as Asterisk loses them.
     */
    void dropEventLinks(Duration downFor) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            refuseEventsUntil = System.nanoTime() + downFor.toNanos();
            for (ServerWebSocket ws : List.copyOf(sockets)) {
                ws.close();
            }
            sockets.clear();
            done.complete(null);
        });
        done.join();
    }

    /** Runs {@code action} on the fake's context and waits for it. */
    void onContext(Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.join();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    // ---- used by FakeChannel (on the context) ----

    /** Stored recordings by name (what Asterisk keeps in its recording directory). */
    private final Map<String, byte[]> stored = new java.util.concurrent.ConcurrentHashMap<>();

    void storeRecording(String name, byte[] wav) {
        stored.put(name, wav);
    }

    /** The stored recordings' names: what Hotline left on "Asterisk's host". */
    java.util.Set<String> storedRecordings() {
        return java.util.Set.copyOf(stored.keySet());
    }

    Vertx vertx() {
        return vertx;
    }

    String now() {
        return ZonedDateTime.now().format(TIME);
    }

    /**
     * Sends an event to the WebSocket that registered the application last; lost when none holds it (res/stasis/app.c:
     * one handler per application).
     */
    void emit(JsonObject event) {
        if (owner != null) {
            owner.writeTextMessage(event.encode());
        }
    }

    String newId() {
        return "1795393863." + sequence.incrementAndGet();
    }

    private FakeChannel newChannel(String callerNumber, CallerScript script, String... stasisArgs) {
        String id = "1795393863." + sequence.addAndGet(2);
        String name = String.format("Local/200@hotline-%08x;2", sequence.get());
        FakeChannel ch = new FakeChannel(this, id, name, callerNumber, "en", List.of(stasisArgs), script);
        channels.put(id, ch);
        return ch;
    }

    // ---- WebSocket ----

    private void onHandshake(ServerWebSocketHandshake hs) {
        MultiMap params = query(hs.query());
        Optional<String> bad = hs.path().equals("/ari/events")
                ? api.check("GET", "/events", params, false)
                : Optional.of("WebSocket to " + hs.path() + " (Asterisk serves /ari/events)");
        if (bad.isEmpty() && !authorized(hs.headers().get("Authorization"))) {
            bad = Optional.of("WebSocket without valid Basic credentials");
        }
        if (bad.isPresent()) {
            violations.add(bad.get());
            hs.reject(400);
            return;
        }
        if (!APP.equals(params.get("app"))) {
            violations.add("WebSocket for app " + params.get("app"));
            hs.reject(400);
            return;
        }
        if (System.nanoTime() < refuseEventsUntil) {
            hs.reject(503);
            return;
        }
        hs.accept();
    }

    /**
     * As Asterisk 22 does: a second WebSocket registering the application replaces the first, which is told so
     * ({@code ApplicationReplaced}, app_update in res/stasis/app.c) and hears nothing more; when any WebSocket that
     * registered it closes, Asterisk unregisters the application (session_unregister_app_cb in
     * res/ari/ari_websockets.c), deactivating it for the newer one too, until a WebSocket registers it again.
     */
    private void onWebSocket(ServerWebSocket ws) {
        sockets.add(ws);
        connections.incrementAndGet();
        if (owner != null) {
            replacements.incrementAndGet();
            owner.writeTextMessage(new JsonObject()
                    .put("type", "ApplicationReplaced")
                    .put("timestamp", now())
                    .put("application", APP)
                    .encode());
        }
        owner = ws;
        ws.closeHandler(v -> {
            sockets.remove(ws);
            owner = null;
        });
        ws.textMessageHandler(t -> violations.add("the client wrote on the event WebSocket: " + t));
    }

    // ---- REST ----

    private void onRequest(HttpServerRequest req) {
        req.body().onSuccess(body -> handle(req, body));
    }

    private void handle(HttpServerRequest req, Buffer body) {
        String method = req.method().name();
        String path = req.path();
        if (!path.startsWith("/ari/")) {
            reject(req, 404, method + " " + path + ": not under /ari");
            return;
        }
        if (!authorized(req.getHeader("Authorization"))) {
            reject(req, 401, method + " " + path + ": no valid Basic credentials");
            return;
        }
        String ariPath = path.substring(4);
        MultiMap query = query(req.query());
        Optional<String> bad = api.check(method, ariPath, query, body.length() > 0);
        if (bad.isPresent()) {
            reject(req, bad.get().startsWith("no operation") ? 404 : 400, bad.get());
            return;
        }
        requests.add(method + " " + ariPath + (req.query() == null ? "" : "?" + req.query()));
        AriApiDescription.Operation op = api.find(method, ariPath).orElseThrow();
        String[] seg = ariPath.split("/");
        switch (method + " " + op.path()) {
            case "GET /applications/{applicationName}" -> {
                JsonObject app = transcript.replyBody("GET", t -> t.startsWith("/ari/applications/"), 200);
                JsonArray ids = new JsonArray();
                channels.values().stream().filter(FakeChannel::inStasis).forEach(c -> ids.add(c.id));
                JsonObject answer = app.put("name", seg[2]).put("channel_ids", ids);
                CompletableFuture<Void> hold = holdApplicationAnswers;
                if (hold == null) {
                    reply(req, 200, answer);
                } else {
                    var unused = hold.whenComplete((v, e) -> context.runOnContext(x -> reply(req, 200, answer)));
                }
                applicationLookedUp.complete(null);
            }
            case "GET /channels/{channelId}" -> withChannel(req, seg[2], false, ch -> reply(req, 200, ch.json()));
            case "POST /channels/{channelId}/answer" -> withChannel(req, seg[2], true, ch -> ch.answer(req));
            case "POST /channels/{channelId}/play" ->
                withChannel(
                        req,
                        seg[2],
                        true,
                        ch -> ch.play(
                                req,
                                List.of(query.get("media").split(",")),
                                query.get("playbackId"),
                                query.get("lang")));
            case "POST /channels/{channelId}/variable" ->
                withChannel(
                        req,
                        seg[2],
                        true,
                        ch -> ch.setVariable(
                                req,
                                query.get("variable"),
                                Optional.ofNullable(query.get("value")).orElse("")));
            case "POST /channels/{channelId}/continue" ->
                withChannel(
                        req,
                        seg[2],
                        true,
                        ch -> ch.continueInDialplan(
                                req, query.get("context"), query.get("extension"), query.get("priority")));
            case "DELETE /channels/{channelId}" -> withChannel(req, seg[2], false, ch -> ch.hangUpByApp(req));
            case "POST /channels/{channelId}/record" ->
                withChannel(
                        req,
                        seg[2],
                        true,
                        ch -> ch.record(
                                req,
                                query.get("name"),
                                query.get("format"),
                                Optional.ofNullable(query.get("terminateOn")).orElse("none")));
            case "GET /recordings/stored/{recordingName}/file" -> {
                byte[] file = stored.get(seg[3]);
                if (file == null) {
                    reply(req, 404, new JsonObject().put("message", "Recording not found"));
                } else {
                    req.response()
                            .setStatusCode(200)
                            .putHeader("Content-Type", "audio/wav")
                            .end(Buffer.buffer(file));
                }
            }
            case "DELETE /recordings/stored/{recordingName}" -> {
                if (stored.remove(seg[3]) == null) {
                    reply(req, 404, new JsonObject().put("message", "Recording not found"));
                } else {
                    req.response().setStatusCode(204).end();
                }
            }
            case "DELETE /playbacks/{playbackId}" -> {
                FakeChannel.Playback pb = playbacks.get(seg[2]);
                if (pb == null) {
                    reply(req, 404, new JsonObject().put("message", "Playback not found"));
                } else {
                    req.response().setStatusCode(204).end();
                    pb.channel().stop(pb);
                }
            }
            case "GET /playbacks/{playbackId}" -> {
                FakeChannel.Playback pb = playbacks.get(seg[2]);
                if (pb == null) {
                    reply(req, 404, new JsonObject().put("message", "Playback not found"));
                } else {
                    reply(req, 200, pb.json("playing"));
                }
            }
            default -> reject(req, 501, "the fake does not implement " + method + " " + op.path());
        }
    }

    private void withChannel(
            HttpServerRequest req, String id, boolean needsStasis, java.util.function.Consumer<FakeChannel> action) {
        FakeChannel ch = channels.get(id);
        if (ch != null && ch.vanishesOn(req.method().name() + " " + req.path().substring(4))) {
            reply(req, 404, transcript.replyBody("POST", t -> t.contains("no-such-channel"), 404));
            return;
        }
        if (ch == null || ch.gone()) {
            reply(req, 404, transcript.replyBody("POST", t -> t.contains("no-such-channel"), 404));
        } else if (needsStasis && !ch.inStasis()) {
            reply(req, 409, transcript.replyBody("POST", t -> t.contains("/play"), 409));
        } else {
            action.accept(ch);
        }
    }

    void reply(HttpServerRequest req, int status, JsonObject body) {
        req.response()
                .setStatusCode(status)
                .putHeader("Content-type", "application/json")
                .end(body.encode());
    }

    private void reject(HttpServerRequest req, int status, String why) {
        violations.add(why);
        reply(req, status, new JsonObject().put("message", why));
    }

    private static boolean authorized(String header) {
        String expected =
                "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return expected.equals(header);
    }

    private static MultiMap query(String rawQuery) {
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        Map<String, List<String>> decoded = new QueryStringDecoder("?" + rawQuery, StandardCharsets.UTF_8).parameters();
        new LinkedHashMap<>(decoded).forEach((k, vs) -> vs.forEach(v -> out.add(k, v)));
        return out;
    }
}
