package io.hotline.console;

import io.hotline.analytics.RecordedSession;
import io.hotline.reports.CallHistory;
import io.hotline.reports.QueueCall;
import io.hotline.reports.Reports;
import io.hotline.users.ConsoleUser;
import io.hotline.users.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code GET /api/calls/:call/history}: one call's whole life as one JSON object ({@link CallHistory}): the IVR
 * session, its queue segments (wait, talk, after-call work, agent) and its ticket. Supervisors and admins see any
 * call; an agent sees the calls whose ticket they handled. 404 when nothing is known of the call.
 */
final class CallHistoryRoutes {
    private static final int LONGEST_ID = 128;

    private final Reports reports;
    private final Blocking blocking;

    CallHistoryRoutes(Reports reports, Blocking blocking) {
        this.reports = reports;
        this.blocking = blocking;
    }

    void mount(Router router) {
        router.get("/api/calls/:call/history").handler(this::history);
    }

    private void history(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        String call = ctx.pathParam("call");
        if (call == null || call.isBlank() || call.length() > LONGEST_ID) {
            Http.error(ctx, 400, "call: a call id of 1 to " + LONGEST_ID + " characters");
            return;
        }
        blocking.run(() -> reports.history(call)).onComplete(ar -> {
            if (ar.failed()) {
                Http.error(ctx, 503, "the database is not answering; try again");
                return;
            }
            if (ar.result().isEmpty()) {
                Http.error(ctx, 404, "no such call");
                return;
            }
            CallHistory h = ar.result().get();
            boolean theirs = h.ticket().map(t -> t.agent().equals(u.login())).orElse(false);
            if (u.role() == Role.AGENT && !theirs) {
                Http.error(ctx, 403, "an agent sees the history of the calls they handled");
                return;
            }
            Http.ok(ctx, json(h));
        });
    }

    static JsonObject json(CallHistory h) {
        var out = new JsonObject().put("callId", h.callId());
        h.ivr().ifPresent(i -> {
            JsonArray path = new JsonArray();
            for (RecordedSession.Step s : i.path()) {
                path.add(new JsonObject()
                        .put("flow", s.flow())
                        .put("node", s.node())
                        .put("type", s.type())
                        .put("input", s.input())
                        .put("exit", s.exit()));
            }
            JsonArray actions = new JsonArray();
            for (RecordedSession.RecordedAction a : i.actions()) {
                actions.add(new JsonObject()
                        .put("name", a.name())
                        .put("outcome", a.outcome())
                        .put("reference", a.reference()));
            }
            out.put(
                    "ivr",
                    new JsonObject()
                            .put("transport", i.transport())
                            .put("pbx", i.pbx())
                            .put("flow", i.flowId())
                            .put("flowVersion", i.flowVersion())
                            .put("language", i.language())
                            .put("startedAt", time(i.startedAt()))
                            .put("endedAt", time(i.endedAt()))
                            .put("endReason", i.endReason())
                            .put("contained", i.contained())
                            .put("queue", i.queue())
                            .put("node", i.node())
                            .put("path", path)
                            .put("actions", actions));
        });
        JsonArray queues = new JsonArray();
        for (QueueCall.Segment s : h.queues()) {
            queues.add(new JsonObject()
                    .put("queue", s.queue())
                    .put("enteredAt", time(s.entered()))
                    .put("outcome", s.outcome().name().toLowerCase(Locale.ROOT))
                    .put("waitSeconds", s.waitSeconds())
                    .put("talkSeconds", s.talkSeconds())
                    .put("wrapSeconds", s.wrapSeconds())
                    .put("agent", s.agent())
                    .put("ringNoAnswers", s.ringNoAnswers())
                    .put("transferred", s.transferred())
                    .put("completedAt", time(s.completedAt())));
        }
        out.put("queues", queues)
                .put("handleSeconds", h.handleSeconds())
                .put("holds", h.holds())
                .put("holdSeconds", h.holdSeconds());
        h.ticket()
                .ifPresent(t -> out.put(
                        "ticket",
                        new JsonObject()
                                .put("reference", t.reference())
                                .put("category", t.category())
                                .put("queue", t.queue())
                                .put("status", t.status())
                                .put("disposition", t.disposition())
                                .put("agent", t.agent())
                                .put("createdAt", time(t.createdAt()))
                                .put("closedAt", time(t.closedAt()))
                                .put("closedBy", t.closedBy())
                                .put("dueAt", time(t.dueAt()))));
        return out;
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
