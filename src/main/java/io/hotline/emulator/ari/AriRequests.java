package io.hotline.emulator.ari;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The REST half of {@link AriEmulator}: each request under {@code /ari} is checked against Asterisk's ARI
 * description (a request Asterisk would refuse is answered 400/404 and is a violation) and answered as Asterisk 22
 * answers it, with the bodies of the recorded sessions. Confined to the emulator's context.
 */
final class AriRequests {
    private final AriEmulator ari;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    /** Stored recordings by name (what Asterisk keeps in its recording directory). */
    private final Map<String, byte[]> stored = new ConcurrentHashMap<>();

    final CompletableFuture<Void> applicationLookedUp = new CompletableFuture<>();
    volatile CompletableFuture<Void> holdApplicationAnswers;

    AriRequests(AriEmulator ari) {
        this.ari = ari;
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    void storeRecording(String name, byte[] wav) {
        stored.put(name, wav);
    }

    Set<String> storedRecordings() {
        return Set.copyOf(stored.keySet());
    }

    void onRequest(HttpServerRequest req) {
        long arrived = System.nanoTime();
        req.body().onSuccess(body -> handle(req, body, arrived));
    }

    private void handle(HttpServerRequest req, Buffer body, long arrived) {
        String method = req.method().name();
        String path = req.path();
        if (!path.startsWith("/ari/")) {
            reject(req, 404, method + " " + path + ": not under /ari");
            return;
        }
        if (!AriEmulator.authorized(req.getHeader("Authorization"))) {
            reject(req, 401, method + " " + path + ": no valid Basic credentials");
            return;
        }
        String ariPath = path.substring(4);
        MultiMap query = AriEmulator.query(req.query());
        Optional<String> bad = ari.api.check(method, ariPath, query, body.length() > 0);
        if (bad.isPresent()) {
            reject(req, bad.get().startsWith("no operation") ? 404 : 400, bad.get());
            return;
        }
        requests.add(method + " " + ariPath + (req.query() == null ? "" : "?" + req.query()));
        AriApiDescription.Operation op = ari.api.find(method, ariPath).orElseThrow();
        String[] seg = ariPath.split("/");
        switch (method + " " + op.path()) {
            case "GET /applications/{applicationName}" -> applications(req, seg[2]);
            case "GET /channels/{channelId}" -> withChannel(req, arrived, false, ch -> reply(req, 200, ch.json()));
            case "POST /channels/{channelId}/answer" -> withChannel(req, arrived, true, ch -> ch.answer(req));
            case "POST /channels/{channelId}/play" ->
                withChannel(
                        req,
                        arrived,
                        true,
                        ch -> ch.play(
                                req,
                                List.of(query.get("media").split(",")),
                                query.get("playbackId"),
                                query.get("lang")));
            case "POST /channels/{channelId}/variable" ->
                withChannel(
                        req,
                        arrived,
                        true,
                        ch -> ch.setVariable(
                                req,
                                query.get("variable"),
                                Optional.ofNullable(query.get("value")).orElse("")));
            case "POST /channels/{channelId}/continue" ->
                withChannel(
                        req,
                        arrived,
                        true,
                        ch -> ch.continueInDialplan(
                                req, query.get("context"), query.get("extension"), query.get("priority")));
            case "DELETE /channels/{channelId}" -> withChannel(req, arrived, false, ch -> ch.hangUpByApp(req));
            case "POST /channels/{channelId}/record" ->
                withChannel(
                        req,
                        arrived,
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
            case "DELETE /playbacks/{playbackId}" ->
                withPlayback(req, seg[2], arrived, pb -> {
                    req.response().setStatusCode(204).end();
                    pb.channel().stop(pb);
                });
            case "GET /playbacks/{playbackId}" ->
                withPlayback(req, seg[2], arrived, pb -> reply(req, 200, pb.json("playing")));
            default -> reject(req, 501, "the emulator does not implement " + method + " " + op.path());
        }
    }

    @SuppressWarnings("FutureReturnValueIgnored") // the held answer goes out when the hold completes
    private void applications(HttpServerRequest req, String name) {
        JsonObject app = ari.transcript.replyBody("GET", t -> t.startsWith("/ari/applications/"), 200);
        JsonArray ids = new JsonArray();
        for (EmulatedChannel c : ari.channels()) {
            if (c.inStasis()) {
                ids.add(c.id());
            }
        }
        JsonObject answer = app.put("name", name).put("channel_ids", ids);
        CompletableFuture<Void> hold = holdApplicationAnswers;
        if (hold == null) {
            reply(req, 200, answer);
        } else {
            hold.whenComplete((v, e) -> ari.context().runOnContext(x -> reply(req, 200, answer)));
        }
        applicationLookedUp.complete(null);
    }

    /**
     * Runs {@code action} for the channel the request names, timing the server's turn: 404 for a channel that is
     * gone (or whose caller vanishes at this request), 409 for one that is not in Stasis.
     */
    private void withChannel(
            HttpServerRequest req, long arrived, boolean needsStasis, Consumer<EmulatedChannel> action) {
        String ariPath = req.path().substring(4);
        EmulatedChannel ch = ari.channel(ariPath.split("/")[2]);
        if (ch != null) {
            ch.turnEnded(arrived);
        }
        if (ch != null && ch.vanishesOn(req.method().name() + " " + ariPath)) {
            reply(req, 404, ari.transcript.replyBody("POST", t -> t.contains("no-such-channel"), 404));
        } else if (ch == null || ch.gone()) {
            reply(req, 404, ari.transcript.replyBody("POST", t -> t.contains("no-such-channel"), 404));
        } else if (needsStasis && !ch.inStasis()) {
            reply(req, 409, ari.transcript.replyBody("POST", t -> t.contains("/play"), 409));
        } else {
            action.accept(ch);
        }
        if (ch != null) {
            ch.sent();
        }
    }

    /** Runs {@code action} for the playback {@code id}, timing its channel's turn; 404 when there is none. */
    private void withPlayback(HttpServerRequest req, String id, long arrived, Consumer<Playback> action) {
        Playback pb = ari.playbacks.get(id);
        if (pb == null) {
            reply(req, 404, new JsonObject().put("message", "Playback not found"));
            return;
        }
        pb.channel().turnEnded(arrived);
        action.accept(pb);
        pb.channel().sent();
    }

    void reply(HttpServerRequest req, int status, JsonObject body) {
        req.response()
                .setStatusCode(status)
                .putHeader("Content-type", "application/json")
                .end(body.encode());
    }

    private void reject(HttpServerRequest req, int status, String why) {
        ari.violation(why);
        reply(req, status, new JsonObject().put("message", why));
    }
}
