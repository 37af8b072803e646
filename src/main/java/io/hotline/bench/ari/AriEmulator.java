package io.hotline.bench.ari;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An emulated Asterisk for the ARI benchmark: the subset of ARI the adapter uses (answer,
 * play, stop a playback, set a variable, continue, hang up, the application's channels),
 * with events shaped as Asterisk 22 sends them, and callers that press keys when a given
 * prompt starts. Playbacks end at once unless the caller barges into them, so what is
 * measured is Hotline, not audio.
 *
 * <p>Turn time: for each channel, the time from the last thing the emulator sent about it
 * (an event or a REST reply) to the next REST request Hotline makes for it: what the
 * server spent deciding and doing its next step, network included. Like the AGI peer's
 * "reply to next command".
 *
 * <p>Threading: everything runs on the emulator's one Vert.x context.
 */
public final class AriEmulator {
    private static final String ASTERISK_ID = "02:fc:00:00:00:01";

    /** Press {@code keys} ({@code gapMillis} apart) when a prompt whose media contains {@code prompt} starts. */
    public record Press(String prompt, String keys, long gapMillis) {}

    private final Vertx vertx;
    private final Context context;
    private final String authorization;
    private final String app;
    private final Set<ServerWebSocket> sockets = new HashSet<>();
    private final Map<String, Channel> channels = new HashMap<>();
    private final Map<String, Channel> playbacks = new HashMap<>();
    private final List<Long> turnNanos = new ArrayList<>();
    // how long a caller listens to a prompt that plays to its end (zero: it ends at once)
    private volatile long listenMillis;
    private HttpServer server;
    private long sequence;

    private static final class Channel {
        final String id;
        final String callerNumber;
        final List<Press> script;
        final String mustHear;
        boolean heard;
        final Consumer<String> done;
        int step;
        long lastSent;
        boolean gone;
        String json;

        Channel(String id, String callerNumber, List<Press> script, String mustHear, Consumer<String> done) {
            this.id = id;
            this.callerNumber = callerNumber;
            this.script = script;
            this.mustHear = mustHear;
            this.done = done;
        }
    }

    private AriEmulator(Vertx vertx, String user, String password, String app) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.app = app;
    }

    /** Starts on a free port of 127.0.0.1. */
    public static Future<AriEmulator> start(Vertx vertx, String user, String password, String app) {
        AriEmulator e = new AriEmulator(vertx, user, password, app);
        Promise<AriEmulator> started = Promise.promise();
        e.context.runOnContext(v -> {
            e.server = vertx.createHttpServer().requestHandler(e::onRequest).webSocketHandler(e::onWebSocket);
            e.server.listen(0, "127.0.0.1").onSuccess(s -> started.complete(e)).onFailure(started::fail);
        });
        return started.future();
    }

    public int port() {
        return server.actualPort();
    }

    /** How many application WebSockets are open. */
    public Future<Integer> connections() {
        Promise<Integer> p = Promise.promise();
        context.runOnContext(v -> p.complete(sockets.size()));
        return p.future();
    }

    /**
     * A caller dials in (StasisStart). {@code done} gets how the call left Stasis:
     * {@code queued:<queue>} or {@code hangup} (by Hotline), followed by
     * {@code " without <mustHear>"} when no prompt containing {@code mustHear} was played
     * (the journey took another path). Called on the emulator's context.
     */
    public void dial(String callerNumber, List<Press> script, String mustHear, Consumer<String> done) {
        dial(callerNumber, script, mustHear, done, 0);
    }

    /**
     * Callers listen about {@code each} (uniformly half to one and a half times it) to every prompt that plays to
     * its end before its PlaybackFinished, as they hear the audio; the listening is not part of any turn.
     */
    public void listening(java.time.Duration each) {
        listenMillis = each.toMillis();
    }

    /** As {@link #dial(String, List, String, Consumer)}, the call arriving {@code afterMillis} from now. */
    public void dial(
            String callerNumber, List<Press> script, String mustHear, Consumer<String> done, long afterMillis) {
        if (afterMillis > 0) {
            vertx.setTimer(afterMillis, t -> dial(callerNumber, script, mustHear, done, 0));
            return;
        }
        context.runOnContext(v -> {
            String id = "1795393863." + ++sequence;
            Channel ch = new Channel(id, callerNumber, List.copyOf(script), mustHear, done);
            ch.json = channelJson(ch, "Ring");
            channels.put(id, ch);
            emit(
                    ch,
                    "{\"type\":\"StasisStart\",\"timestamp\":\"" + now() + "\",\"args\":[],\"channel\":" + ch.json
                            + ",\"asterisk_id\":\"" + ASTERISK_ID + "\",\"application\":\"" + app + "\"}");
        });
    }

    /** Turn times recorded so far, in nanoseconds; clears them. */
    public Future<long[]> drainTurns() {
        Promise<long[]> p = Promise.promise();
        context.runOnContext(v -> {
            long[] out = turnNanos.stream().mapToLong(Long::longValue).toArray();
            turnNanos.clear();
            p.complete(out);
        });
        return p.future();
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void onWebSocket(ServerWebSocket ws) {
        if (!ws.path().equals("/ari/events")
                || !authorization.equals(ws.headers().get("Authorization"))) {
            ws.close((short) 1008);
            return;
        }
        sockets.add(ws);
        ws.closeHandler(v -> sockets.remove(ws));
    }

    private void onRequest(HttpServerRequest req) {
        if (!authorization.equals(req.getHeader("Authorization"))) {
            req.response().setStatusCode(401).end();
            return;
        }
        String[] seg = req.path().split("/"); // "", "ari", resource, id, verb
        String resource = seg.length > 2 ? seg[2] : "";
        String id = seg.length > 3 ? seg[3] : "";
        String verb = seg.length > 4 ? seg[4] : "";
        String method = req.method().name();
        if (resource.equals("applications")) {
            JsonArray ids = new JsonArray();
            channels.values().stream().filter(c -> !c.gone).forEach(c -> ids.add(c.id));
            json(
                    req,
                    200,
                    new JsonObject()
                            .put("name", app)
                            .put("channel_ids", ids)
                            .put("bridge_ids", new JsonArray())
                            .put("endpoint_ids", new JsonArray())
                            .put("device_names", new JsonArray())
                            .encode());
            return;
        }
        if (resource.equals("playbacks")) {
            Channel ch = playbacks.remove(id);
            if (ch == null) {
                json(req, 404, "{\"message\":\"Playback not found\"}");
            } else if (method.equals("GET")) {
                playbacks.put(id, ch);
                json(req, 200, "{\"id\":\"" + id + "\",\"state\":\"playing\"}");
            } else {
                turn(ch);
                req.response().setStatusCode(204).end();
                ch.lastSent = System.nanoTime();
                emit(ch, playbackEvent("PlaybackFinished", ch, id, "", "done"));
            }
            return;
        }
        Channel ch = channels.get(id);
        if (!resource.equals("channels") || ch == null || ch.gone) {
            json(req, 404, "{\"message\":\"Channel not found\"}");
            return;
        }
        turn(ch);
        switch (method + " " + verb) {
            case "POST answer" -> {
                ch.json = channelJson(ch, "Up");
                emit(ch, channelEvent("ChannelStateChange", ch));
                noContent(req, ch);
            }
            case "POST play" ->
                play(req, ch, req.getParam("media", ""), req.getParam("playbackId", "pb-" + sequence++));
            case "POST variable" -> noContent(req, ch);
            case "POST continue" -> {
                noContent(req, ch);
                leave(ch, "queued:" + req.getParam("extension", ""));
            }
            case "DELETE " -> {
                noContent(req, ch);
                emit(
                        ch,
                        "{\"cause\":32,\"soft\":true,"
                                + channelEvent("ChannelHangupRequest", ch).substring(1));
                leave(ch, "hangup");
            }
            case "GET " -> json(req, 200, ch.json);
            default -> json(req, 404, "{\"message\":\"not emulated\"}");
        }
    }

    private void play(HttpServerRequest req, Channel ch, String media, String playbackId) {
        String first = media.split(",")[0];
        if (media.contains(ch.mustHear)) {
            ch.heard = true;
        }
        json(
                req,
                201,
                "{\"id\":\"" + playbackId + "\",\"media_uri\":\"" + first + "\",\"target_uri\":\"channel:" + ch.id
                        + "\",\"language\":\"en\",\"state\":\"queued\"}");
        ch.lastSent = System.nanoTime();
        emit(ch, playbackEvent("PlaybackStarted", ch, playbackId, first, "playing"));
        Press press = ch.step < ch.script.size() ? ch.script.get(ch.step) : null;
        if (press != null && media.contains(press.prompt())) {
            ch.step++;
            playbacks.put(playbackId, ch); // plays until Hotline stops it
            sendKeys(ch, press, 0);
        } else if (listenMillis > 0) {
            vertx.setTimer(listenTime(), t -> {
                if (!ch.gone) {
                    ch.lastSent = System.nanoTime();
                    emit(ch, playbackEvent("PlaybackFinished", ch, playbackId, first, "done"));
                }
            });
        } else {
            emit(ch, playbackEvent("PlaybackFinished", ch, playbackId, first, "done"));
        }
    }

    @edu.umd.cs.findbugs.annotations.SuppressFBWarnings(
            value = "PREDICTABLE_RANDOM",
            justification = "varies a bench caller's listening time, not a secret")
    private long listenTime() {
        long l = listenMillis;
        return Math.max(
                1, l / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(l + 1));
    }

    private void sendKeys(Channel ch, Press press, int i) {
        if (ch.gone) {
            return;
        }
        emit(
                ch,
                "{\"type\":\"ChannelDtmfReceived\",\"timestamp\":\"" + now() + "\",\"digit\":\""
                        + press.keys().charAt(i)
                        + "\",\"duration_ms\":100,\"channel\":" + ch.json + ",\"asterisk_id\":\"" + ASTERISK_ID
                        + "\",\"application\":\"" + app + "\"}");
        if (i + 1 < press.keys().length()) {
            vertx.setTimer(Math.max(1, press.gapMillis()), t -> sendKeys(ch, press, i + 1));
        }
    }

    private void leave(Channel ch, String how) {
        ch.gone = true;
        emit(ch, channelEvent("StasisEnd", ch));
        channels.remove(ch.id);
        playbacks.values().removeIf(c -> c == ch);
        ch.done.accept(ch.heard ? how : how + " without " + ch.mustHear);
    }

    private void turn(Channel ch) {
        if (ch.lastSent != 0) {
            turnNanos.add(System.nanoTime() - ch.lastSent);
            ch.lastSent = 0;
        }
    }

    private void noContent(HttpServerRequest req, Channel ch) {
        req.response().setStatusCode(204).end();
        ch.lastSent = System.nanoTime();
    }

    private void json(HttpServerRequest req, int status, String body) {
        req.response()
                .setStatusCode(status)
                .putHeader("Content-type", "application/json")
                .end(body);
    }

    private void emit(Channel ch, String event) {
        for (ServerWebSocket ws : sockets) {
            ws.writeTextMessage(event);
        }
        ch.lastSent = System.nanoTime();
    }

    private String channelEvent(String type, Channel ch) {
        return "{\"type\":\"" + type + "\",\"timestamp\":\"" + now() + "\",\"channel\":" + ch.json
                + ",\"asterisk_id\":\"" + ASTERISK_ID + "\",\"application\":\"" + app + "\"}";
    }

    private String playbackEvent(String type, Channel ch, String playbackId, String media, String state) {
        return "{\"type\":\"" + type + "\",\"timestamp\":\"" + now() + "\",\"playback\":{\"id\":\"" + playbackId
                + "\",\"media_uri\":\"" + media + "\",\"target_uri\":\"channel:" + ch.id
                + "\",\"language\":\"en\",\"state\":\"" + state + "\"},\"asterisk_id\":\"" + ASTERISK_ID
                + "\",\"application\":\"" + app + "\"}";
    }

    private static String channelJson(Channel ch, String state) {
        return "{\"id\":\"" + ch.id + "\",\"name\":\"Local/200@hotline-" + ch.id + ";2\",\"state\":\"" + state
                + "\",\"protocol_id\":\"\",\"caller\":{\"name\":\"Wallet Customer\",\"number\":\"" + ch.callerNumber
                + "\"},\"connected\":{\"name\":\"Wallet Customer\",\"number\":\"" + ch.callerNumber
                + "\"},\"accountcode\":\"\",\"dialplan\":{\"context\":\"hotline\",\"exten\":\"200\",\"priority\":2,"
                + "\"app_name\":\"Stasis\",\"app_data\":\"hotline\"},\"creationtime\":\"" + now()
                + "\",\"language\":\"en\"}";
    }

    private static String now() {
        return java.time.OffsetDateTime.now()
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx"));
    }
}
