package io.hotline.emulator.ari;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a simulated caller does, step by step, in {@link AriEmulator}. Each step waits for its
 * trigger (a media starting to play, a stretch of silence, or a REST request from the
 * server) and then acts (presses keys, hangs up). Steps run in order.
 *
 * <pre>
 * CallerScript.caller()
 *     .onPlay("main-menu").press("2")       // barge into the menu
 *     .afterSilence(150).press("1234#")     // type while nothing plays
 *     .onPlay("goodbye").hangUp();
 * </pre>
 */
public final class CallerScript {

    sealed interface Trigger {}

    /** A media item whose URI contains {@code media} starts playing. */
    record OnPlay(String media) implements Trigger {}

    /** Nothing has played for {@code millis} (counted from the end of the last playback or step). */
    record AfterSilence(long millis) implements Trigger {}

    /** The server sends a REST request whose method + path contains {@code request}. */
    record OnRequest(String request) implements Trigger {}

    sealed interface Action {}

    /**
     * Presses keys one after another, {@code gapMillis} apart (the emulator's 30 ms when negative); with
     * {@code playbackEndsWithKey} the playback ends by itself just as the key lands; with {@code holdsPlayback} the
     * media item pressed into plays until the server stops it, however long it would have played.
     */
    record Press(String keys, boolean playbackEndsWithKey, long gapMillis, boolean holdsPlayback) implements Action {}

    /** Hangs up (ChannelHangupRequest cause 16, a failed PlaybackFinished, StasisEnd). */
    record HangUp() implements Action {}

    /**
     * Hangs up at the moment a request arrives: the request is answered 404, and the
     * events of the hang-up follow the reply, as in a real race.
     */
    record VanishBeforeReply() implements Action {}

    record Step(Trigger trigger, Action action) {}

    private final List<Step> steps = new ArrayList<>();
    private Trigger trigger;

    /** A caller who does nothing until told: add steps, each a trigger then an action. */
    public static CallerScript caller() {
        return new CallerScript();
    }

    /** When a media item whose URI contains {@code media} starts playing, ... */
    public CallerScript onPlay(String media) {
        trigger = new OnPlay(media);
        return this;
    }

    /** When nothing has played for {@code millis}, ... */
    public CallerScript afterSilence(long millis) {
        trigger = new AfterSilence(millis);
        return this;
    }

    /** When nothing has played for {@code d}, ... */
    public CallerScript afterSilence(Duration d) {
        return afterSilence(d.toMillis());
    }

    /** When the server sends a request whose method and path contain {@code request}, ... */
    public CallerScript onRequest(String request) {
        trigger = new OnRequest(request);
        return this;
    }

    /** ... presses {@code keys}, the emulator's key gap apart. */
    public CallerScript press(String keys) {
        return add(new Press(keys, false, -1, false));
    }

    /** ... presses {@code keys}, {@code gap} apart (e.g. SendDTMF's 350 ms rhythm for a PIN). */
    public CallerScript press(String keys, Duration gap) {
        return add(new Press(keys, false, gap.toMillis(), false));
    }

    /**
     * ... barges in: presses {@code keys}, {@code gap} apart, into the media item that started, which then plays
     * until the server stops it (the benchmark's callers, whose other prompts end at once).
     */
    public CallerScript bargeIn(String keys, Duration gap) {
        return add(new Press(keys, false, gap.toMillis(), true));
    }

    /** Presses one key just as the playback ends by itself, so that stopping it answers 404. */
    public CallerScript pressAsPlaybackEnds(String key) {
        return add(new Press(key, true, -1, false));
    }

    /** ... hangs up. */
    public CallerScript hangUp() {
        return add(new HangUp());
    }

    /** ... hangs up as the request arrives (it is answered 404); only after {@link #onRequest}. */
    public CallerScript vanish() {
        return add(new VanishBeforeReply());
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    private CallerScript add(Action action) {
        if (trigger == null) {
            throw new IllegalStateException("say when first: onPlay, afterSilence or onRequest");
        }
        if (action instanceof VanishBeforeReply && !(trigger instanceof OnRequest)) {
            throw new IllegalStateException("vanish() needs an onRequest trigger");
        }
        steps.add(new Step(trigger, action));
        trigger = null;
        return this;
    }
}
