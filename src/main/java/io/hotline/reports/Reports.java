package io.hotline.reports;

import io.hotline.analytics.FlowStats;
import io.hotline.analytics.RecordedSession;
import io.hotline.analytics.SessionHistory;
import io.hotline.db.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Historical reports from the durable record: {@code queue_log} (what app_queue or the simulator did),
 * joined with the IVR's {@code call_sessions} (journey, language, containment) and the tickets'
 * dispositions. Threading: blocking JDBC; thread-safe.
 */
public final class Reports {
    public static final String NONE = "(none)";

    private final DataSource ds;
    private final QueueLogStore log;
    private final ReportRules rules;
    private final ZoneId zone;

    /** @param zone where intervals and days begin */
    public Reports(DataSource ds, ReportRules rules, ZoneId zone) {
        this.ds = Objects.requireNonNull(ds);
        this.log = new QueueLogStore(ds);
        this.rules = Objects.requireNonNull(rules);
        this.zone = Objects.requireNonNull(zone);
    }

    public ReportRules rules() {
        return rules;
    }

    /** The tickets' promises (complaints: 24 hours) made in {@code [from, to)} or still open, as at {@code now}. */
    public ComplaintPromises.Result promises(Instant from, Instant to, Instant now) {
        return new ComplaintPromises(ds).of(from, to, now);
    }

    /** The queue calls that entered a queue in {@code [from, to)}, with the agents' after-call work. */
    public List<QueueCall> calls(Instant from, Instant to) {
        return new AfterCallWork(ds).attach(QueueCalls.fold(log.callsEntering(from, to)));
    }

    /** One call's whole life (IVR, queues, ticket), or empty when nothing is known of it. */
    public java.util.Optional<CallHistory> history(String callId) {
        return new CallHistories(ds).of(callId);
    }

    /** The report of {@code [from, to)} per {@code by}. */
    public Report report(Instant from, Instant to, Report.By by) {
        List<QueueCall> calls = calls(from, to);
        List<RecordedSession> sessions = new SessionHistory(ds)
                .since(from, null, Integer.MAX_VALUE).stream()
                        .filter(s -> s.startedAt() == null || s.startedAt().isBefore(to))
                        .toList();
        Map<String, RecordedSession> byCall = new HashMap<>();
        sessions.forEach(s -> byCall.put(s.callId(), s));
        Map<String, String> dispositions = dispositions(calls.stream()
                .map(QueueCall::ticket)
                .filter(t -> !t.isEmpty())
                .collect(java.util.stream.Collectors.toSet()));

        Map<String, List<QueueCall.Segment>> segs = new TreeMap<>();
        Map<String, Map<String, Integer>> disp = new TreeMap<>();
        Map<String, int[]> ivr = new TreeMap<>();
        for (QueueCall c : calls) {
            RecordedSession s = byCall.get(c.callId());
            boolean first = true;
            for (QueueCall.Segment seg : c.segments()) {
                String key = key(by, seg.queue(), seg.agent(), c.language(), s, seg.entered());
                segs.computeIfAbsent(key, k -> new ArrayList<>()).add(seg);
                String d = dispositions.get(c.ticket());
                if (d != null && (first || by == Report.By.QUEUE || by == Report.By.AGENT)) {
                    disp.computeIfAbsent(key, k -> new TreeMap<>()).merge(d, 1, Integer::sum);
                }
                first = false;
            }
        }
        Map<String, Integer> booked = new TreeMap<>();
        List<BookedCallback> callbacks = booked(from, to);
        for (BookedCallback b : callbacks) {
            RecordedSession s = byCall.get(b.callId());
            booked.merge(key(by, b.queue(), b.agent(), b.language(), s, b.at()), 1, Integer::sum);
        }
        boolean withSessions = by != Report.By.QUEUE && by != Report.By.AGENT;
        if (withSessions) {
            for (RecordedSession s : sessions) {
                String key = switch (by) {
                    case JOURNEY -> FlowStats.journey(s);
                    case LANGUAGE -> s.language() == null || s.language().isEmpty() ? NONE : s.language();
                    default -> interval(s.startedAt() == null ? from : s.startedAt(), by);
                };
                int[] n = ivr.computeIfAbsent(key, k -> new int[2]);
                n[0]++;
                if (contained(s)) {
                    n[1]++;
                }
            }
        }
        Set<String> keys = new java.util.TreeSet<>(segs.keySet());
        keys.addAll(ivr.keySet());
        keys.addAll(booked.keySet());
        List<Report.Row> rows = new ArrayList<>();
        for (String k : keys) {
            int[] n = ivr.get(k);
            rows.add(new Report.Row(
                    k,
                    Figures.of(
                            segs.getOrDefault(k, List.of()),
                            rules,
                            disp.getOrDefault(k, Map.of()),
                            booked.getOrDefault(k, 0)),
                    withSessions ? (n == null ? 0 : n[0]) : null,
                    withSessions ? (n == null ? 0 : n[1]) : null));
        }
        Map<String, Integer> allDisp = new TreeMap<>();
        calls.forEach(c -> {
            String d = dispositions.get(c.ticket());
            if (d != null) {
                allDisp.merge(d, 1, Integer::sum);
            }
        });
        var total = new Report.Row(
                "total",
                Figures.of(
                        calls.stream().flatMap(c -> c.segments().stream()).toList(), rules, allDisp, callbacks.size()),
                sessions.size(),
                (int) sessions.stream().filter(Reports::contained).count());
        boolean demo = calls.stream().anyMatch(c -> c.source().equals("demo"));
        return new Report(by, from, to, rows, total, demo);
    }

