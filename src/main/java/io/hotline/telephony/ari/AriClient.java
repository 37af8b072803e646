package io.hotline.telephony.ari;

import io.hotline.call.CallHandler;
import io.hotline.call.CallInfo;
import io.hotline.call.Masking;
import io.hotline.telephony.queue.LinkLease;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Serves the calls Asterisk sends to our Stasis application. One instance per Asterisk.
 *
 * <p>On {@code StasisStart} it answers the channel, builds the {@link CallInfo} (caller
 * number, channel language, flow id = first Stasis argument, default {@code main}) and
 * hands an {@link io.hotline.call.Call} to the {@link CallHandler} on a new virtual
 * thread. Channel events are translated into {@link AriEvent}s and given to the call's
 * {@link ChannelSession}. When the event WebSocket comes back after a drop, the calls
 * are re-synced with {@code GET /applications/{app}}: calls Asterisk no longer holds end,
 * channels we did not know (their StasisStart was lost) are served from the start.
 *
 * <p>Threading: all state is confined to one Vert.x context created for this client;
 * the public methods may be called from any thread.
 */
public final class AriClient {
    private static final Logger log = LoggerFactory.getLogger(AriClient.class);

    private final Vertx vertx;
    private final AriConfig config;
    private final CallHandler handler;
    private final Context context;
    private final AriRest rest;
    private final Media media;
    private final EventLink link;
    private final Map<String, ChannelSession> sessions = new ConcurrentHashMap<>();
    private final List<Consumer<AriLinkState>> listeners = new CopyOnWriteArrayList<>();
    private final Promise<Void> firstConnection = Promise.promise();
    private volatile AriLinkState state = AriLinkState.CONNECTING;
    private long linkLossTimer = -1;

    private final String server;

    public AriClient(Vertx vertx, AriConfig config, CallHandler handler) {
        this(vertx, config, handler, config.host(), LinkLease.always("ari:" + config.host()));
    }

    /**
     * @param server the Asterisk server's name (calls record it as {@code pbx})
     * @param lease  held while this node may register the application on that server
     */
    public AriClient(Vertx vertx, AriConfig config, CallHandler handler, String server, LinkLease lease) {
        this.vertx = vertx;
        this.config = config;
        this.handler = handler;
        this.server = server;
        this.context = vertx.getOrCreateContext();
        this.rest = new AriRest(vertx, config);
        this.media = new Media(config.soundsPrefix());
        this.link = new EventLink(
                vertx,
                config,
                this::onEvent,
                this::onLinkUp,
                this::onLinkDown,
                lease::held,
                () -> setState(AriLinkState.STANDBY));
        lease.onChange(() -> context.runOnContext(v -> {
            if (lease.held()) {
                log.info("ARI: this node now holds application '{}' on {}; registering it", config.app(), server);
                link.connect();
            } else {
                log.info("ARI: application '{}' on {} is held by another node; standing by", config.app(), server);
                link.drop();
            }
        }));
    }

    /** The Asterisk server's name. */
    public String server() {
        return server;
    }

    /**
     * Starts connecting (and keeps reconnecting). The future completes when the event link
     * is up the first time; callers that must not wait for Asterisk need not await it.
     */
    public Future<Void> start() {
        log.info("ARI: {}", config);
        context.runOnContext(v -> link.connect());
        return firstConnection.future();
    }

