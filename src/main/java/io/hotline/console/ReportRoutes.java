package io.hotline.console;

import io.hotline.reports.ComplaintPromises;
import io.hotline.reports.Figures;
import io.hotline.reports.Report;
import io.hotline.reports.ReportFormat;
import io.hotline.reports.Reports;
import io.hotline.users.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The reports API for supervisors and admins (rendering only; the figures come from {@link Reports}):
 * {@code GET /api/reports?from=2026-03-01&to=2026-03-08&by=queue} (JSON; {@code &format=csv} for a CSV
 * download), and {@code GET /api/reports/waits?from=&to=} (the wait-time distribution). {@code from}
 * and {@code to} are dates in the console's time zone ({@code to} exclusive; defaults: the last 7 days
 * up to the end of today).
 */
final class ReportRoutes {
    private final Reports reports;
    private final Blocking blocking;
    private final Clock clock;
    private final ZoneId zone;

    ReportRoutes(Reports reports, Blocking blocking, Clock clock, ZoneId zone) {
        this.reports = reports;
        this.blocking = blocking;
        this.clock = clock;
        this.zone = zone;
    }

    void mount(Router router) {
        router.get("/api/reports").handler(this::report);
        router.get("/api/reports/waits").handler(this::waits);
        router.get("/api/reports/funnel").handler(this::funnel);
        router.get("/api/reports/complaints").handler(this::complaints);
    }

    private record Period(Instant from, Instant to) {}

