package io.hotline.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.db.MutableClock;
import io.hotline.db.TestDatabase;
import io.hotline.tickets.TicketDraft;
import io.hotline.tickets.Tickets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Complaints opened at known times with their promise, some answered in time, one late, one still open past its
 * due time from before the period, read at a known "now" (Monday 2026-03-09 12:00 UTC; the period is that day).
 *
 * <pre>
 *  ticket  queue            opened        promise  closed        state now
 *  old     account          Mar 05 09:00  24 h     (open)        overdue by 3d 3h: made before the period, listed
 *  early   account          Mar 02 10:00  24 h     Mar 02 15:00  made and closed before the period: not listed
 *  slow    account          Mar 09 00:00   2 h     Mar 09 10:00  broken (a stricter promise, as a site may set)
 *  kept    account          Mar 09 01:00  24 h     Mar 09 08:00  kept
 *  late    general-support  Mar 09 02:00  24 h     (open)        due in 14h
 *  plain   recharge         Mar 09 03:00  none     (open)        no promise: not listed
 * </pre>
 */
@DisplayName("Complaint promises in the reports: due, overdue, kept, broken")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplaintPromisesIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final Instant FROM = Instant.parse("2026-03-09T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-09T12:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    private final MutableClock clock = new MutableClock(FROM);
    private final Map<String, String> refs = new java.util.HashMap<>();
    private Reports reports;

    @BeforeAll
    void promisesOfAWeek() throws Exception {
        var tickets = new Tickets(DB.dataSource(), clock);
        complaint(tickets, "old", "account", "2026-03-05T09:00:00Z", DAY);
        complaint(tickets, "early", "account", "2026-03-02T10:00:00Z", DAY);
        close("early", "2026-03-02T15:00:00Z", "ann");
        complaint(tickets, "slow", "account", "2026-03-09T00:00:00Z", Duration.ofHours(2));
        close("slow", "2026-03-09T10:00:00Z", "bo");
        complaint(tickets, "kept", "account", "2026-03-09T01:00:00Z", DAY);
        close("kept", "2026-03-09T08:00:00Z", "ann");
        complaint(tickets, "late", "general-support", "2026-03-09T02:00:00Z", DAY);
        clock.set(Instant.parse("2026-03-09T03:00:00Z"));
        tickets.openOrUpdate(new TicketDraft(
                "call-plain",
                "recharge",
                "recharge",
                0,
                null,
                "*******8000",
                false,
                null,
                "{}",
                1)); // no promise: not a complaint
        reports = new Reports(DB.dataSource(), ReportRules.DEFAULTS, java.time.ZoneOffset.UTC);
    }

    @Test
    @DisplayName("each promise says where it stands now; an overdue one from before the period is listed first")
    void whereEachStands() {
        var result = reports.promises(FROM, NOW, NOW);
        Map<String, ComplaintPromises.Promise> byRef = result.promises().stream()
                .collect(Collectors.toMap(ComplaintPromises.Promise::reference, Function.identity()));

        assertThat(byRef.keySet()).containsExactlyInAnyOrder(ref("old"), ref("slow"), ref("kept"), ref("late"));
        assertThat(byRef.get(ref("old")).state()).isEqualTo(ComplaintPromises.State.OVERDUE);
        assertThat(byRef.get(ref("late")).state()).isEqualTo(ComplaintPromises.State.DUE);
        assertThat(byRef.get(ref("kept")).state()).isEqualTo(ComplaintPromises.State.KEPT);
        assertThat(byRef.get(ref("slow")).state()).isEqualTo(ComplaintPromises.State.BROKEN);
        assertThat(byRef.get(ref("slow")).closedBy()).isEqualTo("bo");
        assertThat(byRef.get(ref("late")).due()).isEqualTo(Instant.parse("2026-03-10T02:00:00Z"));
        assertThat(result.promises().stream().map(ComplaintPromises.Promise::reference))
                .as("open ones first, soonest due first; then the closed ones, newest first")
                .containsExactly(ref("old"), ref("late"), ref("kept"), ref("slow"));
    }

    @Test
    @DisplayName("per queue: made in the period, kept, broken, due, overdue, and the share kept of those that came due")
    void tallies() {
        var result = reports.promises(FROM, NOW, NOW);
        var account = result.tallies().stream()
                .filter(t -> t.queue().equals("account"))
                .findFirst()
                .orElseThrow();

        assertThat(account).isEqualTo(new ComplaintPromises.Tally("account", 2, 1, 1, 0, 1));
        assertThat(account.keptRate()).isEqualTo(1.0 / 3);
        assertThat(result.total()).isEqualTo(new ComplaintPromises.Tally("total", 3, 1, 1, 1, 1));
    }

    @Test
    @DisplayName("the CLI's table says how late or how soon each open one is; the CSV has every promise")
    void tableAndCsv() {
        var result = reports.promises(FROM, NOW, NOW);
        String table = ReportFormat.promisesTable(result);

        assertThat(table).contains("OVERDUE by 3d 3h").contains("due in 14h 0m");
        assertThat(table.lines().filter(l -> l.startsWith("total")).findFirst().orElseThrow())
                .matches("total\\s+3\\s+1\\s+1\\s+1\\s+1\\s+33\\.3%");
        String csv = ReportFormat.promisesCsv(result);
        assertThat(csv.split("\\R"))
                .hasSize(5)
                .contains(
                        "reference,category,queue,created,due,state,closed,closed_by,disposition",
                        ref("slow") + ",complaint,account,2026-03-09T00:00:00Z,2026-03-09T02:00:00Z,broken,"
                                + "2026-03-09T10:00:00Z,bo,resolved");
    }

    private String ref(String name) {
        return refs.get(name);
    }

    private void complaint(Tickets tickets, String name, String queue, String at, Duration within) {
        clock.set(Instant.parse(at));
        String ref = tickets.openOrUpdate(new TicketDraft(
                        "call-" + name, "complaint", queue, 0, null, "*******8000", false, null, "{}", 1))
                .reference();
        assertThat(tickets.promise(ref, within, "{\"type\":\"complaint\",\"topic\":\"fees\"}"))
                .isPresent();
        refs.put(name, ref);
    }

    /** As an agent's close leaves the row (the console's TicketWork), at a chosen time. */
    private void close(String name, String at, String by) throws Exception {
        try (Connection c = DB.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE tickets SET status = 'closed', closed_at = ?, "
                        + "closed_by = ?, disposition = 'resolved' WHERE reference = ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.parse(at)));
            ps.setString(2, by);
            ps.setString(3, ref(name));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
