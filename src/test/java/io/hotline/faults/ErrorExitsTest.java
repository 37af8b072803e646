package io.hotline.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.actions.HotlineActions;
import io.hotline.flow.Flow;
import io.hotline.flow.FlowLoader;
import io.hotline.flow.FlowSet;
import io.hotline.flow.Node;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the shipped flows do when an action fails (the database is down): from every action's
 * {@code error} exit, with every later action failing too, the caller must hear something (an
 * apology) and reach a queue, without being asked for more input and without being hung up on.
 */
@DisplayName("Error exits of the shipped flows")
class ErrorExitsTest {
    private final FlowSet flows = new FlowLoader()
            .load(Path.of("ivr-flows"), HotlineActions.CATALOG)
            .flowSet()
            .orElseThrow();

    /** A subflow call on the way, to return to. */
    private record Frame(Flow flow, Node.Subflow node) {}

    @Test
    @DisplayName("every action's error exit says something and then puts the caller through to a queue")
    void everyErrorExitApologisesAndQueues() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Flow flow : flows.flows().values()) {
            for (Node node : flow.nodes().values()) {
                if (node instanceof Node.Action action) {
                    checked++;
                    String target = action.outcomes().get("error");
                    if (target == null) {
                        problems.add(flow.id() + "/" + action.id() + ": no error exit");
                        continue;
                    }
                    walk(
                            flow,
                            target,
                            false,
                            new ArrayDeque<>(),
                            new ArrayList<>(List.of(flow.id() + "/" + action.id())),
                            problems);
                }
            }
        }
        assertThat(checked).as("actions in the shipped flows").isGreaterThan(10);
        assertThat(problems).isEmpty();
    }

    private void walk(
            Flow flow, String nodeId, boolean said, Deque<Frame> stack, List<String> trail, List<String> problems) {
        Node node = flow.node(nodeId);
        trail.add(flow.id() + "/" + nodeId);
        if (trail.size() > 60) {
            problems.add(String.join(" > ", trail) + ": no queue reached");
            return;
        }
        switch (node) {
            case Node.Say say -> walk(flow, say.next(), true, stack, trail, problems);
            // the calendar needs no database: an hours node goes on as it would, open or not
            case Node.Hours hours -> walk(flow, hours.open(), said, stack, trail, problems);
            case Node.Announce point -> walk(flow, point.next(), said, stack, trail, problems);
            case Node.RecordMessage rec -> walk(flow, rec.next(), true, stack, trail, problems);
            case Node.Branch branch -> {
                for (Node.Case c : branch.cases()) {
                    walk(flow, c.target(), said, new ArrayDeque<>(stack), new ArrayList<>(trail), problems);
                }
                walk(flow, branch.otherwise(), said, stack, trail, problems);
            }
            // the database is still down: the next action fails as well
            case Node.Action action -> walk(flow, action.outcomes().get("error"), said, stack, trail, problems);
            case Node.Subflow sub -> {
                Flow called = flows.flow(sub.flow()).orElseThrow();
                var inner = new ArrayDeque<>(stack);
                inner.push(new Frame(flow, sub));
                walk(called, called.start(), said, inner, trail, problems);
            }
            case Node.Return ret -> {
                if (!stack.isEmpty()) {
                    var inner = new ArrayDeque<>(stack);
                    Frame f = inner.pop();
                    walk(f.flow(), f.node().outcomes().get(ret.outcome()), said, inner, trail, problems);
                    return;
                }
                boolean anyCaller = false;
                for (Flow caller : flows.flows().values()) {
                    for (Node n : caller.nodes().values()) {
                        if (n instanceof Node.Subflow s && s.flow().equals(flow.id())) {
                            anyCaller = true;
                            walk(
                                    caller,
                                    s.outcomes().get(ret.outcome()),
                                    said,
                                    new ArrayDeque<>(),
                                    new ArrayList<>(trail),
                                    problems);
                        }
                    }
                }
                if (!anyCaller) {
                    problems.add(String.join(" > ", trail) + ": returns from the top-level flow");
                }
            }
            case Node.Queue q -> {
                if (!said) {
                    problems.add(String.join(" > ", trail) + ": queued without telling the caller why");
                }
            }
            case Node.Menu m -> problems.add(String.join(" > ", trail) + ": asks the caller to choose again");
            case Node.Input i -> problems.add(String.join(" > ", trail) + ": asks the caller to type again");
            case Node.Hangup h -> problems.add(String.join(" > ", trail) + ": hangs up on the caller");
        }
    }
}
