package io.hotline.telephony.ari;

import io.hotline.emulator.asterisk.CoreSounds;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One simulated channel in {@link FakeAri}: its state in the Stasis application, its
 * playbacks (timed, one after another, stopped by DELETE but never by DTMF, as in
 * Asterisk) and the scripted caller on the other end. Confined to the fake's context;
 * the fields tests read are thread-safe.
 */
final class FakeChannel {
    final String id;
    private final String name;
    private final String number;
    private final String language;
    private final List<String> stasisArgs;
    private final FakeAri ari;
    private final List<CallerScript.Step> steps;
    private int step;
    private long silenceToken;
    private String state = "Ring";
    private volatile boolean inStasis;
    private volatile boolean gone;
    private Playback current;
    private final Deque<Playback> queued = new ArrayDeque<>();
    /** A key the caller presses as soon as the next playback starts (see {@link #pressOnNextPlayback}). */
    private Character armed;

    /** Every media item that started playing, in order. */
    final List<String> heard = new CopyOnWriteArrayList<>();
    /** Channel variables set by the application. */
    final Map<String, String> variables = new ConcurrentHashMap<>();
    /** Completes with how the channel left Stasis: "caller hung up", "hung up by the application", "continue queues,x,1". */
    final CompletableFuture<String> left = new CompletableFuture<>();
    /**
     * Media that did not play as asked: a {@code sound:} file this Asterisk lacks (the playback
     * failed), or a file Asterisk's saying wanted and skipped ({@code number:} in Chinese wants
     * {@code digits/wan}).
     */
    final List<String> failed = new CopyOnWriteArrayList<>();
    /** Files heard in another language than the playback's (core English sounds in a Chinese call). */
    final List<String> notInLanguage = new CopyOnWriteArrayList<>();
    /** Playbacks the application stopped with DELETE. */
    final List<String> stopped = new CopyOnWriteArrayList<>();

    @SuppressWarnings("ArrayRecordComponent") // the arrays are the playback's mutable cursor; never compared
    record Playback(
            String id,
            FakeChannel channel,
            List<String> media,
            int[] index,
            long[] timer,
            String lang,
            boolean[] itemFailed) {
        String uri() {
            return media.get(index[0]);
        }

        JsonObject json(String state) {
            JsonObject pb = new JsonObject().put("id", id).put("media_uri", uri());
            if (index[0] + 1 < media.size()) {
                pb.put("next_media_uri", media.get(index[0] + 1));
            }
            return pb.put("target_uri", "channel:" + channel.id)
                    .put("language", channel.language)
                    .put("state", state);
        }
    }

    FakeChannel(
            FakeAri ari,
            String id,
            String name,
            String number,
            String language,
            List<String> stasisArgs,
            CallerScript script) {
        this.ari = ari;
        this.id = id;
        this.name = name;
        this.number = number;
        this.language = language;
        this.stasisArgs = List.copyOf(stasisArgs);
        this.steps = script.steps();
    }

    boolean inStasis() {
        return inStasis && !gone;
    }

    boolean gone() {
        return gone;
    }

    /** The channel as ARI shows it, shaped like the recorded StasisStart's channel. */
    JsonObject json() {
        JsonObject ch =
                ari.transcript.event("StasisStart").getJsonObject("channel").copy();
        ch.put("id", id).put("name", name).put("state", state);
        ch.getJsonObject("caller").put("number", number);
        ch.getJsonObject("connected").put("number", number);
        ch.getJsonObject("dialplan").put("app_data", String.join(",", withApp()));
        return ch.put("language", language);
    }

    private List<String> withApp() {
        List<String> out = new ArrayList<>();
        out.add(FakeAri.APP);
        out.addAll(stasisArgs);
        return out;
    }

    void enterStasis(boolean announce) {
        inStasis = true;
        if (announce) {
            JsonObject e = event("StasisStart");
            e.put("args", new JsonArray(new ArrayList<>(stasisArgs)));
            ari.emit(e);
        }
    }

    // ---- requests ----

    void answer(HttpServerRequest req) {
        state = "Up";
        ari.emit(event("ChannelStateChange"));
        req.response().setStatusCode(204).end();
        armStep();
    }

    void play(HttpServerRequest req, List<String> media, String playbackId, String lang) {
        String pbId = playbackId == null ? UUID.randomUUID().toString() : playbackId;
        Playback pb = new Playback(
                pbId,
                this,
                List.copyOf(media),
                new int[1],
                new long[] {-1},
                lang == null ? language : lang,
                new boolean[1]);
        ari.playbacks.put(pbId, pb);
        req.response()
                .setStatusCode(201)
                .putHeader("Location", "/ari/playbacks/" + pbId)
                .putHeader("Content-type", "application/json")
                .end(pb.json("queued").encode());
        if (current == null) {
            startItem(pb);
        } else {
            queued.add(pb);
        }
    }

    void setVariable(HttpServerRequest req, String variable, String value) {
        variables.put(variable, value);
        req.response().setStatusCode(204).end();
        ari.emit(event("ChannelVarset").put("variable", variable).put("value", value));
    }

