package io.hotline.reports;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.hotline.db.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A week of made-up queue calls for the demo ({@code hotline serve} on the embedded database with demo
 * data), so the reports and charts have something to show: queue_log rows with {@code source = 'demo'}
 * and callids {@code demo-...}, which the console and the CLI mark as demo history. Always the same
 * calls (fixed seed), dated relative to the time of loading.
 */
public final class DemoHistory {
    private static final String[][] QUEUES = {
        {"fraud", "Agent Fraud 1"},
        {"recharge", "Agent Recharge 2"},
        {"account", "Agent Account 3"},
        {"general-support", "Agent General 4"}
    };
    private static final String[] LANGS = {"en", "en", "en", "zh"};

    private DemoHistory() {}

    /** Writes the demo week unless demo rows exist already; true when it wrote them. */
    public static boolean ensure(javax.sql.DataSource ds, Clock clock) {
        boolean present = Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM queue_log WHERE source = 'demo' LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
        if (present) {
            return false;
        }
        new QueueLogStore(ds).append(rows(clock.instant(), ZoneId.systemDefault()));
        return true;
    }

    /** The rows of the seven days before {@code now} (calls between 08:00 and 20:00 local time). */
    @SuppressFBWarnings(value = "PREDICTABLE_RANDOM", justification = "demo history, seeded to look the same each time")
    static List<QueueLogEntry> rows(Instant now, ZoneId zone) {
        Random rnd = new Random(17);
        List<QueueLogEntry> out = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(now, zone);
        for (int d = 7; d >= 1; d--) {
            Instant day = today.minusDays(d).atTime(8, 0).atZone(zone).toInstant();
            int calls = 30 + rnd.nextInt(20);
            for (int n = 0; n < calls; n++) {
                Instant entered = day.plusSeconds(rnd.nextInt(12 * 3600));
                String[] q = QUEUES[rnd.nextInt(QUEUES.length)];
                String id = "demo-" + today.minusDays(d) + "-" + n;
                long wait = (long) Math.abs(rnd.nextGaussian() * 25) + 2;
                out.add(row(entered, id, q[0], "NONE", "ENTERQUEUE", "", "", "1"));
                out.add(row(entered, id, q[0], "NONE", "HOTLINE", "", LANGS[rnd.nextInt(LANGS.length)], q[0]));
                Instant left = entered.plusSeconds(wait);
                if (rnd.nextInt(100) < 15) {
                    out.add(row(left, id, q[0], "NONE", "ABANDON", "1", "1", Long.toString(wait)));
                    continue;
                }
                long talk = 60L + rnd.nextInt(300);
                out.add(row(left, id, q[0], q[1], "CONNECT", Long.toString(wait), id + "-agent", "2"));
                out.add(row(
                        left.plusSeconds(talk),
                        id,
                        q[0],
                        q[1],
                        rnd.nextBoolean() ? "COMPLETECALLER" : "COMPLETEAGENT",
                        Long.toString(wait),
                        Long.toString(talk),
                        "1"));
            }
        }
        out.sort(java.util.Comparator.comparing(QueueLogEntry::time));
        return out;
    }

    private static QueueLogEntry row(Instant at, String id, String queue, String agent, String event, String... data) {
        return new QueueLogEntry(at, id, queue, agent, event, List.of(data), "demo");
    }
}