    private Period period(RoutingContext ctx) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate to = date(ctx, "to", today.plusDays(1));
        LocalDate from = date(ctx, "from", to.minusDays(7));
        if (!from.isBefore(to)) {
            throw new BadParam("from: must be before to");
        }
        if (Duration.between(from.atStartOfDay(), to.atStartOfDay()).toDays() > 400) {
            throw new BadParam("from: at most 400 days before to");
        }
        return new Period(
                from.atStartOfDay(zone).toInstant(), to.atStartOfDay(zone).toInstant());
    }

    private static LocalDate date(RoutingContext ctx, String name, LocalDate fallback) {
        String v = ctx.request().getParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new BadParam(name + ": a date such as 2026-03-01, got '" + v + "'");
        }
    }

    private static final class BadParam extends RuntimeException {
        BadParam(String message) {
            super(message, null, false, false);
        }
    }

    private boolean allowed(RoutingContext ctx) {
        if (Http.user(ctx).role() == Role.AGENT) {
            Http.error(ctx, 403, "reports are for supervisors and admins");
            return false;
        }
        return true;
    }

    private void report(RoutingContext ctx) {
        if (!allowed(ctx)) {
            return;
        }
        Period p;
        Report.By by;
        String format = ctx.request().getParam("format", "json");
        try {
            p = period(ctx);
            by = Report.By.parse(ctx.request().getParam("by", "queue"));
            if (!format.equals("json") && !format.equals("csv")) {
                throw new BadParam("format: json or csv, got '" + format + "'");
            }
        } catch (BadParam | IllegalArgumentException e) {
            Http.error(ctx, 400, e.getMessage());
            return;
        }
        blocking.run(() -> reports.report(p.from(), p.to(), by)).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            Report r = ar.result();
            if (format.equals("csv")) {
                ctx.response()
                        .putHeader("Content-Type", "text/csv; charset=utf-8")
                        .putHeader(
                                "Content-Disposition", "attachment; filename=\"hotline-report-" + by.wire() + ".csv\"")
                        .putHeader("Cache-Control", "no-store")
                        .end(ReportFormat.csv(r));
                return;
            }
            JsonArray rows = new JsonArray();
            r.rows().forEach(row -> rows.add(json(row)));
            Http.ok(
                    ctx,
                    new JsonObject()
                            .put("by", by.wire())
                            .put("from", r.from().toString())
                            .put("to", r.to().toString())
                            .put("demo", r.demo())
                            .put("rows", rows)
                            .put("total", json(r.total())));
        });
    }

    private void waits(RoutingContext ctx) {
        if (!allowed(ctx)) {
            return;
        }
        Period p;
        try {
            p = period(ctx);
        } catch (BadParam e) {
            Http.error(ctx, 400, e.getMessage());
            return;
        }
        blocking.run(() -> reports.waitDistribution(p.from(), p.to())).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            JsonArray buckets = new JsonArray();
            int lower = 0;
            for (int i = 0; i < ar.result().length; i++) {
                Integer upper = i < Reports.WAIT_BUCKETS.size() ? Reports.WAIT_BUCKETS.get(i) : null;
                buckets.add(new JsonObject()
                        .put("label", upper == null ? lower + " s+" : lower + "–" + upper + " s")
                        .put("answered", ar.result()[i][0])
                        .put("abandoned", ar.result()[i][1]));
                lower = upper == null ? lower : upper;
            }
            Http.ok(ctx, new JsonObject().put("buckets", buckets));
        });
    }

    /** {@code GET /api/reports/funnel?flow=main&from=&to=}: the flow's drop-off per node. */
    private void funnel(RoutingContext ctx) {
        if (!allowed(ctx)) {
            return;
        }
        Period p;
        String flow = ctx.request().getParam("flow", "main");
        try {
            p = period(ctx);
            if (!flow.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new BadParam("flow: a flow id (letters, digits, '_', '-'), got '" + flow + "'");
            }
        } catch (BadParam e) {
            Http.error(ctx, 400, e.getMessage());
            return;
        }
        blocking.run(() -> reports.funnel(p.from(), p.to(), flow)).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            JsonArray steps = new JsonArray();
            ar.result()
                    .forEach(st -> steps.add(new JsonObject()
                            .put("node", st.node())
                            .put("calls", st.calls())
                            .put("hungUp", st.hungUp())));
            Http.ok(ctx, new JsonObject().put("flow", flow).put("steps", steps));
        });
    }

    /**
     * {@code GET /api/reports/complaints?from=&to=[&format=csv]}: the promises made in the period and every one
     * still open, with where each stands (due, overdue, kept, broken), and the tallies per queue.
     */
    private void complaints(RoutingContext ctx) {
        if (!allowed(ctx)) {
            return;
        }
        Period p;
        String format = ctx.request().getParam("format", "json");
        try {
            p = period(ctx);
            if (!format.equals("json") && !format.equals("csv")) {
                throw new BadParam("format: json or csv, got '" + format + "'");
            }
        } catch (BadParam e) {
            Http.error(ctx, 400, e.getMessage());
            return;
        }
        Instant now = clock.instant();
        blocking.run(() -> reports.promises(p.from(), p.to(), now)).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            ComplaintPromises.Result r = ar.result();
            if (format.equals("csv")) {
                ctx.response()
                        .putHeader("Content-Type", "text/csv; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"hotline-complaint-promises.csv\"")
                        .putHeader("Cache-Control", "no-store")
                        .end(ReportFormat.promisesCsv(r));
                return;
            }
            JsonArray promises = new JsonArray();
            r.promises()
                    .forEach(pr -> promises.add(new JsonObject()
                            .put("reference", pr.reference())
                            .put("category", pr.category())
                            .put("queue", pr.queue())
                            .put("created", pr.created().toString())
                            .put("due", pr.due().toString())
                            .put(
                                    "closed",
                                    pr.closed() == null ? null : pr.closed().toString())
                            .put("closedBy", pr.closedBy())
                            .put("disposition", pr.disposition())
                            .put("state", pr.state().wire())));
            JsonArray tallies = new JsonArray();
            r.tallies().forEach(t -> tallies.add(json(t)));
            Http.ok(
                    ctx,
                    new JsonObject()
                            .put("from", r.from().toString())
                            .put("to", r.to().toString())
                            .put("now", r.now().toString())
                            .put("tallies", tallies)
                            .put("total", json(r.total()))
                            .put("promises", promises));
        });
    }

    private static JsonObject json(ComplaintPromises.Tally t) {
        return new JsonObject()
                .put("queue", t.queue())
                .put("made", t.made())
                .put("kept", t.kept())
                .put("broken", t.broken())
                .put("due", t.due())
                .put("overdue", t.overdue())
                .put("keptRate", t.keptRate());
    }

    private static JsonObject json(Report.Row row) {
        Figures f = row.figures();
        return new JsonObject()
                .put("key", row.key())
                .put("offered", f.offered())
                .put("answered", f.answered())
                .put("answeredInTarget", f.answeredInTarget())
                .put("abandoned", f.abandoned())
                .put("shortAbandoned", f.shortAbandoned())
                .put("serviceLevel", f.serviceLevel())
                .put("asa", f.asa())
                .put("aht", f.aht())
                .put("abandonRate", f.abandonRate())
                .put("transfers", f.transfers())
                .put("callbacks", f.callbacks())
                .put("ivrCalls", row.sessions())
                .put("containment", row.containment())
                .put("dispositions", new JsonObject(new java.util.LinkedHashMap<>(f.dispositions())));
    }
}
