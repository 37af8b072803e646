package io.hotline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hotline bench}: load benchmarks; each protocol is a sub-command. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks (see BENCHMARKS.md).",
        subcommands = {
            BenchAgiCommand.class,
            BenchAgiServerCommand.class,
            BenchAriCommand.class,
            BenchPromptsCommand.class,
            BenchPopCommand.class
        })
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
