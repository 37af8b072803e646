package io.hotline.cli;

import io.hotline.config.Settings;
import io.hotline.db.Database;
import io.hotline.reports.Report;
import io.hotline.reports.ReportFormat;
import io.hotline.reports.ReportRules;
import io.hotline.reports.Reports;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hotline report}: the queue figures of a period per queue, agent, journey, language or interval. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Queue figures from the durable record (queue_log and the recorded calls): offered, answered, "
                    + "abandoned, service level, ASA, AHT, containment, ... per group (README: Report figures)."
        })
public final class ReportCommand implements Callable<Integer> {

    @Option(
            names = "--since",
            defaultValue = "7d",
            paramLabel = "WHEN",
            description = "Calls since: a date, a date-time, or a time back (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(
            names = "--by",
            defaultValue = "queue",
            paramLabel = "DIMENSION",
            description = "queue, agent, journey, language, 15m, hour or day (default: ${DEFAULT-VALUE}).")
    String by;

    @Option(
            names = "--format",
            defaultValue = "table",
            paramLabel = "FORMAT",
            description = "table or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--complaints",
            description = "Instead of the queue figures: the complaints' 24-hour promises made since WHEN and every "
                    + "one still open (due, overdue, kept, broken), per queue, then the open ones.")
    boolean complaints;

    @Override
    public Integer call() {
        Instant from;
        Report.By dimension;
        try {
            from = SessionsOptions.since(since);
            dimension = Report.By.parse(by);
        } catch (IllegalArgumentException e) {
            System.err.println("hotline report: " + (e.getMessage().startsWith("by:") ? "--" : "") + e.getMessage());
            return 2;
        }
        if (!format.equals("table") && !format.equals("csv")) {
            System.err.println("hotline report: --format: table or csv, got '" + format + "'");
            return 2;
        }
        Settings settings = Settings.fromEnvironment();
        try (Database db = SessionsOptions.database()) {
            var reports = new Reports(db.dataSource(), ReportRules.from(settings), ZoneId.systemDefault());
            if (complaints) {
                Instant now = Instant.now();
                var promises = reports.promises(from, now, now);
                System.out.print(
                        format.equals("csv")
                                ? ReportFormat.promisesCsv(promises)
                                : ReportFormat.promisesTable(promises));
                return 0;
            }
            Report report = reports.report(from, Instant.now(), dimension);
            System.out.print(format.equals("csv") ? ReportFormat.csv(report) : ReportFormat.table(report));
            return 0;
        }
    }
}
