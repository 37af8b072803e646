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
        int[] w = new int[lines.getFirst().size()];
        for (List<String> l : lines) {
            for (int i = 0; i < l.size(); i++) {
                w[i] = Math.max(w[i], l.get(i).length());
            }
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
        for (int n = 0; n < lines.size(); n++) {
            List<String> l = lines.get(n);
            for (int i = 0; i < l.size(); i++) {
                String cell = l.get(i);
                sb.append(i == 0 ? String.format("%-" + w[i] + "s", cell) : String.format("  %" + w[i] + "s", cell));
            }
            sb.append('\n');
            if (n == lines.size() - 2) {
                sb.append("-".repeat(java.util.Arrays.stream(w).sum() + 2 * (w.length - 1)))
                        .append('\n');
            }
        }
        return sb.toString();
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
