package io.hotline.telephony.ari;

import io.hotline.call.CallEnded;
import io.hotline.call.Key;
import io.hotline.call.QueueHandoff;
import io.hotline.call.TelephonyException;
import io.hotline.telephony.queue.ChannelVariables;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one channel in our Stasis application, and the operations on it.
 *
 * <p>Threading: confined to the client's Vert.x context. Events arrive there from the
 * WebSocket, REST replies arrive there, and {@link AriCall} hops there to start an
 * operation; nothing here blocks. At most one operation listens for events at a time
 * ({@link #pending}): a playback that keys may interrupt, or a wait for a key. A key that
 * arrives while nothing listens is dropped, exactly as Asterisk drops DTMF between AGI
 * commands, so both adapters behave the same.
 */
final class ChannelSession {
    private static final Logger log = LoggerFactory.getLogger(ChannelSession.class);

    /** The dialplan context queue hand-offs continue in (docker/asterisk/extensions.conf). */
    static final String QUEUE_CONTEXT = "queues";

    private final String channelId;
    private final Vertx vertx;
    private final AriRest rest;
    private Pending pending;
    /** Why the call is over for us, or null while it is live. */
    private String ended;
    /** True when the call is over because we lost track of it, not because it ended. */
    private boolean linkLost;
    /** True when Hotline stopped and handed the still-live call back to the dialplan: never hang it up. */
    private boolean handedBack;
    /** We asked Asterisk to hang up: the events that follow are ours, not the caller's. */
    private boolean hangingUp;

    ChannelSession(String channelId, Vertx vertx, AriRest rest) {
        this.channelId = channelId;
        this.vertx = vertx;
        this.rest = rest;
    }

    String channelId() {
        return channelId;
    }

    boolean live() {
        return ended == null;
    }

    // ---- operations (started by AriCall on the context) ----

    /** Plays the media as one playback; a key in {@code interruptKeys} stops it and is returned. */
    Future<Key> play(List<String> media, String language, String interruptKeys) {
        if (ended != null) {
            return Future.failedFuture(endedError());
        }
        if (media.isEmpty()) {
            return Future.succeededFuture(Key.NONE);
        }
        Playing p = new Playing("hotline-" + UUID.randomUUID(), interruptKeys);
        pending = p;
        rest.play(channelId, p.playbackId, media, language).onComplete(ar -> {
            if (ar.succeeded() && p.key != Key.NONE) {
                stop(p); // a key came before Asterisk confirmed the playback: stop it now that it exists
                return;
            }
            if (pending != p) {
                return; // already settled: played out, or the call ended meanwhile
            }
            if (ar.failed()) {
                pending = null;
                p.promise.fail(failure(ar.cause()));
                return;
            }
            p.posted = true;
        });
        return p.promise.future();
    }

    /** Waits for one key; {@link Key#NONE} after {@code timeout}. */
    Future<Key> waitForKey(Duration timeout) {
        if (ended != null) {
            return Future.failedFuture(endedError());
        }
        Waiting w = new Waiting();
        pending = w;
        w.timerId = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
            if (pending == w) {
                pending = null;
                w.promise.complete(Key.NONE);
            }
        });
        return w.promise.future();
    }

    /** What a recording of the channel came to. */
    record Recorded(String state, boolean keyPressed, boolean hungUp) {}

    /**
     * Records the channel into the stored recording {@code name}; completes on RecordingFinished (or
     * RecordingFailed), or when the caller hangs up meanwhile ({@link Recorded#hungUp()}: the stored file then holds
     * what was said).
     */
    Future<Recorded> record(String name, Duration max, Duration silence, String stopKeys) {
        if (ended != null) {
            return Future.failedFuture(endedError());
        }
        Recording r = new Recording(name);
        pending = r;
        String terminateOn = stopKeys.isEmpty() ? "none" : stopKeys.length() == 1 ? stopKeys : "any";
        rest.record(channelId, name, Math.max(1, max.toSeconds()), Math.max(0, silence.toSeconds()), terminateOn)
                .onFailure(e -> {
                    if (pending == r) {
                        pending = null;
                        r.promise.tryFail(failure(e));
                    }
                });
        return r.promise.future();
    }

    /** The stored recording's bytes (null when there is none), then deletes it from Asterisk's host. */
    Future<Buffer> takeStored(String name) {
        return rest.storedFile(name)
                .compose(b -> rest.deleteStored(name)
                        .recover(e -> {
                            log.warn(
                                    "call {}: could not delete stored recording {}: {}",
                                    channelId,
                                    name,
                                    e.getMessage());
                            return Future.succeededFuture();
                        })
                        .map(v -> b));
    }

    void onRecordingEnded(String name, String state, String cause) {
        if (pending instanceof Recording r && r.name.equals(name)) {
            pending = null;
            if ("failed".equals(state)) {
                log.warn("call {}: recording {} failed: {}", channelId, name, cause);
            }
            r.promise.tryComplete(new Recorded(state, r.keyPressed, false));
        }
    }

    /** Sets the variables one by one, in a stable order. */
    Future<Void> setVariables(Map<String, String> variables) {
        if (ended != null) {
            return Future.failedFuture(endedError());
        }
        Future<Void> chain = Future.succeededFuture();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(variables).entrySet()) {
            chain = chain.compose(v -> rest.setVariable(channelId, e.getKey(), e.getValue()));
        }
        return chain.recover(e -> Future.failedFuture(failure(e)));
    }

    /**
     * Sets the hand-off's variables, {@code __HOTLINE_QUEUE} and app_queue's
     * {@code QUEUE_PRIO} (as the AGI adapter does), then continues in the dialplan at
     * {@code queues,<queue>,1} ({@code continue}, not {@code redirect}: a redirect is a
     * SIP-level transfer). The call is then over for us.
     */
    Future<Void> handToQueue(QueueHandoff handoff) {
        Map<String, String> vars = ChannelVariables.of(handoff);
        return setVariables(vars)
                .compose(v -> rest.continueInDialplan(channelId, QUEUE_CONTEXT, handoff.queue(), 1)
                        .recover(e -> Future.failedFuture(failure(e))))
                .onSuccess(v -> {
                    log.info(
                            "call {}: continued to queue {} (priority {}, ticket {})",
                            channelId,
                            handoff.queue(),
                            handoff.priority(),
                            handoff.ticketRef().isEmpty() ? "none" : handoff.ticketRef());
                    end("handed to queue " + handoff.queue(), false);
                });
    }

    /**
     * Hangs up unless the call is already over. A channel that is already gone (404) is
     * not an error; other failures are logged, since there is nobody left to tell.
     */
    Future<Void> hangup() {
        if (ended != null && (!linkLost || handedBack)) {
            return Future.succeededFuture();
        }
        hangingUp = true;
        return rest.hangup(channelId)
                .recover(e -> {
                    if (!(e instanceof AriRequestFailed f && f.gone())) {
                        log.warn("call {}: hang-up failed: {}", channelId, e.getMessage());
                    }
                    return Future.succeededFuture();
                })
                .onComplete(ar -> end("hung up by us", false));
    }

    // ---- events (from AriClient on the context) ----

    void onDtmf(char digit) {
        if ("0123456789*#ABCD".indexOf(digit) < 0) {
            return;
        }
        switch (pending) {
            case Playing p
            when p.interruptKeys.indexOf(digit) >= 0 -> {
                // the key is the caller's answer now; silencing the prompt can follow in the
                // background (a new playback queues behind it until the DELETE lands)
                p.key = Key.of(digit);
                pending = null;
                p.promise.complete(p.key);
                if (p.posted) {
                    stop(p);
                }
            }
            case Waiting w -> {
                vertx.cancelTimer(w.timerId);
                pending = null;
                w.promise.complete(Key.of(digit));
            }
            case Recording r -> r.keyPressed = true; // Asterisk itself stops at terminateOn
            case null, default -> log.debug("call {}: key dropped, nothing listening", channelId);
        }
    }

    void onPlaybackFinished(String playbackId, String state) {
        if (pending instanceof Playing p && p.playbackId.equals(playbackId)) {
            pending = null;
            if ("failed".equals(state)) {
                log.warn("call {}: playback {} failed (missing sound file?)", channelId, playbackId);
            }
            p.promise.complete(Key.NONE);
        }
    }

    /** ChannelHangupRequest, StasisEnd or ChannelDestroyed: the call is over. */
    void onGone(String why) {
        if (ended == null && !hangingUp) {
            log.info("call {}: {}", channelId, why);
        }
        end(why, false);
    }

    /**
     * The event link came back and Asterisk still has the channel: a playback whose
     * PlaybackFinished was lost while the link was down has to be found out about.
     */
    void resync() {
        if (pending instanceof Playing p && p.posted && p.key == Key.NONE) {
            rest.playbackExists(p.playbackId).onComplete(ar -> {
                if (ar.succeeded() && !ar.result()) {
                    onPlaybackFinished(p.playbackId, "done");
                }
            });
        }
    }

    /**
     * Hotline is stopping and Asterisk took the call back into the dialplan (the fallback queue): the
     * call's operations fail as with a lost link, but nothing hangs the caller up.
     */
    void onHandedBack() {
        handedBack = true;
        end("Hotline stopped; the call went back to the dialplan", true);
    }

    /** We could not follow the call's events for too long: its operations fail. */
    void onLinkLost(String why) {
        end(why, true);
    }

    /** {@code DELETE /playbacks/{id}}; 404 means it had just ended by itself. */
    private void stop(Playing p) {
        rest.stopPlayback(p.playbackId).onFailure(e -> {
            if (!(e instanceof AriRequestFailed f && f.gone())) {
                log.warn("call {}: stopping playback {} failed: {}", channelId, p.playbackId, e.getMessage());
            }
        });
    }

    private void end(String why, boolean lostLink) {
        if (ended != null) {
            return;
        }
        ended = why;
        linkLost = lostLink;
        Pending p = pending;
        pending = null;
        switch (p) {
            case Playing playing -> playing.promise.tryFail(endedError());
            case Waiting waiting -> {
                vertx.cancelTimer(waiting.timerId);
                waiting.promise.tryFail(endedError());
            }
            case Recording recording -> {
                if (lostLink) {
                    recording.promise.tryFail(endedError());
                } else {
                    recording.promise.tryComplete(new Recorded("done", recording.keyPressed, true));
                }
            }
            case null -> {}
        }
    }

    private RuntimeException endedError() {
        return linkLost
                ? new TelephonyException("call " + channelId + ": " + ended)
                : new CallEnded("call " + channelId + ": " + ended);
    }

    private RuntimeException failure(Throwable e) {
        if (e instanceof CallEnded || e instanceof TelephonyException) {
            return (RuntimeException) e;
        }
        if (e instanceof AriRequestFailed f && f.gone()) {
            end("channel gone (" + f.getMessage() + ")", false);
            return endedError();
        }
        if (ended != null) {
            return endedError();
        }
        return new TelephonyException("call " + channelId + ": " + e.getMessage(), e);
    }

    private sealed interface Pending permits Playing, Waiting, Recording {}

    private static final class Recording implements Pending {
        final String name;
        final Promise<Recorded> promise = Promise.promise();
        boolean keyPressed;

        Recording(String name) {
            this.name = name;
        }
    }

    private static final class Playing implements Pending {
        final String playbackId;
        final String interruptKeys;
        final Promise<Key> promise = Promise.promise();
        /** The play request was accepted, so the playback can be stopped by id. */
        boolean posted;
        /** The key that interrupted it, once pressed. */
        Key key = Key.NONE;

        Playing(String playbackId, String interruptKeys) {
            this.playbackId = playbackId;
            this.interruptKeys = interruptKeys == null ? "" : interruptKeys;
        }
    }

    private static final class Waiting implements Pending {
        final Promise<Key> promise = Promise.promise();
        long timerId;
    }
}
