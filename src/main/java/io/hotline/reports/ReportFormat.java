package io.hotline.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A {@link Report} as text: a table for people ({@code hotline report}) and CSV (RFC 4180) for
 * spreadsheets (the CLI's {@code --format csv} and the console's export). Both have the same columns.
 */
public final class ReportFormat {
    /** Column headers, in order. */
    public static final List<String> COLUMNS = List.of(
            "group",
            "offered",
            "answered",
            "answered_in_target",
            "abandoned",
            "short_abandoned",
            "service_level",
            "asa_s",
            "aht_s",
            "abandon_rate",
            "transfers",
            "callbacks",
            "ivr_calls",
            "containment",
            "dispositions");

    private ReportFormat() {}

    /** One row's cells, as strings: percentages with one decimal, seconds with one, empty where not applicable. */
    public static List<String> cells(Report.Row row) {
        Figures f = row.figures();
        return List.of(
                row.key(),
                Integer.toString(f.offered()),
                Integer.toString(f.answered()),
                Integer.toString(f.answeredInTarget()),
                Integer.toString(f.abandoned()),
                Integer.toString(f.shortAbandoned()),
                percent(f.serviceLevel()),
                seconds(f.asa()),
                seconds(f.aht()),
                percent(f.abandonRate()),
                Integer.toString(f.transfers()),
                Integer.toString(f.callbacks()),
                row.sessions() == null ? "" : Integer.toString(row.sessions()),
                percent(row.containment()),
                dispositions(f.dispositions()));
    }

    public static String csv(Report report) {
        StringBuilder sb = new StringBuilder();
        line(sb, COLUMNS);
        for (Report.Row r : report.rows()) {
            line(sb, cells(r));
        }
        line(sb, cells(report.total()));
        return sb.toString();
    }

    /** A fixed-width table with a heading line saying the period, dimension and whether it is demo history. */
    public static String table(Report report) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of(
                "group",
                "offered",
                "answered",
                "abandoned",
                "short",
                "SL",
                "ASA s",
                "AHT s",
                "abandon%",
                "transfers",
                "callbacks",
                "IVR calls",
                "containment"));
        List<Report.Row> all = new ArrayList<>(report.rows());
        all.add(report.total());
        for (Report.Row r : all) {
            List<String> c = cells(r);
            lines.add(List.of(
                    c.get(0), c.get(1), c.get(2), c.get(4), c.get(5), c.get(6), c.get(7), c.get(8), c.get(9), c.get(10),
                    c.get(11), c.get(12), c.get(13)));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("queue report by ")
                .append(report.by().wire())
                .append(", ")
                .append(report.from().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append(" to ")
                .append(report.to().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append(report.demo() ? "  [includes DEMO history]" : "")
                .append('\n');
        grid(sb, lines, lines.size() - 2);
        return sb.toString();
    }

    /** Columns of {@link #promisesCsv}. */
    public static final List<String> PROMISE_COLUMNS =
            List.of("reference", "category", "queue", "created", "due", "state", "closed", "closed_by", "disposition");

    /** Every promise of the result, one line each (times in UTC, ISO 8601). */
    public static String promisesCsv(ComplaintPromises.Result result) {
        StringBuilder sb = new StringBuilder();
        line(sb, PROMISE_COLUMNS);
        for (ComplaintPromises.Promise p : result.promises()) {
            line(
                    sb,
                    List.of(
                            p.reference(),
                            p.category(),
                            p.queue(),
                            p.created().toString(),
                            p.due().toString(),
                            p.state().wire(),
                            p.closed() == null ? "" : p.closed().toString(),
                            p.closedBy(),
                            p.disposition()));
        }
        return sb.toString();
    }

    /** The tallies per queue, then the open promises with how long is left or how late they are. */
    public static String promisesTable(ComplaintPromises.Result result) {
        List<List<String>> tallies = new ArrayList<>();
        tallies.add(List.of("queue", "made", "kept", "broken", "due", "overdue", "kept%"));
        List<ComplaintPromises.Tally> all = new ArrayList<>(result.tallies());
        all.add(result.total());
        for (ComplaintPromises.Tally t : all) {
            tallies.add(List.of(
                    t.queue(),
                    Integer.toString(t.made()),
                    Integer.toString(t.kept()),
                    Integer.toString(t.broken()),
                    Integer.toString(t.due()),
                    Integer.toString(t.overdue()),
                    percent(t.keptRate())));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("complaint promises made ")
                .append(result.from().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append(" to ")
                .append(result.to().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append(", and every one still open\n");
        grid(sb, tallies, tallies.size() - 2);
        List<List<String>> open = new ArrayList<>();
        open.add(List.of("open", "queue", "due", "state"));
        for (ComplaintPromises.Promise p : result.promises()) {
            if (p.closed() == null) {
                open.add(List.of(
                        p.reference(),
                        p.queue(),
                        p.due()
                                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                .toString(),
                        p.state() == ComplaintPromises.State.OVERDUE
                                ? "OVERDUE by " + span(java.time.Duration.between(p.due(), result.now()))
                                : "due in " + span(java.time.Duration.between(result.now(), p.due()))));
            }
        }
        if (open.size() > 1) {
            sb.append('\n');
            grid(sb, open, -1);
        }
        return sb.toString();
    }

    /** A duration as people say it: {@code 2d 3h}, {@code 5h 10m}, {@code 12m}. */
    static String span(java.time.Duration d) {
        long m = Math.max(0, d.toMinutes());
        if (m >= 24 * 60) {
            return m / (24 * 60) + "d " + m % (24 * 60) / 60 + "h";
        }
        return m >= 60 ? m / 60 + "h " + m % 60 + "m" : m + "m";
    }

    /** Fixed-width lines, the first left-aligned; a rule under line {@code ruleAfter} (none when negative). */
    private static void grid(StringBuilder sb, List<List<String>> lines, int ruleAfter) {
        int[] w = new int[lines.getFirst().size()];
        for (List<String> l : lines) {
            for (int i = 0; i < l.size(); i++) {
                w[i] = Math.max(w[i], l.get(i).length());
            }
        }
        for (int n = 0; n < lines.size(); n++) {
            List<String> l = lines.get(n);
            for (int i = 0; i < l.size(); i++) {
                String cell = l.get(i);
                sb.append(i == 0 ? String.format("%-" + w[i] + "s", cell) : String.format("  %" + w[i] + "s", cell));
            }
            sb.append('\n');
            if (n == ruleAfter) {
                sb.append("-".repeat(java.util.Arrays.stream(w).sum() + 2 * (w.length - 1)))
                        .append('\n');
            }
        }
    }

    static String percent(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    static String seconds(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.1f", v);
    }

    static String dispositions(Map<String, Integer> d) {
        return d.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells.get(i);
            sb.append(
                    c.contains(",") || c.contains("\"") || c.contains("\n")
                            ? "\"" + c.replace("\"", "\"\"") + "\""
                            : c);
        }
        sb.append("\r\n");
    }
}
