package io.hotline.cli;

import io.hotline.config.Settings;
import io.hotline.doctor.Doctor;
import io.hotline.doctor.DoctorConfig;
import io.hotline.doctor.Report;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline doctor}: checks the Asterisk that the {@code HOTLINE_*} settings point at (see
 * {@link Doctor}); exit 0 only when no check is a problem.
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Check a running Asterisk against what Hotline needs (AMI, ARI, dialplan, queues, sounds) and"
                    + " place one clearly labelled test call; uses the same HOTLINE_* settings as serve.",
            "Exit status: 0 no problem (warnings allowed), 1 a problem, 2 a configuration error."
        })
public final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--no-call", description = "Skip the test call (no sounds, channelvars or dialplan path checks).")
    boolean noCall;

    @Option(
            names = "--context",
            defaultValue = "hotline",
            description = "Dialplan context callers land in (default: ${DEFAULT-VALUE}).")
    String context;

    @Option(
            names = "--agi-exten",
            defaultValue = "100",
            description = "Its extension into FastAGI (default: ${DEFAULT-VALUE}).")
    String agiExten;

    @Option(
            names = "--ari-exten",
            defaultValue = "200",
            description = "Its extension into Stasis (default: ${DEFAULT-VALUE}).")
    String ariExten;

    @Option(
            names = "--timeout",
            defaultValue = "10s",
            description = "Longest wait for each hop of the test call (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() {
        Report report = new Doctor(DoctorConfig.from(
                        Settings.fromEnvironment(), context, agiExten, ariExten, !noCall, parse(timeout)))
                .run();
        System.out.print(json ? report.json() + System.lineSeparator() : report.text());
        return report.exitCode();
    }

    private static Duration parse(String raw) {
        try {
            return Settings.parseDuration(raw);
        } catch (IllegalArgumentException e) {
            throw new io.hotline.config.ConfigException("--timeout: a duration like 10s or 500ms, got '" + raw + "'");
        }
    }
}
