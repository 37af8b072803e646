package io.hotline.emulator.ari;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.hotline.emulator.asterisk.Sounds;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * An emulated Asterisk ARI server: real HTTP and WebSocket on port 0 of 127.0.0.1, events built from the frames
 * recorded in {@code ari-basic.txt} ({@link AriTranscript}), and every request checked against Asterisk's own ARI
 * description ({@link AriApiDescription}). A request Asterisk would not accept is answered 400/404 and recorded in
 * {@link #violations()}; tests and the benchmark count on the list staying empty. Callers are simulated by
 * {@link CallerScript}s and by the caller controls of each {@link EmulatedChannel}. The one ARI stand-in of the
 * tests and of {@code hotline bench ari}.
 *
 * <p>Each server turn is timed ({@link #drainTurns}): for each channel, from the last thing the emulator sent about
 * it (an event or a REST reply) to the next REST request the server makes for it.
 *
 * <p>Threading: all state lives on the emulator's own Vert.x context; the methods called from other threads hop
 * there (the channel's caller controls must be called on it: {@link #onContext}). It runs on its own {@link Vertx}
 * instance, like a separate Asterisk process.
 */
public final class AriEmulator implements AutoCloseable {
    public static final String USER = "hotline";
    public static final String PASSWORD = "secret";
    public static final String APP = "hotline";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    final AriApiDescription api = AriApiDescription.load();
    final AriTranscript transcript = AriTranscript.load();
    private final Vertx vertx;
    private final Context context;
    private final AriRequests rest;
    private HttpServer server;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<String, EmulatedChannel> channels = new ConcurrentHashMap<>();
    final Map<String, Playback> playbacks = new ConcurrentHashMap<>();
    private final Set<ServerWebSocket> sockets = new HashSet<>();
    /** The WebSocket the application's events go to, or null while it is not registered. */
    private ServerWebSocket owner;

    private final AtomicLong replacements = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong(30);
    private final Map<String, Long> mediaMillis = new ConcurrentHashMap<>();
    private final AtomicLong connections = new AtomicLong();
    /** Server turns in nanoseconds, on the context. */
    private final List<Long> turns = new ArrayList<>();

    private volatile long refuseEventsUntil;
    /**
     * The sound files this Asterisk has (every file by default): a {@code sound:} of any other file fails as
     * res_stasis_playback fails it (PlaybackContinuing to the next media, or PlaybackFinished with state
     * {@code failed} for the last).
     */
    private volatile Sounds sounds = Sounds.every();

    private volatile long defaultMediaMillis = 30;
    private volatile long listenMillis;
    /** How long a caller takes between the keys of one press, unless its script says otherwise. */
    static final long KEY_GAP_MILLIS = 30;

    volatile long reactionMillis = 20;

    private AriEmulator(Vertx vertx) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.rest = new AriRequests(this);
    }

    /** Starts an emulated Asterisk on its own Vert.x instance and a free port of 127.0.0.1. */
    public static AriEmulator start() throws Exception {
        AriEmulator e = new AriEmulator(Vertx.vertx());
        CompletableFuture<HttpServer> started = new CompletableFuture<>();
        e.context.runOnContext(v -> {
            HttpServer s = e.vertx
                    .createHttpServer()
                    .requestHandler(e.rest::onRequest)
                    .webSocketHandshakeHandler(e::onHandshake)
                    .webSocketHandler(e::onWebSocket);
            s.listen(0, "127.0.0.1").onComplete(ar -> {
                if (ar.succeeded()) {
                    started.complete(ar.result());
                } else {
                    started.completeExceptionally(ar.cause());
                }
            });
        });
        e.server = started.get(10, TimeUnit.SECONDS);
        return e;
    }

    public int port() {
        return server.actualPort();
    }

    /** From now on this Asterisk has these sound files ({@link Sounds#every()} until told otherwise). */
    public AriEmulator sounds(Sounds installed) {
        sounds = installed;
        return this;
    }

    Sounds sounds() {
        return sounds;
    }

    /**
     * Media without a duration of its own ({@link #mediaDuration}) plays {@code media} (default 30 ms; zero: it ends
     * at once), and callers react {@code reaction} after a media item starts (default 20 ms).
     */
    public AriEmulator timing(Duration media, Duration reaction) {
        defaultMediaMillis = media.toMillis();
        reactionMillis = reaction.toMillis();
        return this;
    }

    /**
     * Callers listen about {@code each} (uniformly half to one and a half times it) to every media item without a
     * duration of its own, instead of the default media time; zero turns it off.
     */
    public AriEmulator listening(Duration each) {
        listenMillis = each.toMillis();
        return this;
    }

    /** Requests (and WebSocket handshakes) Asterisk would have refused. Must stay empty. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Every valid request, as {@code METHOD /path?query} (path after {@code /ari}). */
    public List<String> requests() {
        return rest.requests();
    }

    /** How many times a WebSocket took the application over from another that was still open. */
    public long replacements() {
        return replacements.get();
    }

    /** How many event WebSockets are open now. */
    public int openEventLinks() {
        return onContext(sockets::size);
    }

    /** How many event WebSockets were accepted so far. */
    public long eventConnections() {
        return connections.get();
    }

    /** Completes when the application's channels were first looked up (the client's re-sync after connecting). */
    public CompletableFuture<Void> applicationLookedUp() {
        return rest.applicationLookedUp.copy();
    }

    /** Answers to GET /applications wait for {@code until} (their channel list is still taken on arrival). */
    public void holdApplicationAnswers(CompletableFuture<Void> until) {
        rest.holdApplicationAnswers = until;
    }

    /** The stored recordings' names: what the server left on "Asterisk's host". */
    public Set<String> storedRecordings() {
        return rest.storedRecordings();
    }

    /** Media whose URI contains {@code substring} plays this long. */
    public void mediaDuration(String substring, Duration d) {
        mediaMillis.put(substring, d.toMillis());
    }

    @SuppressFBWarnings(value = "PREDICTABLE_RANDOM", justification = "varies a caller's listening time, not a secret")
    long mediaMillis(String uri) {
        for (Map.Entry<String, Long> e : mediaMillis.entrySet()) {
            if (uri.contains(e.getKey())) {
                return e.getValue();
            }
        }
        long l = listenMillis;
        return l > 0 ? Math.max(1, l / 2 + ThreadLocalRandom.current().nextLong(l + 1)) : defaultMediaMillis;
    }

    /** The channel with this id (the call id the server reports). */
    public EmulatedChannel channel(String id) {
        return channels.get(id);
    }

    Iterable<EmulatedChannel> channels() {
        return channels.values();
    }

    /** A caller dials in: a new channel enters Stasis(hotline[,args]) and StasisStart is sent. */
    public EmulatedChannel dial(String callerNumber, CallerScript script, String... stasisArgs) {
        return announce(prepare(callerNumber, script, stasisArgs));
    }

    /** A channel that will dial in with {@link #announce}; its id is known before the server hears of it. */
    public EmulatedChannel prepare(String callerNumber, CallerScript script, String... stasisArgs) {
        return newChannel(callerNumber, script, stasisArgs);
    }

    /** The prepared channel enters Stasis; StasisStart is sent. */
    public EmulatedChannel announce(EmulatedChannel ch) {
        context.runOnContext(v -> ch.enterStasis(true));
        return ch;
    }

    /** A channel that is in Stasis but whose StasisStart nobody heard (e.g. before the server started). */
    public EmulatedChannel park(String callerNumber, CallerScript script, String... stasisArgs) {
        EmulatedChannel ch = newChannel(callerNumber, script, stasisArgs);
        onContext(() -> ch.enterStasis(false));
        return ch;
    }

    /**
     * Closes every event WebSocket and refuses new ones for {@code downFor}, as a network fault would. Events raised
     * meanwhile are lost, as Asterisk loses them.
     */
    public void dropEventLinks(Duration downFor) {
        onContext(() -> {
            refuseEventsUntil = System.nanoTime() + downFor.toNanos();
            for (ServerWebSocket ws : List.copyOf(sockets)) {
                ws.close();
            }
            sockets.clear();
        });
    }

    /** The server turns timed so far, in nanoseconds; forgets them. */
    public long[] drainTurns() {
        return onContext(() -> {
            long[] out = turns.stream().mapToLong(Long::longValue).toArray();
            turns.clear();
            return out;
        });
    }

    /** Runs {@code action} on the emulator's context and waits for it. */
    public void onContext(Runnable action) {
        onContext(() -> {
            action.run();
            return null;
        });
    }

    private <T> T onContext(Supplier<T> action) {
        CompletableFuture<T> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                done.complete(action.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done.join();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    // ---- used by the channels and the REST half (on the context) ----

    Context context() {
        return context;
    }

    Vertx vertx() {
        return vertx;
    }

    String now() {
        return ZonedDateTime.now().format(TIME);
    }

    void reply(HttpServerRequest req, int status, JsonObject body) {
        rest.reply(req, status, body);
    }

    void storeRecording(String name, byte[] wav) {
        rest.storeRecording(name, wav);
    }

    void violation(String why) {
        violations.add(why);
    }

    void turn(long nanos) {
        turns.add(nanos);
    }

    /**
     * Sends an event to the WebSocket that registered the application last; lost when none holds it
     * (res/stasis/app.c: one handler per application).
     */
    void emit(JsonObject event) {
        if (owner != null) {
            owner.writeTextMessage(event.encode());
        }
    }

    String newId() {
        return "1795393863." + sequence.incrementAndGet();
    }

    private EmulatedChannel newChannel(String callerNumber, CallerScript script, String... stasisArgs) {
        long n = sequence.addAndGet(2);
        String id = "1795393863." + n;
        String name = String.format("Local/200@hotline-%08x;2", n);
        EmulatedChannel ch = new EmulatedChannel(this, id, name, callerNumber, "en", List.of(stasisArgs), script);
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

    static boolean authorized(String header) {
        String expected =
                "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return expected.equals(header);
    }

    static MultiMap query(String rawQuery) {
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        Map<String, List<String>> decoded = new QueryStringDecoder("?" + rawQuery, StandardCharsets.UTF_8).parameters();
        new LinkedHashMap<>(decoded).forEach((k, vs) -> vs.forEach(v -> out.add(k, v)));
        return out;
    }
}
