package io.hotline.cli;

import io.hotline.actions.ActionNames;
import io.hotline.config.Settings;
import io.hotline.flow.FlowLoader;
import io.hotline.flow.FlowSet;
import io.hotline.flow.LoadResult;
import io.hotline.flow.Problem;
import io.hotline.prompts.GenerationReport;
import io.hotline.prompts.PromptAction;
import io.hotline.prompts.PromptCatalog;
import io.hotline.prompts.PromptGenerator;
import io.hotline.prompts.PromptLint;
import io.hotline.prompts.PromptsConfig;
import io.hotline.prompts.Voices;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hotline prompts}: brings {@code sounds/} up to date with the flows' prompts and
 * prints a line per prompt and a summary; exit 1 if any prompt could not be produced (or
 * the flows have problems). {@code --bench} measures instead: cold synthesis of every
 * prompt into a temporary directory, then a re-run with nothing changed.
 */
@Command(
        name = "prompts",
        mixinStandardHelpOptions = true,
        description = {
            "Synthesize the flows' prompts into sounds/<lang>/<id>.wav (8 kHz) and .wav16 (16 kHz).",
            "Unchanged prompts are skipped by hash; recordings (files we did not write) always win.",
            "Exit 1 if any prompt has neither a recording nor a working synthesizer."
        })
public final class PromptsCommand implements Callable<Integer> {
    static final double COLD_TARGET_S = 20;
    static final double RERUN_TARGET_S = 1;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--flows",
            paramLabel = "DIR",
            description = "The flows directory (default: $HOTLINE_FLOWS_DIR, else ivr-flows).")
    Path flowsDir;

    @Option(
            names = "--sounds",
            paramLabel = "DIR",
            description = "The sounds directory (default: $HOTLINE_SOUNDS_DIR, else sounds).")
    Path soundsDir;

    @Option(names = "--prune", description = "Delete generated files of prompts that are no longer in the flows.")
    boolean prune;

    @Option(
            names = "--bench",
            description = "Time a cold synthesis of all prompts (into a temporary directory)"
                    + " and a re-run with nothing changed; exit 1 if either misses its target (20 s, 1 s).")
    boolean bench;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Settings settings = Settings.fromEnvironment();
        PromptsConfig config = PromptsConfig.from(settings);
        if (soundsDir != null) {
            config = config.withSoundsDir(soundsDir);
        }
        Path flows = flowsDir != null ? flowsDir : settings.path("HOTLINE_FLOWS_DIR", "ivr-flows");
        Optional<FlowSet> set = load(flows, out);
        if (set.isEmpty()) {
            return 1;
        }
        return bench ? bench(set.get(), config, out) : generate(set.get(), config, out);
    }

    private int generate(FlowSet set, PromptsConfig config, PrintWriter out) {
        Voices voices = Voices.standard(config);
        PromptCatalog catalog = PromptCatalog.from(set, voices);
        catalog.problems().forEach(p -> out.println("problem   " + p));
        GenerationReport r = new PromptGenerator(config.soundsDir(), voices).run(catalog, prune, a -> {
            out.println(a);
            out.flush();
        });
        out.println(r.summary() + " -> " + config.soundsDir());
        out.flush();
        return r.failed() || !catalog.problems().isEmpty() ? 1 : 0;
    }

    static int bench(FlowSet set, PromptsConfig config, PrintWriter out) throws IOException {
        Path tmp = Files.createTempDirectory("hotline-prompts-bench");
        try {
            PromptsConfig inTmp = config.withSoundsDir(tmp);
            Voices voices = Voices.standard(inTmp); // fresh: loading the voices counts as cold
            long t0 = System.nanoTime();
            PromptCatalog catalog = PromptCatalog.from(set, voices);
            GenerationReport cold = new PromptGenerator(tmp, voices).run(catalog, false);
            double coldS = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            GenerationReport again = new PromptGenerator(tmp, voices).run(PromptCatalog.from(set, voices), false);
            double againS = (System.nanoTime() - t1) / 1e9;
            String langs = String.join(
                    ", ",
                    catalog.byLanguage().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue().size())
                            .toList());
            out.printf("bench prompts: %d prompts (%s)%n", catalog.size(), langs);
            out.printf(
                    "cold:   %d synthesized, %d failed in %.2f s (target < %.0f s) %s%n",
                    cold.synthesized(),
                    cold.count(PromptAction.Kind.FAILED),
                    coldS,
                    COLD_TARGET_S,
                    coldS < COLD_TARGET_S ? "ok" : "MISSED");
            out.printf(
                    "re-run: %d synthesized, %d unchanged in %.2f s (target < %.0f s) %s%n",
                    again.synthesized(),
                    again.count(PromptAction.Kind.UNCHANGED),
                    againS,
                    RERUN_TARGET_S,
                    againS < RERUN_TARGET_S ? "ok" : "MISSED");
            cold.actions().stream()
                    .filter(a -> a.kind() == PromptAction.Kind.FAILED)
                    .forEach(out::println);
            out.flush();
            boolean ok = !cold.failed() && again.synthesized() == 0 && coldS < COLD_TARGET_S && againS < RERUN_TARGET_S;
            return ok ? 0 : 1;
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    static Optional<FlowSet> load(Path flows, PrintWriter out) {
        LoadResult result = new FlowLoader().load(flows, ActionNames.catalog());
        if (!result.ok()) {
            for (Problem p : result.problems()) {
                out.println(p);
            }
            out.println("the flows have " + result.problems().size() + " problem(s); nothing was synthesized"
                    + " (see hotline lint " + flows + ")");
            out.flush();
        }
        return result.flowSet();
    }

    /**
     * The prompt problems {@code hotline lint} prints: prompts callers would not hear (no
     * sound file, and no synthesizer that can run here for their language), and ids or texts
     * the catalog could not take.
     */
    public static List<String> lint(FlowSet set, Settings settings) {
        PromptsConfig config = PromptsConfig.from(settings);
        Voices voices = Voices.standard(config);
        return PromptLint.check(PromptCatalog.from(set, voices), voices, config.soundsDir()).stream()
                .map(PromptLint.Issue::toString)
                .toList();
    }
}
