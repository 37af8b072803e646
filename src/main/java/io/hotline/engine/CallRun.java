package io.hotline.engine;

import io.hotline.call.Call;
import io.hotline.call.CallEnded;
import io.hotline.call.Key;
import io.hotline.call.Masking;
import io.hotline.call.PromptPart;
import io.hotline.call.TelephonyException;
import io.hotline.flow.Flow;
import io.hotline.flow.FlowSet;
import io.hotline.flow.Node;
import io.hotline.flow.Prompt;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One call's run through the flows: the interpreter, which decides from each node and the caller's keys where the
 * call goes next. What it carries out it hands to its parts: {@link ActionRunner} (actions within their budgets),
 * {@link QueueStep} (ticket and hand-off), {@link SessionRecording} (the session's row); what the call has learned
 * lives in {@link CallState}.
 */
final class CallRun {
    private static final Logger log = LoggerFactory.getLogger(CallRun.class);
    private static final String ANY_KEY = "0123456789*#";

    private final Call call;
    private final FlowSet flowSet;
    private final EngineOptions options;
    private final CallListener listener;
    private final CallState state;
    private final ActionRunner actions;
    private final QueueStep queue;
    private final SessionRecording recording;
    private final RecordStep record;
    private final CalendarStep calendar;
    private final AnnounceStep announce;
    private int steps;

    /** How a flow (or subflow) finished. */
    private sealed interface Finish {
        record Returned(String outcome) implements Finish {}

        record Ended(CallEnding ending) implements Finish {}
    }

    CallRun(
            Call call,
            FlowSet flowSet,
            Actions actions,
            TicketDesk tickets,
            CallbackOffers callbacks,
            SessionLog sessions,
            Clock clock,
            EngineOptions options,
            ExecutorService actionThreads,
            CallListener listener,
            Announcements announcements) {
        this.call = call;
        this.flowSet = flowSet;
        this.options = options;
        this.listener = listener;
        this.state = new CallState(call, flowSet, clock, listener);
        this.actions = new ActionRunner(actions, actionThreads, state, listener, clock);
        this.calendar = new CalendarStep(flowSet.calendar(), clock, state);
        this.queue = new QueueStep(
                call,
                tickets,
                options,
                actionThreads,
                state,
                p -> play(p, ""),
                new CallbackStep(call, callbacks, state, this::play, this::waitForKey),
                calendar);
        this.announce = new AnnounceStep(announcements, clock, state, this::playParts);
        this.recording = new SessionRecording(sessions, actionThreads, clock, options);
        this.record = new RecordStep(call, tickets, state, listener, p -> play(p, ""));
    }

    CallEnding run() {
        var info = call.info();
        MDC.put("call", info.callId());
        listener.started(info);
        state.rootFlowId = info.flowId();
        state.language = info.language();
        state.vars.put("caller.ani", info.ani());
        state.vars.put("call.id", info.callId());
        state.vars.put("call.transport", info.transport());
        CallEnding ending;
        try {
            Flow flow = flowSet.flow(info.flowId()).orElse(null);
            if (flow != null && !flow.languages().contains(state.language)) {
                state.language = flow.languages().getFirst();
            }
            state.vars.put("call.language", state.language);
            recording.started(state.snapshot());
            log.info(
                    "call from {} on {} flow '{}' v{}",
                    info.maskedAni(),
                    info.transport(),
                    info.flowId(),
                    flowSet.version());
            if (flow == null) {
                log.warn("no flow '{}' is published; sending the caller to {}", info.flowId(), options.fallbackQueue());
                ending = queue.fallback("no flow '" + info.flowId() + "'");
            } else {
                ending = switch (runFlow(flow, 0)) {
                    case Finish.Ended e -> e.ending();
                    case Finish.Returned r -> {
                        log.warn("flow '{}' returned '{}' at top level; hanging up", flow.id(), r.outcome());
                        call.hangup();
                        yield new CallEnding(CallEnding.Reason.HANGUP, "", "", "returned " + r.outcome());
                    }
                };
            }
        } catch (CallEnded e) {
            String where = state.where();
            state.leaveCurrentNode("caller_hangup");
            log.info("caller hung up{}", where.isEmpty() ? "" : " " + where);
            ending = new CallEnding(CallEnding.Reason.CALLER_HANGUP, "", "", where);
        } catch (TelephonyException e) {
            state.leaveCurrentNode("error");
            log.warn("telephony link failed: {}", e.getMessage());
            ending = new CallEnding(CallEnding.Reason.ERROR, "", "", "telephony: " + e.getMessage());
        } catch (RuntimeException e) {
            state.leaveCurrentNode("error");
            log.error("flow run failed; sending the caller to {}", options.fallbackQueue(), e);
            ending = queue.fallbackQuietly(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        actions.cancelEarly(); // a call that ended during a prompt leaves no action of it running
        recording.ended(state.snapshot(), ending);
        listener.ended(ending);
        log.info("call ended: {}{}", ending.reason().wire(), ending.queue().isEmpty() ? "" : " to " + ending.queue());
        MDC.remove("call");
        return ending;
    }

    private Finish runFlow(Flow flow, int depth) {
        if (depth > options.maxDepth()) {
            throw new IllegalStateException("subflows nested deeper than " + options.maxDepth());
        }
        Node node = flow.node(flow.start());
        while (true) {
            if (++steps > options.maxSteps()) {
                throw new IllegalStateException("more than " + options.maxSteps() + " steps in one call");
            }
            state.enter(flow, node);
            switch (node) {
                case Node.Say say -> {
                    Node after = flow.node(say.next());
                    // an announcement point plays nothing most of the time: the lookup behind it starts now
                    actions.startEarly(after instanceof Node.Announce point ? flow.node(point.next()) : after);
                    try {
                        play(say.prompt(), "");
                    } catch (RuntimeException e) {
                        actions.cancelEarly();
                        throw e;
                    }
                    node = state.leave(flow, say.next(), say.next());
                }
                case Node.RecordMessage rec -> {
                    String exit = record.run(rec);
                    node = state.leave(flow, exit, rec.next());
                }
                case Node.Menu menu -> {
                    String target = runMenu(menu);
                    node = state.leave(flow, target, target);
                }
                case Node.Input input -> {
                    String target = runInput(input);
                    node = state.leave(flow, target, target);
                }
                case Node.Action action -> {
                    String outcome = actions.run(action);
                    String target = action.outcomes().get(outcome);
                    if (target == null) {
                        target = action.outcomes().get("error");
                    }
                    node = state.leave(flow, outcome, target);
                }
                case Node.Branch branch -> {
                    String target = branch.otherwise();
                    for (Node.Case c : branch.cases()) {
                        if (c.condition().test(state.vars)) {
                            target = c.target();
                            break;
                        }
                    }
                    node = state.leave(flow, target, target);
                }
                case Node.Subflow sub -> {
                    Flow called = flowSet.flow(sub.flow())
                            .orElseThrow(() -> new IllegalStateException("no flow '" + sub.flow() + "'"));
                    state.leaveCurrentNode("call " + sub.flow());
                    Finish f = runFlow(called, depth + 1);
                    if (f instanceof Finish.Ended) {
                        return f;
                    }
                    String outcome = ((Finish.Returned) f).outcome();
                    String target = sub.outcomes().get(outcome);
                    if (target == null) {
                        throw new IllegalStateException(
                                "subflow '" + sub.flow() + "' returned unmapped '" + outcome + "'");
                    }
                    state.enter(flow, sub);
                    node = state.leave(flow, outcome, target);
                }
                case Node.Return ret -> {
                    state.leaveCurrentNode("return " + ret.outcome());
                    return new Finish.Returned(ret.outcome());
                }
                case Node.Queue queue -> {
                    return new Finish.Ended(this.queue.run(queue));
                }
                case Node.Hours hours -> {
                    String[] exit = calendar.run(hours);
                    node = state.leave(flow, exit[0], exit[1]);
                }
                case Node.Announce point -> {
                    String exit = announce.run(point);
                    node = state.leave(flow, exit, point.next());
                }
                case Node.Hangup hangup -> {
                    play(hangup.prompt(), "");
                    state.leaveCurrentNode("hangup");
                    call.hangup();
                    return new Finish.Ended(new CallEnding(CallEnding.Reason.HANGUP, "", state.ticketRef(), ""));
                }
            }
        }
    }

    // ---- menus ----------------------------------------------------------------------

    private String runMenu(Node.Menu menu) {
        String optionKeys = String.join("", menu.options().keySet());
        String interrupt = menu.bargeIn() ? optionKeys : "";
        int failures = 0;
        Prompt toPlay = menu.prompt();
        while (true) {
            Key key = play(toPlay, toPlay == menu.prompt() ? interrupt : optionKeys);
            if (key.isNone()) {
                key = waitForKey(menu.timeout());
            }
            if (key.isNone()) {
                state.noteInput("timeout");
                if (++failures > menu.retries()) {
                    return menu.onFail();
                }
                toPlay = menu.noInput();
                continue;
            }
            String k = key.toString();
            state.noteInput(k);
            listener.keys(menu.id(), k);
            String target = menu.options().get(k);
            if (target == null) {
                if (++failures > menu.retries()) {
                    return menu.onFail();
                }
                toPlay = menu.invalid();
            } else if (target.equals(Node.Menu.REPEAT)) {
                toPlay = menu.prompt();
            } else if (target.equals(Node.Menu.SWITCH_LANGUAGE)) {
                state.switchLanguage();
                toPlay = menu.prompt();
            } else {
                return target;
            }
            if (toPlay != menu.prompt()) {
                // after the apology the menu is offered again
                Key during = play(toPlay, optionKeys);
                toPlay = menu.prompt();
                if (!during.isNone()) {
                    // the caller answered while we apologised: treat it as a fresh choice
                    String t = menu.options().get(during.toString());
                    state.noteInput(during.toString());
                    listener.keys(menu.id(), during.toString());
                    if (t != null && !t.startsWith("@")) {
                        return t;
                    }
                    if (Node.Menu.SWITCH_LANGUAGE.equals(t)) {
                        state.switchLanguage();
                    }
                }
            }
        }
    }

    // ---- digit input ----------------------------------------------------------------

    private String runInput(Node.Input input) {
        int failures = 0;
        while (true) {
            Key key = play(input.prompt(), ANY_KEY);
            StringBuilder digits = new StringBuilder();
            boolean terminated = false;
            if (key.isNone()) {
                key = waitForKey(input.firstDigit());
            }
            long overallEnd = System.nanoTime() + input.overall().toNanos();
            while (!key.isNone()) {
                String k = key.toString();
                if (!input.terminator().isEmpty() && k.equals(input.terminator())) {
                    terminated = true;
                    break;
                }
                digits.append(k);
                if (digits.length() >= input.maxLength()) {
                    break;
                }
                long left = overallEnd - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                key = waitForKey(min(input.interDigit(), Duration.ofNanos(left)));
            }
            String value = digits.toString();
            // secure digits are never kept; a typed phone or account number is kept masked
            String shown = input.secure() ? Masking.secret(value) : Masking.typed(value);
            state.noteInput(value.isEmpty() ? (terminated ? "#" : "timeout") : shown);
            if (!value.isEmpty()) {
                listener.keys(input.id(), shown + (terminated ? input.terminator() : ""));
            }
            if (value.isEmpty()) {
                if (++failures > input.retries()) {
                    return input.onFail();
                }
                play(input.noInput(), "");
                continue;
            }
            boolean valid = value.length() >= input.minLength()
                    && value.length() <= input.maxLength()
                    && (input.pattern() == null ? value.matches("[0-9]+") : value.matches(input.pattern()));
            if (valid) {
                state.keep(input.variable(), value, input.secure());
                return input.next();
            }
            if (++failures > input.retries()) {
                return input.onFail();
            }
            play(input.invalid(), "");
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    // ---- playing ----------------------------------------------------------------------

    private Key play(Prompt prompt, String interruptKeys) {
        return play(call, listener, state, prompt, interruptKeys);
    }

    /**
     * Plays {@code prompt} in the call's language with its variables, told to {@code listener}; stopped by one of
     * {@code interruptKeys}, which it returns ({@link Key#NONE} when it played to the end or said nothing).
     */
    static Key play(Call call, CallListener listener, CallState state, Prompt prompt, String interruptKeys) {
        List<PromptPart> parts = PromptRenderer.render(prompt, state.language, state.vars);
        if (parts.isEmpty()) {
            return Key.NONE;
        }
        listener.said(state.language, parts);
        if (!interruptKeys.isEmpty()) {
            listener.listening(interruptKeys, true);
        }
        return call.play(parts, state.language, interruptKeys);
    }

    /** Parts that are no flow prompt (an announcement), heard through to the end. */
    private void playParts(List<PromptPart> parts) {
        listener.said(state.language, parts);
        call.play(parts, state.language, "");
    }

    private Key waitForKey(Duration timeout) {
        return waitForKey(call, listener, timeout);
    }

    /** Waits up to {@code timeout} for any key, {@code listener} told the call listens. */
    static Key waitForKey(Call call, CallListener listener, Duration timeout) {
        listener.listening(ANY_KEY, false);
        return call.waitForKey(timeout);
    }
}
