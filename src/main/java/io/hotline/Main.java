package io.hotline;

import io.hotline.cli.AuditCommand;
import io.hotline.cli.BenchCommand;
import io.hotline.cli.CallCommand;
import io.hotline.cli.DoctorCommand;
import io.hotline.cli.GraphCommand;
import io.hotline.cli.LintCommand;
import io.hotline.cli.PromptsCommand;
import io.hotline.cli.ReplayCommand;
import io.hotline.cli.ReportCommand;
import io.hotline.cli.ServeCommand;
import io.hotline.cli.StatsCommand;
import io.hotline.cli.TestFlowsCommand;
import io.hotline.cli.UserCommand;
import io.hotline.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hotline} command line. Each sub-command lives in {@code io.hotline.cli}. */
@Command(
        name = "hotline",
        mixinStandardHelpOptions = true,
        version = "hotline 0.1.0",
        description = "IVR hotline server for a digital wallet.",
        subcommands = {
            ServeCommand.class,
            CallCommand.class,
            LintCommand.class,
            TestFlowsCommand.class,
            GraphCommand.class,
            ReplayCommand.class,
            StatsCommand.class,
            ReportCommand.class,
            PromptsCommand.class,
            UserCommand.class,
            BenchCommand.class,
            AuditCommand.class,
            DoctorCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    if (ex instanceof ConfigException) {
                        cmd.getErr().println("configuration error: " + ex.getMessage());
                        return 2;
                    }
                    throw ex;
                })
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
