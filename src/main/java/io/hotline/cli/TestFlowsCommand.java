package io.hotline.cli;

import io.hotline.actions.ActionNames;
import io.hotline.config.Settings;
import io.hotline.flowtest.FlowTestSuite;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hotline test-flows [dir]}: runs the cases in {@code dir/tests/*.yaml} against a
 * throwaway embedded database; prints {@code PASS name} / {@code FAIL name} with the difference;
 * exit 1 on any failure.
 */
@Command(
        name = "test-flows",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the flow tests in DIR/tests/*.yaml as simulated calls on a throwaway copy of the demo " + "data.",
            "Prints PASS name or FAIL name with what differed; exit 1 if any case fails."
        })
public final class TestFlowsCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "DIR",
            description = "The flows directory (default: $HOTLINE_FLOWS_DIR, else ivr-flows).")
    Path dir;

    @Option(names = "--case", paramLabel = "TEXT", description = "Run only the cases whose name contains TEXT.")
    String only;

    @Override
    public Integer call() {
        Path flows = dir != null ? dir : Settings.fromEnvironment().path("HOTLINE_FLOWS_DIR", "ivr-flows");
        if (System.getenv("HOTLINE_LOG_LEVEL") == null) {
            // the results are the output; engine chatter only when asked for
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.ERROR);
        }
        String needle = only == null ? "" : only.toLowerCase(Locale.ROOT);
        return FlowTestSuite.load(flows, ActionNames.catalog())
                .run(name -> name.toLowerCase(Locale.ROOT).contains(needle), System.out);
    }
}
