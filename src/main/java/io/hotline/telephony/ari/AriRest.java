package io.hotline.telephony.ari;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The ARI REST requests the adapter makes (channels.json, playbacks.json,
 * applications.json), on Vert.x's web client. Every method returns at once; the future
 * completes on the Vert.x context the method was called on. A non-2xx reply fails the
 * future with {@link AriRequestFailed}.
 */
final class AriRest {
    private final WebClient client;
    private final AriConfig config;

    AriRest(Vertx vertx, AriConfig config) {
        this.config = config;
        WebClientOptions options = new WebClientOptions()
                .setDefaultHost(config.host())
                .setDefaultPort(config.port())
                .setSsl(config.ssl())
                .setKeepAlive(true)
                .setUserAgent("hotline")
                .setConnectTimeout((int) config.requestTimeout().toMillis());
        this.client = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(16));
    }

    /** {@code POST /channels/{id}/answer}. */
    Future<Void> answer(String channelId) {
        return send(HttpMethod.POST, "/channels/" + seg(channelId) + "/answer", Map.of())
                .mapEmpty();
    }

    /**
     * {@code POST /channels/{id}/play?media=a,b&lang=..&playbackId=..}: one playback for all
     * the media, played in order (PlaybackContinuing between them, one PlaybackFinished).
     */
    Future<Void> play(String channelId, String playbackId, List<String> media, String language) {
        return send(
                        HttpMethod.POST,
                        "/channels/" + seg(channelId) + "/play",
                        Map.of("media", String.join(",", media), "lang", language, "playbackId", playbackId))
                .mapEmpty();
    }

    /**
     * {@code POST /channels/{id}/record}: records the channel into the stored recording {@code name} (wav), after a
     * beep, until {@code terminateOn}, {@code maxSilenceSeconds} of silence or {@code maxDurationSeconds}; an
     * earlier recording of the same name is overwritten. RecordingFinished tells when it is done.
     */
    Future<Void> record(
            String channelId, String name, long maxDurationSeconds, long maxSilenceSeconds, String terminateOn) {
        return send(
                        HttpMethod.POST,
                        "/channels/" + seg(channelId) + "/record",
                        Map.of(
                                "name",
                                name,
                                "format",
                                "wav",
                                "maxDurationSeconds",
                                Long.toString(maxDurationSeconds),
                                "maxSilenceSeconds",
                                Long.toString(maxSilenceSeconds),
                                "ifExists",
                                "overwrite",
                                "beep",
                                "true",
                                "terminateOn",
                                terminateOn.isEmpty() ? "none" : terminateOn))
                .mapEmpty();
    }

    /** {@code GET /recordings/stored/{name}/file}: the stored recording's bytes, or null when there is none (404). */
    Future<Buffer> storedFile(String name) {
        return send(HttpMethod.GET, "/recordings/stored/" + seg(name) + "/file", Map.of())
                .map(HttpResponse::body)
                .recover(e -> e instanceof AriRequestFailed f && f.gone()
                        ? Future.succeededFuture(null)
                        : Future.failedFuture(e));
    }

    /** {@code DELETE /recordings/stored/{name}}; one already gone (404) is not an error. */
    Future<Void> deleteStored(String name) {
        return send(HttpMethod.DELETE, "/recordings/stored/" + seg(name), Map.of())
                .<Void>mapEmpty()
                .recover(e -> e instanceof AriRequestFailed f && f.gone()
                        ? Future.succeededFuture()
                        : Future.failedFuture(e));
    }

    /** {@code DELETE /playbacks/{id}}: stops a playback; it then ends with state {@code done}. */
    Future<Void> stopPlayback(String playbackId) {
        return send(HttpMethod.DELETE, "/playbacks/" + seg(playbackId), Map.of())
                .mapEmpty();
    }

    /** {@code GET /playbacks/{id}}: true while the playback exists. */
    Future<Boolean> playbackExists(String playbackId) {
        return send(HttpMethod.GET, "/playbacks/" + seg(playbackId), Map.of())
                .map(r -> true)
                .recover(e -> e instanceof AriRequestFailed f && f.status() == 404
                        ? Future.succeededFuture(false)
                        : Future.failedFuture(e));
    }

    /** {@code POST /channels/{id}/variable?variable=..&value=..}. */
    Future<Void> setVariable(String channelId, String name, String value) {
        return send(
                        HttpMethod.POST,
                        "/channels/" + seg(channelId) + "/variable",
                        Map.of("variable", name, "value", value))
                .mapEmpty();
    }

    /** {@code POST /channels/{id}/continue?context=..&extension=..&priority=..}: leave Stasis for the dialplan. */
    Future<Void> continueInDialplan(String channelId, String context, String extension, int priority) {
        return send(
                        HttpMethod.POST,
                        "/channels/" + seg(channelId) + "/continue",
                        Map.of("context", context, "extension", extension, "priority", Integer.toString(priority)))
                .mapEmpty();
    }

    /**
     * {@code POST /channels/{id}/continue} without a destination: the channel leaves Stasis and the
     * dialplan goes on after its {@code Stasis()} (where the shipped dialplan sends a caller Hotline has
     * not finished with to the fallback queue).
     */
    Future<Void> returnToDialplan(String channelId) {
        return send(HttpMethod.POST, "/channels/" + seg(channelId) + "/continue", Map.of())
                .mapEmpty();
    }

    /** {@code DELETE /channels/{id}?reason=normal}. */
    Future<Void> hangup(String channelId) {
        return send(HttpMethod.DELETE, "/channels/" + seg(channelId), Map.of("reason", "normal"))
                .mapEmpty();
    }

    /** {@code GET /applications/{app}}: the application with the {@code channel_ids} it holds. */
    Future<JsonObject> application(String app) {
        return send(HttpMethod.GET, "/applications/" + seg(app), Map.of()).map(HttpResponse::bodyAsJsonObject);
    }

    /** {@code GET /channels/{id}}. */
    Future<AriChannel> channel(String channelId) {
        return send(HttpMethod.GET, "/channels/" + seg(channelId), Map.of())
                .map(r -> AriChannel.fromJson(r.bodyAsJsonObject()));
    }

    void close() {
        client.close();
    }

    private Future<HttpResponse<Buffer>> send(HttpMethod method, String path, Map<String, String> query) {
        String uri = config.pathPrefix() + "/ari" + path;
        HttpRequest<Buffer> request = client.request(method, uri)
                .basicAuthentication(config.user(), config.password())
                .timeout(config.requestTimeout().toMillis());
        query.forEach(request::addQueryParam);
        String what = method + " " + path;
        return request.send()
                .recover(e -> Future.failedFuture(new AriRequestFailed(what, 0, String.valueOf(e.getMessage()), e)))
                .compose(response -> {
                    if (response.statusCode() / 100 == 2) {
                        return Future.succeededFuture(response);
                    }
                    return Future.failedFuture(
                            new AriRequestFailed(what, response.statusCode(), message(response), null));
                });
    }

    private static String message(HttpResponse<Buffer> response) {
        try {
            JsonObject body = response.bodyAsJsonObject();
            if (body != null && body.getString("message") != null) {
                return body.getString("message");
            }
        } catch (RuntimeException ignored) {
            // not JSON: fall back to the status line
        }
        return response.statusMessage();
    }

    private static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
