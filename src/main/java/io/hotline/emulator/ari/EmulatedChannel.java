package io.hotline.emulator.ari;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.hotline.emulator.asterisk.CallerVoice;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One emulated channel in {@link AriEmulator}: its state in the Stasis application, its playbacks (timed, one after
 * another, stopped by DELETE but never by DTMF, as in Asterisk) and the scripted caller on the other end. Confined to
 * the emulator's context: the caller controls ({@link #hangUpByCaller}, {@link #pressIn}, ...) must be called there
 * ({@link AriEmulator#onContext}); what tests read ({@link #heard}, {@link #left}, ...) is thread-safe.
 */
@SuppressFBWarnings(
        value = {
            "AT_NONATOMIC_64BIT_PRIMITIVE",
            "AT_NONATOMIC_OPERATIONS_ON_SHARED_VARIABLE",
            "AT_STALE_THREAD_WRITE_OF_PRIMITIVE"
        },
        justification = "the caller's and playbacks' state is confined to the emulator's one Vert.x context: the"
                + " requests, events and timers run there, and the caller controls are to be called there")
public final class EmulatedChannel {
    private final String id;
    private final String name;
    private final String number;
    private final String language;
    private final List<String> stasisArgs;
    private final AriEmulator ari;
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
    /** When the emulator last sent something about this channel (nanoTime; 0: nothing since the last request). */
    private long lastSent;

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final Map<String, String> variables = new ConcurrentHashMap<>();
    private final CompletableFuture<String> left = new CompletableFuture<>();
    private final List<String> failed = new CopyOnWriteArrayList<>();
    private final List<String> notInLanguage = new CopyOnWriteArrayList<>();
    private final List<String> stopped = new CopyOnWriteArrayList<>();

    EmulatedChannel(
            AriEmulator ari,
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

    /** The channel's id: the call id the server reports. */
    public String id() {
        return id;
    }

    String language() {
        return language;
    }

    /** Every media item that started playing, in order. */
    public List<String> heard() {
        return Collections.unmodifiableList(heard);
    }

    /** Channel variables set by the application. */
    public Map<String, String> variables() {
        return Collections.unmodifiableMap(variables);
    }

    /**
     * Completes with how the channel left Stasis: {@code caller hung up}, {@code hung up by the application},
     * {@code continue queues,x,1}.
     */
    public CompletableFuture<String> left() {
        return left.copy();
    }

    /**
     * Media that did not play as asked: a {@code sound:} file this Asterisk lacks (the playback failed), or a file
     * Asterisk's saying wanted and skipped ({@code number:} in Chinese wants {@code digits/wan}).
     */
    public List<String> failed() {
        return Collections.unmodifiableList(failed);
    }

    /** Files heard in another language than the playback's (core English sounds in a Chinese call). */
    public List<String> notInLanguage() {
        return Collections.unmodifiableList(notInLanguage);
    }

    /** Playbacks the application stopped with DELETE. */
    public List<String> stopped() {
        return Collections.unmodifiableList(stopped);
    }

    /** A request for this channel arrived at {@code arrivedNanos}: the server's turn since we last sent ends. */
    void turnEnded(long arrivedNanos) {
        if (lastSent != 0) {
            ari.turn(arrivedNanos - lastSent);
            lastSent = 0;
        }
    }

    /** The emulator has just answered a request for this channel. */
    void sent() {
        lastSent = System.nanoTime();
    }

    private void emit(JsonObject event) {
        ari.emit(event);
        sent();
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
        out.add(AriEmulator.APP);
        out.addAll(stasisArgs);
        return out;
    }

    void enterStasis(boolean announce) {
        inStasis = true;
        if (announce) {
            JsonObject e = event("StasisStart");
            e.put("args", new JsonArray(new ArrayList<>(stasisArgs)));
            emit(e);
        }
    }

    // ---- requests ----

    void answer(HttpServerRequest req) {
        state = "Up";
        emit(event("ChannelStateChange"));
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
        emit(event("ChannelVarset").put("variable", variable).put("value", value));
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
        emit(withChannel(e));
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
        pb.itemFailed()[0] = !PlaybackMedia.plays(pb.uri(), pb.lang(), ari.sounds(), failed, notInLanguage);
        emit(playbackEvent("PlaybackStarted", pb, "playing"));
        long millis = pb.itemFailed()[0] ? 1 : ari.mediaMillis(pb.uri());
        if (armed != null) {
            char key = armed;
            armed = null;
            ari.vertx().setTimer(Math.max(1, ari.reactionMillis), t -> sendKey(key));
        }
        if (step < steps.size()
                && steps.get(step).trigger() instanceof CallerScript.OnPlay p
                && pb.uri().contains(p.media())) {
            CallerScript.Step s = steps.get(step++);
            if (s.action() instanceof CallerScript.Press press && press.holdsPlayback() && !pb.itemFailed()[0]) {
                millis = -1; // barged into: it plays until the server stops it
            }
            fire(s, ari.reactionMillis);
        }
        if (millis > 0) {
            pb.timer()[0] = ari.vertx().setTimer(millis, t -> itemDone(pb));
        } else if (millis == 0) {
            itemDone(pb);
        }
    }

    private void itemDone(Playback pb) {
        if (current != pb) {
            return;
        }
        if (pb.index()[0] + 1 < pb.media().size()) {
            emit(playbackEvent("PlaybackContinuing", pb, "continuing"));
            pb.index()[0]++;
            startItem(pb);
        } else {
            finish(pb, pb.itemFailed()[0] ? "failed" : "done");
        }
    }

    private void finish(Playback pb, String endState) {
        if (pb.timer()[0] >= 0) {
            ari.vertx().cancelTimer(pb.timer()[0]);
        }
        ari.playbacks.remove(pb.id());
        if (current == pb) {
            current = null;
        } else {
            queued.remove(pb);
        }
        emit(playbackEvent("PlaybackFinished", pb, endState));
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
    public void pressOnNextPlayback(char key) {
        armed = key;
    }

    /** Forgets a key armed for a playback that never came. Returns true when one was armed. */
    public boolean disarm() {
        boolean was = armed != null;
        armed = null;
        return was;
    }

    /** The caller presses {@code key} in {@code millis}. */
    public void pressIn(char key, long millis) {
        ari.vertx().setTimer(Math.max(1, millis), t -> sendKey(key));
    }

    /** The caller hangs up in {@code millis}. */
    public void hangUpIn(long millis) {
        ari.vertx().setTimer(Math.max(1, millis), t -> {
            if (!gone) {
                hangUpByCaller();
            }
        });
    }

    private void sendKey(char key) {
        if (!gone) {
            emit(event("ChannelDtmfReceived").put("digit", String.valueOf(key)));
        }
    }

    // ---- recordings ----

    private boolean speaks;

    /** Whether the caller speaks when recorded next ({@code ~} in a key script): a tone, then #. */
    public void speaksWhenRecorded(boolean speaks) {
        this.speaks = speaks;
    }

    /**
     * {@code POST /channels/{id}/record}, as Asterisk 22 answers it: 201 with the LiveRecording, RecordingStarted
     * once the beep has played; a caller who speaks (3 s of a 440 Hz tone) then presses {@code #}
     * (ChannelDtmfReceived, and with terminateOn=# Asterisk stops the recording: RecordingFinished, state done,
     * duration in whole seconds); a silent caller is stopped by maxSilenceSeconds, the silence trimmed. The file is
     * then a stored recording of that name.
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
            emit(recordingEvent("RecordingStarted", live.copy().put("state", "recording")));
            ari.vertx().setTimer(talk ? 80 : 40, t2 -> {
                int seconds = talk ? CallerVoice.SECONDS : 0;
                ari.storeRecording(name, CallerVoice.wav(talk ? CallerVoice.HZ : 0, seconds * 8000));
                if (gone) {
                    return;
                }
                if (talk && terminateOn.contains("#")) {
                    emit(event("ChannelDtmfReceived").put("digit", "#"));
                }
                JsonObject done = live.copy().put("state", "done").put("duration", seconds);
                if (!talk) {
                    done.put("talking_duration", 0).put("silence_duration", 5);
                }
                emit(recordingEvent("RecordingFinished", done));
            });
        });
    }

    private JsonObject recordingEvent(String type, JsonObject recording) {
        return new JsonObject()
                .put("type", type)
                .put("timestamp", ari.now())
                .put("application", AriEmulator.APP)
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
        emit(event("ChannelDtmfReceived").put("digit", String.valueOf(p.keys().charAt(i))));
        if (p.playbackEndsWithKey() && current != null) {
            finish(current, "done");
        }
        if (i + 1 < p.keys().length()) {
            long gap = p.gapMillis() < 0 ? AriEmulator.KEY_GAP_MILLIS : p.gapMillis();
            ari.vertx().setTimer(Math.max(1, gap), t -> press(p, i + 1));
        } else {
            armStep();
        }
    }

    /** The caller hangs up now (ChannelHangupRequest cause 16, StasisEnd). */
    public void hangUpByCaller() {
        if (gone) {
            return;
        }
        gone = true;
        hangUpEvents();
    }

    private void hangUpEvents() {
        emit(withChannel(ari.transcript.event("ChannelHangupRequest", f -> !f.containsKey("soft"))));
        stopAll("failed");
        leaveStasis("caller hung up");
    }

    private void leaveStasis(String how) {
        if (inStasis) {
            inStasis = false;
            emit(event("StasisEnd"));
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
