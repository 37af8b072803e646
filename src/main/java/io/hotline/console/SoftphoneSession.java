package io.hotline.console;

import io.hotline.call.CallInfo;
import io.hotline.engine.ActionRecord;
import io.hotline.engine.CallEnding;
import io.hotline.engine.CallListener;
import io.hotline.engine.Engine;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.SimQueues;
import io.hotline.users.ConsoleUser;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One softphone page: a simulated caller who dials in, hears the prompts (as text, and as sound when the
 * browser can speak them), presses keys and waits in a simulated queue for an agent. The call runs on
 * the same engine, flows and actions as a real one, on its own virtual thread.
 *
 * <p>Browser to server: {@code dial {number, lang}}, {@code key {key}}, {@code played {id}}, {@code hangup}.
 * Server to browser: {@code say}, {@code action}, {@code ivr-ended}, {@code queue}, {@code error}.
 * Messages to the browser are written on the event loop.
 */
final class SoftphoneSession {
    private static final Logger log = LoggerFactory.getLogger(SoftphoneSession.class);
    private static final AtomicLong SEQ = new AtomicLong();
    private static final String KEYS = "0123456789*#";

    private enum Stage {
        IDLE,
        IVR,
        QUEUED
    }

    private final ServerWebSocket ws;
    private final Context context;
    private final Engine engine;
    private final SimQueues queues;
    private final ConsoleUser user;
    private final SoftphoneAudio audio;
    private volatile Stage stage = Stage.IDLE;
    private volatile LiveCaller caller;
    private volatile String callId;

    SoftphoneSession(
            ServerWebSocket ws,
            Context context,
            Engine engine,
            SimQueues queues,
            ConsoleUser user,
            SoftphoneAudio audio) {
        this.ws = ws;
        this.context = context;
        this.engine = engine;
        this.queues = queues;
        this.user = user;
        this.audio = audio;
        ws.textMessageHandler(this::onText);
        ws.closeHandler(v -> hangUp());
        send(new JsonObject().put("type", "ready"));
    }

    private void onText(String text) {
        JsonObject m;
        try {
            m = new JsonObject(text);
        } catch (DecodeException e) {
            return;
        }
        switch (m.getString("type", "")) {
            case "dial" -> dial(m.getString("number", "").trim(), m.getString("lang", "en"));
            case "key" -> {
                String k = m.getString("key", "");
                LiveCaller c = caller;
                if (k.length() == 1 && KEYS.indexOf(k.charAt(0)) >= 0 && c != null && stage == Stage.IVR) {
                    c.pressed(k.charAt(0));
                }
            }
            case "played" -> {
                LiveCaller c = caller;
                if (c != null) {
                    c.played(m.getLong("id", -1L));
                }
            }
            case "hangup" -> hangUp();
            default -> {}
        }
    }

    private void dial(String number, String lang) {
        if (stage != Stage.IDLE) {
            send(new JsonObject().put("type", "error").put("message", "hang up first"));
            return;
        }
        if (!number.matches("[0-9]{0,15}")) {
            send(new JsonObject().put("type", "error").put("message", "a phone number has up to 15 digits"));
            return;
        }
        String language = lang.equals("zh") ? "zh" : "en";
        String id = "sim-web-" + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime() & 0xffffff, 36);
        callId = id;
        LiveCaller live = new LiveCaller(p -> {
            JsonObject say = new JsonObject()
                    .put("type", "say")
                    .put("id", p.id())
                    .put("text", p.text())
                    .put("language", p.language())
                    .put("listen", p.interruptKeys());
            // Rendering may synthesize dynamic parts: this runs on the call's thread, never the event loop.
            String url =
                    audio == null ? null : audio.url(p.parts(), p.language()).orElse(null);
            send(url == null ? say.putNull("audio") : say.put("audio", new io.vertx.core.json.JsonArray().add(url)));
        });
        caller = live;
        stage = Stage.IVR;
        var info =
                new CallInfo(id, number, "", language, "main", "sim", Map.of("via", "softphone", "by", user.login()));
        send(new JsonObject().put("type", "answered").put("call", id));
        log.info("softphone call {} from {} (opened by {})", id, info.maskedAni(), user.login());
        Thread.ofVirtual().name("softphone-" + id).start(() -> run(info, live));
    }

    private void run(CallInfo info, LiveCaller live) {
        CallEnding ending;
        try {
            ending = engine.run(new SimCall(info, live, queues), new CallListener() {
                @Override
                public void actionDone(ActionRecord r) {
                    send(new JsonObject()
                            .put("type", "action")
                            .put("name", r.name())
                            .put("outcome", r.outcome())
                            .put("reference", r.reference()));
                }
            });
        } catch (RuntimeException e) {
            log.warn("softphone call {} failed: {}", info.callId(), e.toString());
            ending =
                    new CallEnding(CallEnding.Reason.ERROR, "", "", e.getClass().getSimpleName());
        }
        send(new JsonObject()
                .put("type", "ivr-ended")
                .put("reason", ending.reason().wire())
                .put("queue", ending.queue())
                .put("ticket", ending.ticket()));
        if (ending.reason() == CallEnding.Reason.QUEUED
                || (ending.reason() == CallEnding.Reason.ERROR
                        && !ending.queue().isEmpty())) {
            stage = Stage.QUEUED;
            queues.watch(info.callId(), view -> {
                send(new JsonObject()
                        .put("type", "queue")
                        .put("state", view.state().name().toLowerCase(Locale.ROOT))
                        .put("queue", view.queue())
                        .put("position", view.position())
                        .put("agent", view.agent()));
                if (view.state() == SimQueues.CallerView.State.ENDED) {
                    stage = Stage.IDLE;
                    caller = null;
                }
            });
        } else {
            stage = Stage.IDLE;
            caller = null;
        }
    }

    private void hangUp() {
        LiveCaller c = caller;
        switch (stage) {
            case IVR -> {
                if (c != null) {
                    c.hangUp();
                }
            }
            case QUEUED -> {
                String id = callId;
                if (id != null) {
                    queues.callerHangsUp(id);
                }
            }
            case IDLE -> {}
        }
    }

    private void send(JsonObject m) {
        String text = m.encode();
        context.runOnContext(v -> {
            if (!ws.isClosed()) {
                ws.writeTextMessage(text);
            }
        });
    }
}
