package io.hotline.engine;

import io.hotline.call.Call;
import io.hotline.call.CallEnded;
import io.hotline.call.Key;
import io.hotline.call.TelephonyException;
import io.hotline.flow.Flow;
import io.hotline.flow.FlowSet;
import io.hotline.flow.Node;
import io.hotline.flow.Prompt;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A caller who pressed 1 at the periodic callback offer while waiting in the PBX's queue (the dialplan's
 * {@code hotline-queue-exit}, FastAGI {@code agi://host/queue-callback}): the callback is taken as the queue node's
 * {@code callback:} offer takes it ({@link CallbackStep#take}, with that queue's node's prompts), its placeholder at
 * the place the caller had ({@code QUEUEPOSITION}); booked, the reference is said and the call hung up. Otherwise
 * (no key, a refused number, no queue node of the flows offering callbacks for that queue, no callbacks here) the
 * run ends without a hang-up and the dialplan puts the caller back at the same position.
 *
 * <p>The dialplan's arguments, in order: queue, position, ticket, app_queue priority, account id, language. The call's
 * session stays the one its IVR run recorded: this run records none.
 */
final class QueueCallbackRun {
    /** The FastAGI path ({@code agi://host/queue-callback}) of this entry; no flow can be called so. */
    static final String ENTRY = "queue-callback";

    private static final Logger log = LoggerFactory.getLogger(QueueCallbackRun.class);

    private final Call call;
    private final FlowSet flowSet;
    private final CallbackOffers offers;
    private final CallState state;
    private final CallListener listener;

    /** {@code listener} hears what is said and listened for (a transcript), not the call's start and end. */
    QueueCallbackRun(Call call, FlowSet flowSet, CallbackOffers offers, Clock clock, CallListener listener) {
        this.call = call;
        this.flowSet = flowSet;
        this.offers = offers;
        this.listener = listener;
        this.state = new CallState(call, flowSet, clock, CallListener.NONE);
    }

    CallEnding run() {
        var info = call.info();
        Map<String, String> extra = info.extra();
        String queue = extra.getOrDefault("arg.1", "").trim();
        int position = number(extra.getOrDefault("arg.2", ""));
        String ticket = extra.getOrDefault("arg.3", "").trim();
        int priority = number(extra.getOrDefault("arg.4", ""));
        String account = extra.getOrDefault("arg.5", "").trim();
        String language = extra.getOrDefault("arg.6", "").trim();
        MDC.put("call", info.callId());
        try {
            state.rootFlowId = ENTRY;
            state.language = language.isEmpty() ? info.language() : language;
            state.vars.put("caller.ani", info.ani());
            state.vars.put("call.id", info.callId());
            state.vars.put("call.transport", info.transport());
            state.vars.put("call.language", state.language);
            state.vars.put("ticket.ref", ticket);
            if (account.matches("[0-9]+")) {
                state.vars.put("account.id", account);
            }
            Optional<Node.Queue> node = offeringNode(queue);
            if (node.isEmpty() || position < 1 || !offers.available()) {
                log.warn(
                        "in-queue callback asked in '{}' at position {}, but {}; back in the queue",
                        queue,
                        position,
                        node.isEmpty() ? "no queue node of the flows offers callbacks there" : "none can be booked");
                return back(queue, ticket, "no callback offered in the queue");
            }
            Node.Queue q = node.get();
            Node.Queue asQueued = new Node.Queue(
                    q.id(), q.source(), q.prompt(), q.queue(), priority, q.category(), q.callback(), q.closed());
            var step = new CallbackStep(call, offers, state, this::play, this::waitForKey);
            log.info("in-queue callback offer taken in {} at position {}", queue, position);
            return step.take(asQueued, ticket, position)
                    .orElseGet(() -> back(queue, ticket, "callback not booked; back at position " + position));
        } catch (CallEnded e) {
            log.info("caller hung up during the in-queue callback offer");
            return new CallEnding(CallEnding.Reason.CALLER_HANGUP, "", ticket, "in-queue callback offer");
        } catch (TelephonyException e) {
            log.warn("telephony link failed: {}", e.getMessage());
            return new CallEnding(CallEnding.Reason.ERROR, "", ticket, "telephony: " + e.getMessage());
        } finally {
            MDC.remove("call");
        }
    }

    /** The ending of a caller the dialplan queues again (this run hangs nothing up). */
    private static CallEnding back(String queue, String ticket, String why) {
        return new CallEnding(CallEnding.Reason.QUEUED, queue, ticket, why);
    }

    /** The first queue node, in the published flows, that hands calls to {@code queue} and offers callbacks. */
    private Optional<Node.Queue> offeringNode(String queue) {
        for (Flow flow : flowSet.flows().values()) {
            for (Node n : flow.nodes().values()) {
                if (n instanceof Node.Queue q
                        && q.queue().equals(queue)
                        && q.callback() != null
                        && q.callback().offered()) {
                    return Optional.of(q);
                }
            }
        }
        return Optional.empty();
    }

    private Key play(Prompt prompt, String interruptKeys) {
        return CallRun.play(call, listener, state, prompt, interruptKeys);
    }

    private Key waitForKey(java.time.Duration timeout) {
        return CallRun.waitForKey(call, listener, timeout);
    }

    private static int number(String s) {
        String t = s.trim();
        return t.matches("[0-9]{1,6}") ? Integer.parseInt(t) : 0;
    }
}
