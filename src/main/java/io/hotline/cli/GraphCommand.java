package io.hotline.cli;

import io.hotline.actions.ActionNames;
import io.hotline.config.Settings;
import io.hotline.flow.Flow;
import io.hotline.flow.FlowGraph;
import io.hotline.flow.FlowLoader;
import io.hotline.flow.FlowSet;
import io.hotline.flow.LoadResult;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hotline graph <flow>}: prints a flow as Graphviz DOT (pipe it into {@code dot -Tsvg}),
 * or as a Mermaid flowchart with {@code --mermaid}.
 */
@Command(
        name = "graph",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a flow as Graphviz DOT: one box per node, one arrow per exit labelled with the key, "
                    + "outcome or case.",
            "Example: hotline graph stolen | dot -Tsvg > stolen.svg"
        })
public final class GraphCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FLOW", description = "The flow id (its file name without .yaml).")
    String flowId;

    @Option(
            names = "--flows",
            paramLabel = "DIR",
            description = "The flows directory (default: $HOTLINE_FLOWS_DIR, else ivr-flows).")
    Path dir;

    @Option(names = "--mermaid", description = "Print a Mermaid flowchart instead of DOT.")
    boolean mermaid;

    @Override
    public Integer call() {
        Path flows = dir != null ? dir : Settings.fromEnvironment().path("HOTLINE_FLOWS_DIR", "ivr-flows");
        LoadResult r = new FlowLoader().load(flows, ActionNames.catalog());
        if (!r.ok()) {
            r.problems().forEach(System.err::println);
            System.err.println("hotline graph: the flows have problems (see above; hotline lint " + flows + ")");
            return 1;
        }
        FlowSet set = r.flowSet().orElseThrow();
        Optional<Flow> flow = set.flow(flowId);
        if (flow.isEmpty()) {
            System.err.println("hotline graph: no flow '" + flowId + "' in " + flows + " (flows: "
                    + String.join(", ", set.flows().keySet().stream().sorted().toList()) + ")");
            return 2;
        }
        System.out.print(mermaid ? FlowGraph.mermaid(flow.get()) : FlowGraph.dot(flow.get()));
        System.out.flush();
        return 0;
    }
}
