package io.hotline.cli;

import io.hotline.config.Settings;
import io.hotline.flow.FlowSet;
import io.hotline.prompts.PromptsConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hotline bench prompts}: the same measurement as {@code hotline prompts --bench}. */
@Command(
        name = "prompts",
        mixinStandardHelpOptions = true,
        description = {
            "Cold synthesis of every prompt of the flows into a temporary directory, then a re-run with",
            "nothing changed; exit 1 if either misses its target (20 s, 1 s). See BENCHMARKS.md."
        })
public final class BenchPromptsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--flows",
            paramLabel = "DIR",
            description = "The flows directory (default: $HOTLINE_FLOWS_DIR, else ivr-flows).")
    Path flowsDir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Settings settings = Settings.fromEnvironment();
        Path flows = flowsDir != null ? flowsDir : settings.path("HOTLINE_FLOWS_DIR", "ivr-flows");
        Optional<FlowSet> set = PromptsCommand.load(flows, out);
        return set.isEmpty() ? 1 : PromptsCommand.bench(set.get(), PromptsConfig.from(settings), out);
    }
}