    /**
     * A flow's drop-off: per node of {@code flow} ({@code flow/node} keys of {@link FlowStats}), the calls that
     * reached it and the ones that hung up there, most-reached first (a funnel), for calls started in
     * {@code [from, to)}.
     */
    public List<FunnelStep> funnel(Instant from, Instant to, String flow) {
        var sessions = new SessionHistory(ds)
                .since(from, null, Integer.MAX_VALUE).stream()
                        .filter(s -> s.startedAt() == null || s.startedAt().isBefore(to))
                        .toList();
        return FlowStats.of(sessions).nodes().entrySet().stream()
                .filter(e -> e.getKey().startsWith(flow + "/"))
                .map(e -> new FunnelStep(
                        e.getKey().substring(flow.length() + 1),
                        e.getValue().calls(),
                        e.getValue().hungUp()))
                .sorted(java.util.Comparator.comparingInt(FunnelStep::calls)
                        .reversed()
                        .thenComparing(FunnelStep::node))
                .toList();
    }

    /** One node of a {@link #funnel}: calls that reached it, and that hung up there. */
    public record FunnelStep(String node, int calls, int hungUp) {}

    /** Upper bounds (seconds, exclusive) of the wait-time buckets; the last bucket has none. */
    public static final List<Integer> WAIT_BUCKETS = List.of(10, 20, 30, 60, 120, 300);

    /**
     * How long callers waited in {@code [from, to)}: per bucket of {@link #WAIT_BUCKETS} (and one beyond the
     * last), the answered segments ({@code [0]}) and the abandoned or left ones ({@code [1]}).
     */
    public int[][] waitDistribution(Instant from, Instant to) {
        int[][] out = new int[WAIT_BUCKETS.size() + 1][2];
        for (QueueCall c : calls(from, to)) {
            for (QueueCall.Segment s : c.segments()) {
                int b = 0;
                while (b < WAIT_BUCKETS.size() && s.waitSeconds() >= WAIT_BUCKETS.get(b)) {
                    b++;
                }
                switch (s.outcome()) {
                    case ANSWERED -> out[b][0]++;
                    case ABANDONED, LEFT -> out[b][1]++;
                    case WAITING -> {}
                }
            }
        }
        return out;
    }

    /** Resolved by the IVR without an agent (as {@link FlowStats.JourneyStats#containment()}). */
    static boolean contained(RecordedSession s) {
        return s.endReason().equals("hangup") || s.endReason().equals("caller_hangup");
    }

    /**
     * The row a queue segment or a booked callback counts in: its queue, agent, the call's journey, its language
     * (else the IVR session's), or the interval of {@code at}.
     */
    private String key(Report.By by, String queue, String agent, String language, RecordedSession s, Instant at) {
        return switch (by) {
            case QUEUE -> queue;
            case AGENT -> agent.isEmpty() ? NONE : agent;
            case JOURNEY -> s == null ? NONE : FlowStats.journey(s);
            case LANGUAGE -> !language.isEmpty() ? language : s == null || s.language() == null ? NONE : s.language();
            default -> interval(at, by);
        };
    }

    private String interval(Instant at, Report.By by) {
        LocalDateTime t = LocalDateTime.ofInstant(at, zone);
        LocalDateTime start = switch (by) {
            case INTERVAL_15M -> t.truncatedTo(ChronoUnit.HOURS).plusMinutes(t.getMinute() / 15 * 15L);
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            default -> t.truncatedTo(ChronoUnit.DAYS);
        };
        return by == Report.By.DAY ? start.toLocalDate().toString() : start.toString();
    }

    /** A callback booked instead of waiting ({@code callbacks}), for the reports. */
    private record BookedCallback(String queue, String agent, String language, String callId, Instant at) {}

    private List<BookedCallback> booked(Instant from, Instant to) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT queue, coalesce(agent, ''), language, coalesce(call_id, ''), created_at FROM callbacks"
                            + " WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id")) {
                ps.setTimestamp(1, java.sql.Timestamp.from(from));
                ps.setTimestamp(2, java.sql.Timestamp.from(to));
                List<BookedCallback> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new BookedCallback(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getObject(5, java.time.OffsetDateTime.class).toInstant()));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Callbacks promised and not yet made (waiting in the queue for the caller's turn, or being dialled), per
     * queue: the board's and the wallboard's "callbacks pending".
     */
    public Map<String, Integer> callbacksPending() {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT queue, count(*) FROM callbacks WHERE status IN ('waiting', 'dialing') GROUP BY queue");
                    ResultSet rs = ps.executeQuery()) {
                Map<String, Integer> out = new TreeMap<>();
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
                return out;
            }
        });
    }

    private Map<String, String> dispositions(Set<String> tickets) {
        if (tickets.isEmpty()) {
            return Map.of();
        }
        return Tx.inTransaction(ds, c -> {
            Map<String, String> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT reference, disposition FROM tickets WHERE reference = ANY (?) AND disposition IS NOT NULL")) {
                ps.setArray(1, c.createArrayOf("text", tickets.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return out;
        });
    }
}
