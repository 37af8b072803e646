package io.hotline.engine;

import io.hotline.call.Call;
import io.hotline.flow.Flow;
import io.hotline.flow.FlowSet;
import io.hotline.flow.Node;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one call has learned and done so far: its variables (secure ones never leave the call), its language, the
 * path through the nodes with what the caller typed at each, and the actions' records. Read by every part of a
 * run; one call's thread only.
 */
final class CallState {
    private static final Pattern VAR_REF = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)}");

    final Map<String, String> vars = new LinkedHashMap<>();
    private final Set<String> secureVars = new HashSet<>();
    private final List<PathStep> path = new ArrayList<>();
    final List<ActionRecord> done = new ArrayList<>();
    private final Call call;
    private final FlowSet flowSet;
    private final Clock clock;
    private final CallListener listener;
    String language;
    String rootFlowId;

    // the node being run, so a hang-up in the middle of it is recorded where it happened
    Flow currentFlow;
    Node currentNode;
    private Instant enteredAt;
    private String currentInput = "";

    CallState(Call call, FlowSet flowSet, Clock clock, CallListener listener) {
        this.call = call;
        this.flowSet = flowSet;
        this.clock = clock;
        this.listener = listener;
    }

    /** Keeps a typed value for the rest of the call; a secure one is never recorded or shown. */
    void keep(String variable, String value, boolean secure) {
        vars.put(variable, value);
        if (secure) {
            secureVars.add(variable);
        }
    }

    /** The variables an action set, with the secure ones left out (for its record). */
    Map<String, String> visible(Map<String, String> set) {
        Map<String, String> out = new LinkedHashMap<>(set);
        secureVars.forEach(out::remove);
        return out;
    }

    /** The next of the current flow's languages, for the rest of the call. */
    void switchLanguage() {
        List<String> langs = currentFlow.languages();
        int i = langs.indexOf(language);
        language = langs.get((i + 1) % langs.size());
        vars.put("call.language", language);
    }

    /** {@code template} with each {@code ${name}} replaced by the variable's value (empty when unset). */
    String resolve(String template) {
        Matcher m = VAR_REF.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), "")));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    // ---- path bookkeeping -------------------------------------------------------------

    void enter(Flow flow, Node node) {
        currentFlow = flow;
        currentNode = node;
        enteredAt = clock.instant();
        currentInput = "";
        listener.nodeEntered(flow.id(), node.id(), typeOf(node));
    }

    void noteInput(String input) {
        currentInput = currentInput.isEmpty() ? input : currentInput + " " + input;
    }

    Node leave(Flow flow, String exit, String target) {
        leaveCurrentNode(exit);
        return flow.node(target);
    }

    void leaveCurrentNode(String exit) {
        if (currentNode == null) {
            return;
        }
        path.add(new PathStep(currentFlow.id(), currentNode.id(), typeOf(currentNode), currentInput, exit, enteredAt));
        currentNode = null;
    }

    /** Where the call is, for the record of a hang-up: {@code at main/menu}, or empty before the first node. */
    String where() {
        return currentNode == null ? "" : "at " + currentFlow.id() + "/" + currentNode.id();
    }

    static String typeOf(Node node) {
        return switch (node) {
            case Node.Say s -> "say";
            case Node.RecordMessage r -> "record";
            case Node.Menu m -> "menu";
            case Node.Input i -> "input";
            case Node.Action a -> "action";
            case Node.Branch b -> "branch";
            case Node.Subflow s -> "subflow";
            case Node.Return r -> "return";
            case Node.Queue q -> "queue";
            case Node.Hangup h -> "hangup";
            case Node.Hours h -> "hours";
            case Node.Announce a -> "announce";
        };
    }

    String ticketRef() {
        return vars.getOrDefault("ticket.ref", "");
    }

    /** The call as the actions, the ticket desk and the session log see it: secure variables left out. */
    CallSnapshot snapshot() {
        Map<String, String> shown = vars; // CallSnapshot copies it; a second copy only when something is secure
        if (!secureVars.isEmpty()) {
            shown = new LinkedHashMap<>(vars);
            secureVars.forEach(shown::remove);
        }
        return new CallSnapshot(call.info(), rootFlowId, flowSet.version(), language, shown, path, done);
    }
}