    /**
     * Closes the event link. Calls in progress are left to Asterisk; their pending
     * operations fail with a telephony error so that their threads end.
     */
    public Future<Void> stop() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            if (linkLossTimer >= 0) {
                vertx.cancelTimer(linkLossTimer);
            }
            // nobody will hear these calls' events any more: their waiting threads must not hang
            List<ChannelSession> live = new ArrayList<>(sessions.values());
            sessions.clear();
            // Asterisk keeps a channel in Stasis after its application's WebSocket has closed (the
            // application is only deactivated; measured on the real-PBX tier): callers would sit in
            // silence. Hand each one back to the dialplan first, which queues it to the fallback queue.
            List<Future<Void>> handedBack = new ArrayList<>();
            for (ChannelSession s : live) {
                handedBack.add(rest.returnToDialplan(s.channelId())
                        .onSuccess(ok -> s.onHandedBack())
                        .onFailure(e -> {
                            log.info(
                                    "call {}: not handed back to the dialplan at stop: {}",
                                    s.channelId(),
                                    e.getMessage());
                            s.onLinkLost("the ARI client stopped");
                        }));
            }
            Future.join(handedBack).eventually(() -> link.stop()).onComplete(ar -> {
                rest.close();
                setState(AriLinkState.STOPPED);
                done.complete();
            });
        });
        return done.future();
    }

    /** True while the event WebSocket is open. */
    public boolean isConnected() {
        return state == AriLinkState.CONNECTED;
    }

    public AriLinkState state() {
        return state;
    }

    /** Calls {@code listener} on every state change (on the client's event loop; must not block). */
    public void onStateChange(Consumer<AriLinkState> listener) {
        listeners.add(listener);
    }

    /** Calls currently in our Stasis application. */
    public int activeCalls() {
        return sessions.size();
    }

    /** Drops the event WebSocket as a network fault would; it reconnects by itself. For tests. */
    void dropEventLink() {
        context.runOnContext(v -> link.drop());
    }

    private void onLinkUp() {
        if (linkLossTimer >= 0) {
            vertx.cancelTimer(linkLossTimer);
            linkLossTimer = -1;
        }
        resync();
        setState(AriLinkState.CONNECTED);
        firstConnection.tryComplete();
    }

    private void onLinkDown() {
        setState(AriLinkState.DISCONNECTED);
        log.warn("ARI event link lost with {} call(s) in progress; events until it is back are lost", sessions.size());
        linkLossTimer = vertx.setTimer(config.linkLossTimeout().toMillis(), id -> {
            linkLossTimer = -1;
            List<ChannelSession> stranded = new ArrayList<>(sessions.values());
            sessions.clear();
            for (ChannelSession s : stranded) {
                s.onLinkLost("ARI event link down for longer than "
                        + config.linkLossTimeout().toSeconds() + " s");
            }
        });
    }

    private void setState(AriLinkState next) {
        if (state != next) {
            state = next;
            for (Consumer<AriLinkState> l : listeners) {
                try {
                    l.accept(next);
                } catch (RuntimeException e) {
                    log.warn("ARI state listener failed", e);
                }
            }
        }
    }

    private void onEvent(String text) {
        AriEvent event;
        try {
            event = AriEvent.parse(text);
        } catch (IllegalArgumentException e) {
            // the event may carry the caller's number: numbers are masked before logging
            log.warn(
                    "ARI: unreadable event ignored ({}): {}",
                    Masking.text(e.getMessage()),
                    Masking.text(text.length() > 200 ? text.substring(0, 200) + "..." : text));
            return;
        }
        switch (event) {
            case AriEvent.StasisStarted s -> serve(s.channel(), s.args());
            case AriEvent.StasisEnded e -> gone(e.channelId(), "left the Stasis application");
            case AriEvent.HangupRequested h -> {
                ChannelSession s = sessions.get(h.channelId());
                if (s != null) {
                    s.onGone(h.soft() ? "hung up (by request)" : "caller hung up (cause " + h.cause() + ")");
                }
            }
            case AriEvent.ChannelDestroyed d -> gone(d.channelId(), "channel destroyed (cause " + d.cause() + ")");
            case AriEvent.DtmfReceived d -> {
                ChannelSession s = sessions.get(d.channelId());
                if (s != null) {
                    s.onDtmf(d.digit());
                }
            }
            case AriEvent.PlaybackFinished p -> {
                ChannelSession s = sessions.get(p.channelId());
                if (s != null) {
                    s.onPlaybackFinished(p.playbackId(), p.state());
                }
            }
            case AriEvent.RecordingEnded r -> {
                ChannelSession s = sessions.get(r.channelId());
                if (s != null) {
                    s.onRecordingEnded(r.name(), r.state(), r.cause());
                }
            }
            case AriEvent.Ignored i
            when i.type().equals("ApplicationReplaced") ->
                // Another WebSocket registered our application on this Asterisk: it gets the events now, and when
                // either closes Asterisk deactivates the application for both. Two nodes without a shared lease
                // (different databases?) or another program using the name.
                log.error(
                        "ARI: application '{}' on {} was taken over by another WebSocket; this node gets no more"
                                + " of its events (each node sharing one database holds it in turn: check"
                                + " HOTLINE_DB_URL and HOTLINE_ARI_APP)",
                        config.app(),
                        server);
            case AriEvent.Ignored ignored -> {}
        }
    }

    private void gone(String channelId, String why) {
        ChannelSession s = sessions.remove(channelId);
        if (s != null) {
            s.onGone(why);
        }
    }

    private void serve(AriChannel channel, List<String> args) {
        if (sessions.containsKey(channel.id())) {
            return; // already adopted by a re-sync
        }
        ChannelSession session = new ChannelSession(channel.id(), vertx, rest);
        sessions.put(channel.id(), session);
        String flowId = args.isEmpty() || args.getFirst().isBlank()
                ? "main"
                : args.getFirst().trim();
        CallInfo info = new CallInfo(
                channel.id(),
                channel.callerNumber(),
                channel.exten(),
                channel.language(),
                flowId,
                "ari",
                Map.of("channel", channel.name(), "ari.app", config.app(), "pbx", server));
        log.info(
                "call {}: StasisStart from {} on {}, flow {}, language {}",
                channel.id(),
                Masking.phone(channel.callerNumber()),
                channel.name(),
                flowId,
                channel.language());
        Future<Void> answered = "Up".equals(channel.state()) ? Future.succeededFuture() : rest.answer(channel.id());
        answered.onComplete(ar -> {
            if (ar.failed()) {
                if (ar.cause() instanceof AriRequestFailed f && f.gone()) {
                    session.onGone("gone before it was answered");
                } else {
                    log.warn(
                            "call {}: answer failed: {}",
                            channel.id(),
                            ar.cause().getMessage());
                }
            }
            Thread.ofVirtual().name("ari-call-" + channel.id()).start(() -> run(session, info));
        });
    }

    private void run(ChannelSession session, CallInfo info) {
        AriCall call = new AriCall(info, session, context, media);
        MDC.put("call", info.callId());
        try {
            handler.handle(call);
        } catch (RuntimeException e) {
            log.error("call {}: call handler failed", info.callId(), e);
        } finally {
            try {
                call.release();
            } catch (RuntimeException e) {
                log.warn("call {}: releasing the channel failed: {}", info.callId(), e.getMessage());
            }
            MDC.remove("call");
        }
    }

    /** After (re)connecting: align our calls with the channels Asterisk holds in the application. */
    private void resync() {
        // Asterisk's answer lists the channels in the application when it got the request; a call whose
        // StasisStart arrives while the answer is on its way is not in it and must not be ended for that
        Set<String> known = new HashSet<>(sessions.keySet());
        rest.application(config.app()).onComplete(ar -> {
            if (ar.failed()) {
                log.warn("ARI re-sync failed: {}", ar.cause().getMessage());
                return;
            }
            JsonArray ids = ar.result().getJsonArray("channel_ids", new JsonArray());
            Set<String> inStasis = new HashSet<>();
            ids.forEach(id -> inStasis.add(String.valueOf(id)));
            for (ChannelSession s : new ArrayList<>(sessions.values())) {
                if (inStasis.contains(s.channelId())) {
                    s.resync();
                } else if (known.contains(s.channelId())) {
                    gone(s.channelId(), "left the Stasis application while the event link was down");
                }
            }
            for (String id : inStasis) {
                if (!sessions.containsKey(id)) {
                    rest.channel(id).onComplete(ch -> {
                        if (ch.succeeded()) {
                            log.info("call {}: found in Stasis after reconnect; serving it from the start", id);
                            serve(ch.result(), stasisArgs(ch.result().appData()));
                        } else {
                            log.info(
                                    "call {}: in Stasis but gone before re-sync: {}",
                                    id,
                                    ch.cause().getMessage());
                        }
                    });
                }
            }
        });
    }

    /** {@code dialplan.app_data} of a channel in Stasis is {@code app[,arg...]}. */
    static List<String> stasisArgs(String appData) {
        String[] parts = appData.split(",", -1);
        List<String> args = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            args.add(parts[i].trim());
        }
        return args;
    }
}