    void continueInDialplan(HttpServerRequest req, String context, String extension, String priority) {
        req.response().setStatusCode(204).end();
        stopAll("done");
        leaveStasis("continue " + context + "," + extension + "," + priority);
    }

    void hangUpByApp(HttpServerRequest req) {
        req.response().setStatusCode(204).end();
        gone = true;
        stopAll("failed");
        JsonObject e = ari.transcript.event("ChannelHangupRequest", f -> f.getBoolean("soft", false));
        ari.emit(withChannel(e));
        leaveStasis("hung up by the application");
    }

    void stop(Playback pb) {
        stopped.add(pb.id());
        finish(pb, "done");
    }

    /** True (once) when the caller's script vanishes at this request: it is answered 404. */
    boolean vanishesOn(String request) {
        if (gone || step >= steps.size()) {
            return false;
        }
        CallerScript.Step s = steps.get(step);
        if (s.trigger() instanceof CallerScript.OnRequest r
                && request.contains(r.request())
                && s.action() instanceof CallerScript.VanishBeforeReply) {
            step++;
            gone = true;
            // the hang-up's events follow the 404, as when the caller hangs up while the request is in flight
            ari.vertx().setTimer(5, t -> hangUpEvents());
            return true;
        }
        return false;
    }

    // ---- playback ----

    private void startItem(Playback pb) {
        current = pb;
        silenceToken++;
        heard.add(pb.uri());
        pb.itemFailed()[0] = !plays(pb.uri(), pb.lang());
        ari.emit(playbackEvent("PlaybackStarted", pb, "playing"));
        pb.timer()[0] = ari.vertx().setTimer(pb.itemFailed()[0] ? 1 : ari.mediaMillis(pb.uri()), t -> itemDone(pb));
        if (armed != null) {
            char key = armed;
            armed = null;
            ari.vertx().setTimer(Math.max(1, ari.reactionMillis), t -> sendKey(key));
        }
        if (step < steps.size()
                && steps.get(step).trigger() instanceof CallerScript.OnPlay p
                && pb.uri().contains(p.media())) {
            fire(steps.get(step++), ari.reactionMillis);
        }
    }

    private void itemDone(Playback pb) {
        if (current != pb) {
            return;
        }
        if (pb.index()[0] + 1 < pb.media().size()) {
            ari.emit(playbackEvent("PlaybackContinuing", pb, "continuing"));
            pb.index()[0]++;
            startItem(pb);
        } else {
            finish(pb, pb.itemFailed()[0] ? "failed" : "done");
        }
    }

    /**
     * Whether the media item plays (main/say.c and res_stasis_playback): a {@code sound:} file
     * must exist; say-media play the files that exist and skip the rest, except English
     * {@code number:}, which fails on a file it cannot open.
     */
    private boolean plays(String uri, String lang) {
        int colon = uri.indexOf(':');
        String scheme = uri.substring(0, colon);
        String arg = uri.substring(colon + 1);
        List<String> files = switch (scheme) {
            case "sound" -> List.of(arg);
            case "number" -> CoreSounds.sayNumber(Long.parseLong(arg), lang);
            case "digits" -> CoreSounds.sayDigits(arg);
            case "characters" -> CoreSounds.sayCharacters(arg);
            default -> List.of();
        };
        boolean fails = scheme.equals("sound") || (scheme.equals("number") && !lang.startsWith("zh"));
        for (String f : files) {
            if (ari.sounds.exists(f, lang)) {
                if (!ari.sounds.inLanguage(f, lang)) {
                    notInLanguage.add(f);
                }
            } else {
                failed.add(scheme.equals("sound") ? uri : uri + " (" + f + ")");
                if (fails) {
                    return false;
                }
            }
        }
        return true;
    }

    private void finish(Playback pb, String endState) {
        ari.vertx().cancelTimer(pb.timer()[0]);
        ari.playbacks.remove(pb.id());
        if (current == pb) {
            current = null;
        } else {
            queued.remove(pb);
        }
        ari.emit(playbackEvent("PlaybackFinished", pb, endState));
        if (current == null && !queued.isEmpty() && !gone) {
            startItem(queued.poll());
        } else if (current == null) {
            armStep();
        }
    }

    private void stopAll(String endState) {
        queued.clear();
        if (current != null) {
            finish(current, endState);
        }
    }

    // ---- the caller, driven step by step by a test (on the fake's context) ----

    /** The caller will press {@code key} just after the next playback starts (barge-in). */
    void pressOnNextPlayback(char key) {
        armed = key;
    }

    /** Forgets a key armed for a playback that never came. Returns true when one was armed. */
    boolean disarm() {
        boolean was = armed != null;
        armed = null;
        return was;
    }

    /** The caller presses {@code key} in {@code millis}. */
    void pressIn(char key, long millis) {
        ari.vertx().setTimer(Math.max(1, millis), t -> sendKey(key));
    }

    /** The caller hangs up in {@code millis}. */
    void hangUpIn(long millis) {
        ari.vertx().setTimer(Math.max(1, millis), t -> {
            if (!gone) {
                hangUpByCaller();
            }
        });
    }

