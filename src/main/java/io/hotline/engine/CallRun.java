package io.hotline.engine;

import io.hotline.call.Call;
import io.hotline.call.CallEnded;
import io.hotline.call.Key;
import io.hotline.call.Masking;
import io.hotline.call.PromptPart;
import io.hotline.call.QueueHandoff;
import io.hotline.call.TelephonyException;
import io.hotline.flow.Flow;
import io.hotline.flow.FlowSet;
import io.hotline.flow.Node;
import io.hotline.flow.Prompt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** One call's run through the flows: the interpreter and all per-call state. */
final class CallRun {
    private static final Logger log = LoggerFactory.getLogger(CallRun.class);
    private static final Pattern VAR_REF = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)}");
    private static final String ANY_KEY = "0123456789*#";

    private final Call call;
    private final FlowSet flowSet;
    private final Actions actions;
    private final TicketDesk tickets;
    private final SessionLog sessions;
    private final Clock clock;
    private final EngineOptions options;
    private final ExecutorService actionThreads;
    private final CallListener listener;

    private final Map<String, String> vars = new LinkedHashMap<>();
    private final Set<String> secureVars = new HashSet<>();
    private final List<PathStep> path = new ArrayList<>();
    private final List<ActionRecord> done = new ArrayList<>();
    private String language;
    private String rootFlowId;
    private int steps;

    // the node being run, so a hang-up in the middle of it is recorded where it happened
    private Flow currentFlow;
    private Node currentNode;
    private Instant enteredAt;
    private String currentInput = "";
    private Future<?> startRecorded;
    // a read-only action started while the prompt before it plays (null when none is running)
    private Early early;

    private record Early(Node.Action node, Future<Timed> result, long startNanos) {
    }

    /** An action's result and how long the action itself took. */
    private record Timed(ActionResult result, long nanos) {
    }

    /** How a flow (or subflow) finished. */
    private sealed interface Finish {
        record Returned(String outcome) implements Finish {
        }

        record Ended(CallEnding ending) implements Finish {
        }
    }

    CallRun(Call call, FlowSet flowSet, Actions actions, TicketDesk tickets, SessionLog sessions, Clock clock,
            EngineOptions options, ExecutorService actionThreads, CallListener listener) {
        this.call = call;
        this.flowSet = flowSet;
        this.actions = actions;
        this.tickets = tickets;
        this.sessions = sessions;
        this.clock = clock;
        this.options = options;
        this.actionThreads = actionThreads;
        this.listener = listener;
    }

    CallEnding run() {
        var info = call.info();
        MDC.put("call", info.callId());
        listener.started(info);
        rootFlowId = info.flowId();
        language = info.language();
        vars.put("caller.ani", info.ani());
        vars.put("call.id", info.callId());
        vars.put("call.transport", info.transport());
        CallEnding ending;
        try {
            Flow flow = flowSet.flow(info.flowId()).orElse(null);
            if (flow != null && !flow.languages().contains(language)) {
                language = flow.languages().getFirst();
            }
            vars.put("call.language", language);
            startRecorded = recordStartInBackground();
            log.info("call from {} on {} flow '{}' v{}", info.maskedAni(), info.transport(), info.flowId(),
                    flowSet.version());
            if (flow == null) {
                log.warn("no flow '{}' is published; sending the caller to {}", info.flowId(),
                        options.fallbackQueue());
                ending = fallback("no flow '" + info.flowId() + "'");
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
            leaveCurrentNode("caller_hangup");
            log.info("caller hung up{}", currentNode == null ? "" : " at " + currentNode.id());
            ending = new CallEnding(CallEnding.Reason.CALLER_HANGUP, "", "",
                    currentNode == null ? "" : "at " + currentFlow.id() + "/" + currentNode.id());
        } catch (TelephonyException e) {
            leaveCurrentNode("error");
            log.warn("telephony link failed: {}", e.getMessage());
            ending = new CallEnding(CallEnding.Reason.ERROR, "", "", "telephony: " + e.getMessage());
        } catch (RuntimeException e) {
            leaveCurrentNode("error");
            log.error("flow run failed; sending the caller to {}", options.fallbackQueue(), e);
            ending = fallbackQuietly(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        cancelEarly(); // a call that ended during a prompt leaves no action of it running
        CallEnding finalEnding = ending;
        awaitStartRecorded();
        record(() -> sessions.ended(snapshot(), finalEnding, clock.instant()), "session end");
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
            enter(flow, node);
            switch (node) {
                case Node.Say say -> {
                    startEarly(flow.node(say.next()));
                    try {
                        play(say.prompt(), "");
                    } catch (RuntimeException e) {
                        cancelEarly();
                        throw e;
                    }
                    node = leave(flow, say.next(), say.next());
                }
                case Node.Menu menu -> {
                    String target = runMenu(menu);
                    node = leave(flow, target, target);
                }
                case Node.Input input -> {
                    String target = runInput(input);
                    node = leave(flow, target, target);
                }
                case Node.Action action -> {
                    String outcome = runAction(action);
                    String target = action.outcomes().get(outcome);
                    if (target == null) {
                        target = action.outcomes().get("error");
                    }
                    node = leave(flow, outcome, target);
                }
                case Node.Branch branch -> {
                    String target = branch.otherwise();
                    for (Node.Case c : branch.cases()) {
                        if (c.condition().test(vars)) {
                            target = c.target();
                            break;
                        }
                    }
                    node = leave(flow, target, target);
                }
                case Node.Subflow sub -> {
                    Flow called = flowSet.flow(sub.flow())
                            .orElseThrow(() -> new IllegalStateException("no flow '" + sub.flow() + "'"));
                    leaveCurrentNode("call " + sub.flow());
                    Finish f = runFlow(called, depth + 1);
                    if (f instanceof Finish.Ended) {
                        return f;
                    }
                    String outcome = ((Finish.Returned) f).outcome();
                    String target = sub.outcomes().get(outcome);
                    if (target == null) {
                        throw new IllegalStateException("subflow '" + sub.flow() + "' returned unmapped '" + outcome + "'");
                    }
                    enter(flow, sub);
                    node = leave(flow, outcome, target);
                }
                case Node.Return ret -> {
                    leaveCurrentNode("return " + ret.outcome());
                    return new Finish.Returned(ret.outcome());
                }
                case Node.Queue queue -> {
                    return new Finish.Ended(runQueue(queue));
                }
                case Node.Hangup hangup -> {
                    play(hangup.prompt(), "");
                    leaveCurrentNode("hangup");
                    call.hangup();
                    return new Finish.Ended(new CallEnding(CallEnding.Reason.HANGUP, "", ticketRef(), ""));
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
                noteInput("timeout");
                if (++failures > menu.retries()) {
                    return menu.onFail();
                }
                toPlay = menu.noInput();
                continue;
            }
            String k = key.toString();
            noteInput(k);
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
                switchLanguage();
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
                    noteInput(during.toString());
                    listener.keys(menu.id(), during.toString());
                    if (t != null && !t.startsWith("@")) {
                        return t;
                    }
                    if (Node.Menu.SWITCH_LANGUAGE.equals(t)) {
                        switchLanguage();
                    }
                }
            }
        }
    }

    private void switchLanguage() {
        List<String> langs = currentFlow.languages();
        int i = langs.indexOf(language);
        language = langs.get((i + 1) % langs.size());
        vars.put("call.language", language);
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
            noteInput(value.isEmpty() ? (terminated ? "#" : "timeout") : shown);
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
            boolean valid = value.length() >= input.minLength() && value.length() <= input.maxLength()
                    && (input.pattern() == null ? value.matches("[0-9]+") : value.matches(input.pattern()));
            if (valid) {
                vars.put(input.variable(), value);
                if (input.secure()) {
                    secureVars.add(input.variable());
                }
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

    // ---- actions --------------------------------------------------------------------

    /**
     * Starts {@code next} now when it is a read-only action: the prompt about to play changes no variable,
     * so the action sees what it would see after it, and its result is waiting when the prompt ends.
     */
    private void startEarly(Node next) {
        if (next instanceof Node.Action a && actions.readOnly(a.action())) {
            early = new Early(a, submitAction(a), System.nanoTime());
        }
    }

    private void cancelEarly() {
        if (early != null) {
            early.result().cancel(true);
            early = null;
        }
    }

    private Future<Timed> submitAction(Node.Action node) {
        Map<String, String> args = new LinkedHashMap<>();
        node.args().forEach((k, v) -> args.put(k, resolve(v)));
        var request = new ActionRequest(node.action(), args, snapshot());
        return actionThreads.submit(() -> {
            long t = System.nanoTime();
            ActionResult r = actions.invoke(request);
            return new Timed(r, System.nanoTime() - t);
        });
    }

    private String runAction(Node.Action node) {
        long t0 = System.nanoTime();
        Future<Timed> f;
        if (early != null && early.node() == node) {
            f = early.result();
            t0 = early.startNanos();
            early = null;
        } else {
            cancelEarly();
            f = submitAction(node);
        }
        ActionResult result;
        long took = -1;
        try {
            // the budget counts from now, when the caller starts waiting, even for an action started early
            Timed timed = f.get(node.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            result = timed.result();
            took = timed.nanos();
        } catch (TimeoutException e) {
            f.cancel(true);
            log.warn("action {} took longer than {} ms", node.action(), node.timeout().toMillis());
            result = ActionResult.of("timeout");
        } catch (ExecutionException e) {
            log.warn("action {} failed: {}", node.action(), describe(e.getCause()));
            result = ActionResult.of("error");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new TelephonyException("call thread interrupted");
        }
        long millis = (took >= 0 ? took : System.nanoTime() - t0) / 1_000_000;
        vars.putAll(result.variables());
        Map<String, String> set = new LinkedHashMap<>(result.variables());
        secureVars.forEach(set::remove);
        var rec = new ActionRecord(node.action(), result.outcome(), result.reference(), result.records(),
                clock.instant(), millis, set);
        done.add(rec);
        listener.actionDone(rec);
        log.info("action {} -> {}{} ({} ms)", node.action(), result.outcome(),
                result.reference().isEmpty() ? "" : " " + result.reference(), millis);
        return result.outcome();
    }

    private static String describe(Throwable t) {
        // a database error may quote the value it refused (a typed number): mask numbers before logging
        return t == null ? "unknown" : t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + Masking.text(t.getMessage()));
    }

    private String resolve(String template) {
        Matcher m = VAR_REF.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), "")));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    // ---- queue hand-off -------------------------------------------------------------

    private CallEnding runQueue(Node.Queue q) {
        String ref;
        if (q.prompt() != null && q.prompt().readsVariable("ticket.")) {
            ref = writeTicket(q.category(), q.queue(), q.priority()); // the prompt reads the ticket out
            play(q.prompt(), "");
        } else {
            // the ticket is written while the caller hears the hold prompt, which says nothing of it
            long t0 = System.nanoTime();
            Future<String> ticket = startTicket(q.category(), q.queue(), q.priority());
            try {
                play(q.prompt(), "");
            } catch (CallEnded e) {
                awaitTicket(ticket, t0); // the record of the hang-up then names the ticket, as it would have
                throw e;
            }
            ref = awaitTicket(ticket, t0);
        }
        handOff(q.queue(), q.priority(), q.category(), ref);
        leaveCurrentNode("queued " + q.queue());
        return new CallEnding(CallEnding.Reason.QUEUED, q.queue(), ref, ref.isEmpty() ? "ticket not written" : "");
    }

    private String writeTicket(String category, String queue, int priority) {
        return awaitTicket(startTicket(category, queue, priority), System.nanoTime());
    }

    private Future<String> startTicket(String category, String queue, int priority) {
        var snap = snapshot();
        return actionThreads.submit(() -> tickets.openOrUpdate(snap, category, queue, priority));
    }

    /** The ticket's reference once written, within the ticket budget counted from {@code startNanos}; else "". */
    private String awaitTicket(Future<String> f, long startNanos) {
        long left = Math.max(0, options.ticketBudget().toNanos() - (System.nanoTime() - startNanos));
        try {
            String ref = f.get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
            vars.put("ticket.ref", ref);
            return ref;
        } catch (TimeoutException e) {
            f.cancel(true);
            log.warn("ticket not written within {} ms; queueing without it", options.ticketBudget().toMillis());
        } catch (ExecutionException e) {
            log.warn("ticket not written: {}; queueing without it", describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelephonyException("call thread interrupted");
        }
        return "";
    }

    private void handOff(String queue, int priority, String category, String ref) {
        Map<String, String> channelVars = new LinkedHashMap<>();
        if (!ref.isEmpty()) {
            channelVars.put("__HOTLINE_TICKET", ref);
        }
        String account = vars.getOrDefault("account.id", "");
        if (!account.isEmpty()) {
            channelVars.put("__HOTLINE_ACCOUNT", account);
        }
        channelVars.put("__HOTLINE_QUEUE", queue);
        channelVars.put("__HOTLINE_CATEGORY", category);
        channelVars.put("__HOTLINE_PRIORITY", Integer.toString(priority));
        channelVars.put("__HOTLINE_VERIFIED", vars.getOrDefault("caller.verified", "no"));
        channelVars.put("__HOTLINE_LANG", language);
        if (ref.isEmpty() && !done.isEmpty()) {
            // no ticket (database down): the agent still learns from the channel what the IVR did
            channelVars.put("__HOTLINE_ACTIONS", actionsSummary());
        }
        call.handToQueue(new QueueHandoff(queue, priority, ref, channelVars));
    }

    /** {@code freeze_account=frozen:F-1,verify_pin=ok}, at most 200 characters (channel variables are short). */
    private String actionsSummary() {
        StringBuilder sb = new StringBuilder();
        for (ActionRecord a : done) {
            String item = a.name() + "=" + a.outcome() + (a.reference().isEmpty() ? "" : ":" + a.reference());
            if (sb.length() + item.length() + 1 > 200) {
                break;
            }
            sb.append(sb.isEmpty() ? "" : ",").append(item);
        }
        return sb.toString();
    }

    /** When the flow itself fails, the caller still reaches a person. */
    private CallEnding fallback(String why) {
        String queue = options.fallbackQueue();
        String ref = writeTicket("general", queue, 0);
        handOff(queue, 0, "general", ref);
        return new CallEnding(CallEnding.Reason.ERROR, queue, ref, why);
    }

    private CallEnding fallbackQuietly(String why) {
        try {
            return fallback(why);
        } catch (CallEnded e) {
            return new CallEnding(CallEnding.Reason.CALLER_HANGUP, "", "", why);
        } catch (RuntimeException e) {
            log.warn("fallback to {} failed too: {}", options.fallbackQueue(), describe(e));
            call.hangup();
            return new CallEnding(CallEnding.Reason.ERROR, "", "", why);
        }
    }

    // ---- playing ----------------------------------------------------------------------

    private Key play(Prompt prompt, String interruptKeys) {
        List<PromptPart> parts = PromptRenderer.render(prompt, language, vars);
        if (parts.isEmpty()) {
            return Key.NONE;
        }
        listener.said(language, parts);
        if (!interruptKeys.isEmpty()) {
            listener.listening(interruptKeys, true);
        }
        return call.play(parts, language, interruptKeys);
    }

    private Key waitForKey(Duration timeout) {
        listener.listening(ANY_KEY, false);
        return call.waitForKey(timeout);
    }

    // ---- path bookkeeping -------------------------------------------------------------

    private void enter(Flow flow, Node node) {
        currentFlow = flow;
        currentNode = node;
        enteredAt = clock.instant();
        currentInput = "";
        listener.nodeEntered(flow.id(), node.id(), typeOf(node));
    }

    private void noteInput(String input) {
        currentInput = currentInput.isEmpty() ? input : currentInput + " " + input;
    }

    private Node leave(Flow flow, String exit, String target) {
        leaveCurrentNode(exit);
        return flow.node(target);
    }

    private void leaveCurrentNode(String exit) {
        if (currentNode == null) {
            return;
        }
        path.add(new PathStep(currentFlow.id(), currentNode.id(), typeOf(currentNode), currentInput, exit, enteredAt));
        currentNode = null;
    }

    static String typeOf(Node node) {
        return switch (node) {
            case Node.Say s -> "say";
            case Node.Menu m -> "menu";
            case Node.Input i -> "input";
            case Node.Action a -> "action";
            case Node.Branch b -> "branch";
            case Node.Subflow s -> "subflow";
            case Node.Return r -> "return";
            case Node.Queue q -> "queue";
            case Node.Hangup h -> "hangup";
        };
    }

    private String ticketRef() {
        return vars.getOrDefault("ticket.ref", "");
    }

    private CallSnapshot snapshot() {
        Map<String, String> visible = vars; // CallSnapshot copies it; a second copy only when something is secure
        if (!secureVars.isEmpty()) {
            visible = new LinkedHashMap<>(vars);
            secureVars.forEach(visible::remove);
        }
        return new CallSnapshot(call.info(), rootFlowId, flowSet.version(), language, visible, path, done);
    }

    /**
     * Writes the session's start off the call's thread: with the database down, borrowing a connection
     * waits for the pool's timeout, and the caller must hear the greeting meanwhile, not silence.
     */
    private Future<?> recordStartInBackground() {
        var snap = snapshot();
        var at = clock.instant();
        String callId = snap.info().callId();
        return actionThreads.submit(() -> {
            MDC.put("call", callId);
            try {
                record(() -> sessions.started(snap, at), "session start");
            } finally {
                MDC.remove("call");
            }
        });
    }

    /** The end is written after the start (it completes the start's row), waiting a bounded time. */
    private void awaitStartRecorded() {
        if (startRecorded == null) {
            return;
        }
        try {
            startRecorded.get(options.ticketBudget().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.debug("session start still not written; writing the end anyway");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private void record(Work work, String what) {
        try {
            work.run();
        } catch (Exception e) {
            log.warn("{} not recorded: {}", what, describe(e));
        }
    }
}
