package io.hotline.cli;

import io.hotline.actions.ActionNames;
import io.hotline.admin.FlowVersions;
import io.hotline.analytics.RecordedSession;
import io.hotline.analytics.Replay;
import io.hotline.analytics.ReplayResult;
import io.hotline.analytics.SessionHistory;
import io.hotline.config.Settings;
import io.hotline.db.Database;
import io.hotline.flow.FlowLoader;
import io.hotline.flow.FlowSet;
import io.hotline.flow.LoadResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline replay --since <date>}: replays recorded calls against the flows directory (or
 * {@code --flows DIR}, or a stored {@code --version}) and prints every call whose path would now
 * differ, node by node. Exit 0 when none differs, 1 when some do, 2 when it could not run.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replays recorded calls (their keys and action outcomes, nothing is written) against candidate "
                    + "flows and prints every call whose path would now differ, node by node.",
            "Exit 0 when no path differs, 1 when some do."
        })
public final class ReplayCommand implements Callable<Integer> {

    @Option(
            names = "--since",
            required = true,
            paramLabel = "WHEN",
            description = "Calls started since: a date (2025-06-01), a date-time, or a time back (24h, 7d).")
    String since;

    @Option(
            names = "--flows",
            paramLabel = "DIR",
            description = "Candidate flows directory (default: $HOTLINE_FLOWS_DIR, else ivr-flows).")
    Path dir;

    @Option(
            names = "--version",
            paramLabel = "N",
            description = "Replay against stored version N instead of a directory.")
    Long version;

    @Option(
            names = "--limit",
            defaultValue = "10000",
            description = "At most this many calls (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        Instant from;
        try {
            from = SessionsOptions.since(since);
        } catch (IllegalArgumentException e) {
            System.err.println("hotline replay: " + e.getMessage());
            return 2;
        }
        try (Database db = SessionsOptions.database()) {
            String label;
            LoadResult candidate;
            if (version != null) {
                var files = new FlowVersions(db.dataSource()).files(version);
                if (files.isEmpty()) {
                    System.err.println("hotline replay: no stored flow version " + version);
                    return 2;
                }
                label = "v" + version;
                candidate = new FlowLoader().load("v" + version, files.get(), ActionNames.catalog());
            } else {
                Path flows = dir != null ? dir : Settings.fromEnvironment().path("HOTLINE_FLOWS_DIR", "ivr-flows");
                label = flows.toString();
                candidate = new FlowLoader().load(flows, ActionNames.catalog());
            }
            if (!candidate.ok()) {
                candidate.problems().forEach(System.err::println);
                System.err.println("hotline replay: the candidate flows have problems; nothing replayed");
                return 2;
            }
            List<RecordedSession> sessions = new SessionHistory(db.dataSource()).since(from, null, limit);
            return report(sessions, candidate.flowSet().orElseThrow(), label);
        }
    }

    static int report(List<RecordedSession> sessions, FlowSet candidate, String label) {
        int differ = 0;
        try (Replay replay = new Replay(candidate, Clock.systemDefaultZone())) {
            for (RecordedSession s : sessions) {
                ReplayResult r = replay.replay(s);
                if (r.differs()) {
                    differ++;
                    System.out.println(r.render(label));
                }
            }
        }
        System.out.println(sessions.size() + " call(s) replayed against " + label + ": " + differ
                + " would take a different path, " + (sessions.size() - differ) + " the same");
        return differ == 0 ? 0 : 1;
    }
}
