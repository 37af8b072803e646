package io.hotline.cli;

import io.hotline.analytics.FlowStats;
import io.hotline.analytics.SessionHistory;
import io.hotline.db.Database;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hotline stats}: per node and per journey counts from the recorded call sessions. */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = {
            "Counts from the recorded calls: per journey the calls and the share resolved without an agent "
                    + "(containment); per node the calls that entered, how they left, timeouts and hang-ups."
        })
public final class StatsCommand implements Callable<Integer> {

    @Option(
            names = "--since",
            defaultValue = "30d",
            paramLabel = "WHEN",
            description = "Calls started since: a date, a date-time, or a time back (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--version", paramLabel = "N", description = "Only calls that ran on flow version N.")
    Long version;

    @Override
    public Integer call() {
        Instant from;
        try {
            from = SessionsOptions.since(since);
        } catch (IllegalArgumentException e) {
            System.err.println("hotline stats: " + e.getMessage());
            return 2;
        }
        try (Database db = SessionsOptions.database()) {
            var sessions = new SessionHistory(db.dataSource()).since(from, version, Integer.MAX_VALUE);
            FlowStats stats = FlowStats.of(sessions);
            System.out.println(stats.calls() + " finished call(s) since " + from
                    + (version == null ? "" : " on flow version " + version));
            System.out.print(stats.render());
            return 0;
        }
    }
}
