package io.hotline.console;

import io.hotline.admin.FlowPublisher;
import io.hotline.admin.StoredVersion;
import io.hotline.analytics.FlowStats;
import io.hotline.analytics.RecordedSession;
import io.hotline.analytics.Replay;
import io.hotline.analytics.ReplayResult;
import io.hotline.analytics.SessionHistory;
import io.hotline.flow.Flow;
import io.hotline.flow.FlowGraph;
import io.hotline.flow.FlowSet;
import io.hotline.flow.LoadResult;
import io.hotline.flow.Node;
import io.hotline.flow.Problem;
import io.hotline.users.ConsoleUser;
import io.hotline.users.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin pages' API, for the admin role only (everyone else gets 403): flows and their versions, a
 * flow as nodes and edges for drawing, checking an edited flow file as part of the whole set (problems by
 * line), replaying recent calls against the edit, publishing it (written into the flows directory, recorded
 * as the admin's), rolling back to any stored version, and the statistics. Publishing and rolling back are
 * audited by {@link FlowPublisher}. All blocking work runs through {@link Blocking}.
 */
final class AdminRoutes {
    private static final Logger log = LoggerFactory.getLogger(AdminRoutes.class);
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*\\.yaml");
    /** The largest flow file an admin may check, replay or publish: 256 KiB of UTF-8. */
    static final int MAX_YAML = 256 * 1024;
    /** The body that carries it: JSON escaping at most doubles YAML text (quotes, backslashes, line ends). */
    static final int MAX_BODY = 2 * MAX_YAML + 4 * 1024;

    static final int REPLAY_LIMIT = 500;

    private final FlowPublisher publisher;
    private final SessionHistory history;
    private final Blocking blocking;
    private final Clock clock;

    AdminRoutes(FlowPublisher publisher, SessionHistory history, Blocking blocking, Clock clock) {
        this.publisher = publisher;
        this.history = history;
        this.blocking = blocking;
        this.clock = clock;
    }

    void mount(Router router, AuthRoutes auth) {
        router.route("/api/admin/*").handler(this::adminOnly);
        router.get("/api/admin/flows").handler(this::overview);
        router.get("/api/admin/flows/:id").handler(this::flow);
        router.post("/api/admin/check").handler(this::check);
        router.post("/api/admin/replay").handler(this::replay);
        router.post("/api/admin/publish").handler(this::publish);
        router.post("/api/admin/rollback").handler(this::rollback);
        router.get("/api/admin/stats").handler(this::stats);
        router.get("/admin.html").handler(auth::pageGuard).handler(this::adminPage);
    }

    /**
     * Runs before the admin routes' body is read: only a signed-in admin gets the bigger body limit, so
     * nobody else can make the server buffer {@value #MAX_BODY} bytes.
     */
    static void beforeBody(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        if (u == null) {
            Http.error(ctx, 401, "sign in first");
            return;
        }
        if (u.role() != Role.ADMIN) {
            Http.error(ctx, 403, "admins only");
            return;
        }
        ctx.next();
    }

    private void adminOnly(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        if (u == null || u.role() != Role.ADMIN) {
            Http.error(ctx, 403, "admins only");
            return;
        }
        ctx.next();
    }

    private void adminPage(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        if (u == null || u.role() != Role.ADMIN) {
            ctx.response()
                    .setStatusCode(403)
                    .putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("403: the flow pages are for admins only.");
            return;
        }
        ctx.next(); // the static handler serves admin.html
    }

    /** GET /api/admin/flows: what serves, the flows in it, the stored versions, the last refused change. */
    private void overview(RoutingContext ctx) {
        blocking.run(() -> publisher.versions().list(200)).onComplete(ar -> {
            if (ar.failed()) {
                fail(ctx, ar.cause());
                return;
            }
            FlowSet serving = publisher.serving();
            JsonArray flows = new JsonArray();
            serving.flows().values().stream()
                    .sorted(java.util.Comparator.comparing(Flow::id))
                    .forEach(f -> flows.add(new JsonObject()
                            .put("id", f.id())
                            .put("file", f.id() + ".yaml")
                            .put("description", f.description())
                            .put("nodes", f.nodes().size())));
            JsonArray versions = new JsonArray();
            for (StoredVersion v : ar.result()) {
                versions.add(new JsonObject()
                        .put("version", v.version())
                        .put("hash", v.hash().substring(0, 12))
                        .put("publishedAt", v.publishedAt().toString())
                        .put("publishedBy", v.publishedBy())
                        .put("kind", v.kind())
                        .put("restoredFrom", v.restoredFrom())
                        .put("files", new JsonArray(v.files()))
                        .put("serving", v.version() == serving.version()));
            }
            JsonObject body = new JsonObject()
                    .put("serving", serving.version())
                    .put("flows", flows)
                    .put("calendar", CalendarView.json(serving.calendar(), clock.instant()))
                    .put("versions", versions)
                    .put("directory", publisher.directory().toString());
            publisher
                    .lastRefusal()
                    .ifPresent(r -> body.put(
                            "refused",
                            new JsonObject()
                                    .put("at", r.at().toString())
                                    .put("by", r.by())
                                    .put("problems", problems(r.problems(), null))));
            Http.ok(ctx, body);
        });
    }

    /** GET /api/admin/flows/:id: the serving file's text and the flow as nodes and edges. */
    private void flow(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        FlowSet serving = publisher.serving();
        byte[] text = publisher.publishedFiles().get(id + ".yaml");
        if (id.equals(CalendarView.ID) && text != null) {
            Http.ok(
                    ctx,
                    new JsonObject()
                            .put("id", id)
                            .put("file", io.hotline.flow.Calendar.FILE)
                            .put("version", serving.version())
                            .put("yaml", new String(text, StandardCharsets.UTF_8))
                            .put("calendar", CalendarView.json(serving.calendar(), clock.instant())));
            return;
        }
        Flow f = serving.flows().get(id);
        if (f == null || text == null) {
            Http.error(ctx, 404, "no flow '" + id + "'");
            return;
        }
        Http.ok(
                ctx,
                new JsonObject()
                        .put("id", id)
                        .put("file", id + ".yaml")
                        .put("version", serving.version())
                        .put("yaml", new String(text, StandardCharsets.UTF_8))
                        .put("graph", graph(f)));
    }

    /** The flow as the page draws it: nodes (id, type, what it does, terminal?) and labelled edges. */
    static JsonObject graph(Flow f) {
        JsonArray nodes = new JsonArray();
        for (Node n : f.nodes().values()) {
            nodes.add(new JsonObject()
                    .put("id", n.id())
                    .put("line", n.source().line())
                    .put("label", FlowGraph.describe(n))
                    .put("terminal", n.targets().isEmpty()));
        }
        JsonArray edges = new JsonArray();
        for (FlowGraph.Edge e : FlowGraph.edges(f)) {
            edges.add(new JsonObject().put("from", e.from()).put("to", e.to()).put("label", e.label()));
        }
        return new JsonObject().put("start", f.start()).put("nodes", nodes).put("edges", edges);
    }

    /** POST /api/admin/check {file, yaml}: the whole set with this file replaced, linted in memory. */
    private void check(RoutingContext ctx) {
        Edit edit = edit(ctx);
        blocking.run(() -> publisher.check(edit.files())).onComplete(ar -> {
            if (ar.failed()) {
                fail(ctx, ar.cause());
                return;
            }
            LoadResult r = ar.result();
            JsonObject body = new JsonObject().put("ok", r.ok()).put("problems", problems(r.problems(), edit.file()));
            r.flowSet().flatMap(s -> s.flow(edit.flowId())).ifPresent(f -> body.put("graph", graph(f)));
            if (edit.file().equals(io.hotline.flow.Calendar.FILE)) {
                r.flowSet().ifPresent(s -> body.put("calendar", CalendarView.json(s.calendar(), clock.instant())));
            }
            Http.ok(ctx, body);
        });
    }

    /** POST /api/admin/replay {file, yaml, days}: recent calls replayed against the edit. */
    private void replay(RoutingContext ctx) {
        Edit edit = edit(ctx);
        long askedDays = Http.body(ctx).optionalWhole("days").orElse(7L);
        if (askedDays < 1 || askedDays > 90) {
            throw new JsonBody.BadField("days", "days must be 1 to 90");
        }
        int days = (int) askedDays;
        blocking.run(() -> {
                    LoadResult r = publisher.check(edit.files());
                    if (!r.ok()) {
                        return new JsonObject().put("ok", false).put("problems", problems(r.problems(), edit.file()));
                    }
                    List<RecordedSession> sessions =
                            history.since(clock.instant().minus(Duration.ofDays(days)), null, REPLAY_LIMIT);
                    JsonArray differ = new JsonArray();
                    try (Replay replay = new Replay(r.flowSet().orElseThrow(), clock)) {
                        for (RecordedSession s : sessions) {
                            ReplayResult rr = replay.replay(s);
                            if (rr.differs()) {
                                differ.add(new JsonObject()
                                        .put("call", s.callId())
                                        .put("step", rr.firstDifference() + 1)
                                        .put("text", rr.render("edit")));
                            }
                        }
                    }
                    return new JsonObject()
                            .put("ok", true)
                            .put("replayed", sessions.size())
                            .put("differ", differ);
                })
                .onComplete(ar -> {
                    if (ar.failed()) {
                        fail(ctx, ar.cause());
                    } else {
                        Http.ok(ctx, ar.result());
                    }
                });
    }

    /** POST /api/admin/publish {file, yaml}: publish the whole set with this file replaced, as the admin. */
    private void publish(RoutingContext ctx) {
        Edit edit = edit(ctx);
        String login = Http.user(ctx).login();
        blocking.run(() -> publisher.publishFiles(edit.files(), login))
                .onComplete(ar -> outcome(ctx, ar.failed() ? null : ar.result(), ar.cause(), edit.file()));
    }

    /** POST /api/admin/rollback {version}: publish a stored version's files again, as the admin. */
    private void rollback(RoutingContext ctx) {
        long version = Http.body(ctx).whole("version");
        String login = Http.user(ctx).login();
        blocking.run(() -> publisher.rollback(version, login)).onComplete(ar -> {
            if (ar.failed() && ar.cause() instanceof IllegalArgumentException e) {
                Http.error(ctx, 404, e.getMessage());
                return;
            }
            outcome(ctx, ar.failed() ? null : ar.result(), ar.cause(), null);
        });
    }

    private void outcome(RoutingContext ctx, FlowPublisher.Outcome o, Throwable failure, String file) {
        if (o == null) {
            fail(ctx, failure);
            return;
        }
        JsonObject body = switch (o) {
            case FlowPublisher.Outcome.Published p ->
                new JsonObject()
                        .put("outcome", "published")
                        .put("version", p.flows().version());
            case FlowPublisher.Outcome.Unchanged u ->
                new JsonObject().put("outcome", "unchanged").put("version", u.version());
            case FlowPublisher.Outcome.Refused r ->
                new JsonObject().put("outcome", "refused").put("problems", problems(r.problems(), file));
        };
        Http.ok(ctx, body);
    }

    /** GET /api/admin/stats?days=7 */
    private void stats(RoutingContext ctx) {
        int days;
        try {
            days = Math.max(
                    1,
                    Math.min(
                            365,
                            Integer.parseInt(
                                    ctx.queryParams().get("days") == null
                                            ? "7"
                                            : ctx.queryParams().get("days"))));
        } catch (NumberFormatException e) {
            Http.badField(ctx, new JsonBody.BadField("days", "days must be a whole number"));
            return;
        }
        Instant since = clock.instant().minus(Duration.ofDays(days));
        blocking.run(() -> FlowStats.of(history.since(since, null, 100_000))).onComplete(ar -> {
            if (ar.failed()) {
                fail(ctx, ar.cause());
                return;
            }
            FlowStats s = ar.result();
            JsonArray journeys = new JsonArray();
            s.journeys()
                    .forEach((name, j) -> journeys.add(new JsonObject()
                            .put("journey", name)
                            .put("calls", j.calls())
                            .put("toAgent", j.toAgent() + j.errors())
                            .put("callerHungUp", j.callerHungUp())
                            .put("flowHungUp", j.flowHungUp())
                            .put("containment", Math.round(j.containment() * 1000) / 10.0)));
            JsonArray nodes = new JsonArray();
            s.nodes()
                    .forEach((name, n) -> nodes.add(new JsonObject()
                            .put("node", name)
                            .put("type", n.type())
                            .put("calls", n.calls())
                            .put("visits", n.visits())
                            .put("timedOut", n.timedOut())
                            .put("hungUp", n.hungUp())
                            .put("exits", new JsonObject(Map.copyOf(n.exits())))));
            Http.ok(
                    ctx,
                    new JsonObject()
                            .put("days", days)
                            .put("calls", s.calls())
                            .put("journeys", journeys)
                            .put("nodes", nodes));
        });
    }

    /** An edited file and the whole set it belongs to. */
    private record Edit(String file, SortedMap<String, byte[]> files) {
        String flowId() {
            return file.substring(0, file.length() - ".yaml".length());
        }
    }

    private Edit edit(RoutingContext ctx) {
        JsonBody b = Http.body(ctx);
        String file = b.text("file");
        String yaml = b.text("yaml");
        if (!FILE.matcher(file).matches()) {
            throw new JsonBody.BadField("file", "file must be a flow file name such as main.yaml");
        }
        if (yaml.getBytes(StandardCharsets.UTF_8).length > MAX_YAML) {
            throw new JsonBody.BadField("yaml", "yaml must be the file's text (at most " + MAX_YAML / 1024 + " KiB)");
        }
        SortedMap<String, byte[]> files = new TreeMap<>(publisher.publishedFiles());
        files.put(file, yaml.getBytes(StandardCharsets.UTF_8));
        return new Edit(file, files);
    }

    /** Problems as the page shows them; {@code inFile} marks those of the edited file. */
    private JsonArray problems(List<Problem> problems, String inFile) {
        JsonArray out = new JsonArray();
        String prefix = publisher.directory().toString();
        for (Problem p : problems) {
            String f = p.source().file();
            String name = f.startsWith(prefix) ? f.substring(prefix.length()).replaceFirst("^/", "") : f;
            out.add(new JsonObject()
                    .put("file", name)
                    .put("line", p.source().line())
                    .put("node", p.nodeId())
                    .put("message", p.message())
                    .put("here", name.equals(inFile))
                    .put(
                            "text",
                            name + (p.source().line() > 0 ? ":" + p.source().line() : "") + ": "
                                    + (p.nodeId() == null ? "" : "node '" + p.nodeId() + "': ") + p.message()));
        }
        return out;
    }

    private static void fail(RoutingContext ctx, Throwable t) {
        log.warn("admin request {} failed: {}", ctx.request().path(), t == null ? "?" : t.toString());
        Http.error(ctx, 500, "could not do that: " + (t == null ? "unknown error" : t.getMessage()));
    }
}
