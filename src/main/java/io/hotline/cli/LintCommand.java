package io.hotline.cli;

import io.hotline.actions.ActionNames;
import io.hotline.config.Settings;
import io.hotline.flow.FlowLoader;
import io.hotline.flow.FlowSet;
import io.hotline.flow.LoadResult;
import io.hotline.flow.Problem;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hotline lint [dir]}: checks the flow files and prints every problem as
 * {@code file:line: node 'id': message}, then a summary. Exit 0 when clean, 1 otherwise.
 */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description = "Checks the flow files: prints every problem as file:line: message; exit 1 if any.")
public final class LintCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "DIR",
            description = "The flows directory (default: $HOTLINE_FLOWS_DIR, else ivr-flows).")
    Path dir;

    @Override
    public Integer call() {
        Path flows = dir != null ? dir : Settings.fromEnvironment().path("HOTLINE_FLOWS_DIR", "ivr-flows");
        LoadResult result = new FlowLoader().load(flows, ActionNames.catalog());
        PrintStream out = System.out;
        for (Problem p : result.problems()) {
            out.println(p);
        }
        if (!result.ok()) {
            out.println(
                    plural(result.problems().size(), "problem") + " in " + plural(result.filesWithProblems(), "file"));
            out.flush();
            return 1;
        }
        FlowSet set = result.flowSet().orElseThrow();
        java.util.List<String> prompts = PromptsCommand.lint(set, Settings.fromEnvironment());
        if (!prompts.isEmpty()) {
            prompts.forEach(out::println);
            out.println(plural(prompts.size(), "prompt problem"));
            out.flush();
            return 1;
        }
        int nodes =
                set.flows().values().stream().mapToInt(f -> f.nodes().size()).sum();
        out.println("ok: " + plural(set.flows().size(), "flow") + ", " + plural(nodes, "node"));
        out.flush();
        return 0;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