    private void sendKey(char key) {
        if (!gone) {
            ari.emit(event("ChannelDtmfReceived").put("digit", String.valueOf(key)));
        }
    }

    // ---- recordings ----

    private boolean speaks;

    /** Whether the caller speaks when recorded next ({@code ~} in a key script): a tone, then #. */
    void speaksWhenRecorded(boolean speaks) {
        this.speaks = speaks;
    }

    /**
     * {@code POST /channels/{id}/record}, as Asterisk 22 answers it: 201 with the LiveRecording, RecordingStarted
     * once the beep has played; a caller who speaks (3 s of a 440 Hz tone) then presses {@code #} (ChannelDtmfReceived, and with terminateOn=# Asterisk stops the
     * recording: RecordingFinished, state done, duration in whole seconds); a silent caller is stopped by
     * maxSilenceSeconds, the silence trimmed. The file is then a stored recording of that name.
     */
    void record(HttpServerRequest req, String name, String format, String terminateOn) {
        JsonObject live = new JsonObject()
                .put("name", name)
                .put("format", format)
                .put("state", "queued")
                .put("target_uri", "channel:" + id);
        ari.reply(req, 201, live);
        boolean talk = speaks;
        speaks = false;
        ari.vertx().setTimer(20, t -> {
            if (gone) {
                return;
            }
            ari.emit(recordingEvent("RecordingStarted", live.copy().put("state", "recording")));
            ari.vertx().setTimer(talk ? 80 : 40, t2 -> {
                int seconds = talk ? io.hotline.journeys.VoiceTone.SECONDS : 0;
                ari.storeRecording(
                        name,
                        io.hotline.emulator.asterisk.CallerVoice.wav(
                                talk ? io.hotline.journeys.VoiceTone.HZ : 0, seconds * 8000));
                if (gone) {
                    return;
                }
                if (talk && terminateOn.contains("#")) {
                    ari.emit(event("ChannelDtmfReceived").put("digit", "#"));
                }
                JsonObject done = live.copy().put("state", "done").put("duration", seconds);
                if (!talk) {
                    done.put("talking_duration", 0).put("silence_duration", 5);
                }
                ari.emit(recordingEvent("RecordingFinished", done));
            });
        });
    }

    private JsonObject recordingEvent(String type, JsonObject recording) {
        return new JsonObject()
                .put("type", type)
                .put("timestamp", ari.now())
                .put("application", FakeAri.APP)
                .put("asterisk_id", "fake")
                .put("recording", recording);
    }

    // ---- the scripted caller ----

    /** Starts the silence clock when the next step waits for silence. */
    private void armStep() {
        if (gone || step >= steps.size() || current != null) {
            return;
        }
        if (steps.get(step).trigger() instanceof CallerScript.AfterSilence s) {
            long token = ++silenceToken;
            ari.vertx().setTimer(Math.max(1, s.millis()), t -> {
                if (token == silenceToken && current == null && !gone && step < steps.size()) {
                    fire(steps.get(step++), 0);
                }
            });
        }
    }

    private void fire(CallerScript.Step s, long delay) {
        ari.vertx().setTimer(Math.max(1, delay), t -> {
            if (gone) {
                return;
            }
            switch (s.action()) {
                case CallerScript.Press p -> press(p, 0);
                case CallerScript.HangUp h -> hangUpByCaller();
                case CallerScript.VanishBeforeReply v -> {}
            }
        });
    }

    private void press(CallerScript.Press p, int i) {
        if (gone) {
            return;
        }
        ari.emit(event("ChannelDtmfReceived")
                .put("digit", String.valueOf(p.keys().charAt(i))));
        if (p.playbackEndsWithKey() && current != null) {
            finish(current, "done");
        }
        if (i + 1 < p.keys().length()) {
            ari.vertx().setTimer(ari.keyGapMillis, t -> press(p, i + 1));
        } else {
            armStep();
        }
    }

    /** The caller hangs up now (ChannelHangupRequest cause 16, StasisEnd). */
    void hangUpByCaller() {
        if (gone) {
            return;
        }
        gone = true;
        hangUpEvents();
    }

    private void hangUpEvents() {
        ari.emit(withChannel(ari.transcript.event("ChannelHangupRequest", f -> !f.containsKey("soft"))));
        stopAll("failed");
        leaveStasis("caller hung up");
    }

    private void leaveStasis(String how) {
        if (inStasis) {
            inStasis = false;
            ari.emit(event("StasisEnd"));
        }
        left.complete(how);
    }

    // ---- events, from the recorded frames ----

    private JsonObject event(String type) {
        return withChannel(ari.transcript.event(type));
    }

    private JsonObject withChannel(JsonObject recorded) {
        return recorded.put("timestamp", ari.now()).put("channel", json());
    }

    private JsonObject playbackEvent(String type, Playback pb, String playbackState) {
        return ari.transcript.event(type).put("timestamp", ari.now()).put("playback", pb.json(playbackState));
    }
}
