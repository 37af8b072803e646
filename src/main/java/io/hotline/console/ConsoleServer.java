package io.hotline.console;

import io.hotline.engine.Engine;
import io.hotline.prompts.PromptService;
import io.hotline.telephony.queue.LinkStatus;
import io.hotline.telephony.queue.QueueEvent;
import io.hotline.telephony.queue.QueuedCall;
import io.hotline.telephony.sim.SimQueues;
import io.hotline.tickets.Tickets;
import io.hotline.users.Users;
import io.hotline.wallet.WalletPort;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP server and the state behind it, all on one event loop: routes, the queue board,
 * the agents' WebSockets and the screen pops. Queue events and link states arrive on the event bus
 * ({@link Console#QUEUE_EVENTS}, {@link Console#LINK_STATUS}). Blocking work goes through {@link Blocking}.
 */
final class ConsoleServer extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);
    static final long USER_RELOAD_MS = 30_000;
    /** Request bodies of the API other than the admin's flow edits: a 4,000-character note fits with room. */
    static final int API_BODY_LIMIT = 16 * 1024;

    /** What the server works with. */
    record Parts(
            ConsoleConfig config,
            Users users,
            Tickets tickets,
            WalletPort wallet,
            ConsoleData data,
            Engine engine,
            SimQueues sim,
            PromptService prompts,
            Clock clock,
            io.hotline.admin.FlowPublisher flows,
            io.hotline.tickets.CallRecordings recordings,
            CallerReveal reveal,
            java.util.List<io.hotline.agents.QueueMembers> pbxMembers,
            io.hotline.telephony.ami.AmiCalls amiCalls) {
        Parts {
            pbxMembers = java.util.List.copyOf(pbxMembers);
        }
    }

    private final Parts parts;
    private final Map<String, LinkStatus> initialLinks;
    private Blocking blocking;
    private Sessions sessions;
    private UserDirectory people;
    private AgentHub hub;
    private QueueBoard board;
    private BoardFeed feed;
    private Runnable stopAnnouncements = () -> {};
    private PopDesk pops;
    private AuthRoutes auth;
    private AgentRoutes agents;
    private HttpServer server;
    private volatile int port;
    private volatile LiveBoard liveBoard;

    private final java.util.function.Consumer<Router> extraRoutes;

    ConsoleServer(Parts parts, Map<String, LinkStatus> initialLinks) {
        this(parts, initialLinks, r -> {});
    }

    /** @param extraRoutes mounts more routes (operations: /metrics, /ready) after /health */
    ConsoleServer(Parts parts, Map<String, LinkStatus> initialLinks, java.util.function.Consumer<Router> extraRoutes) {
        this.parts = parts;
        this.initialLinks = Map.copyOf(initialLinks);
        this.extraRoutes = extraRoutes;
    }

    int port() {
        return port;
    }

    /** The real-time queue figures as last computed (any thread). */
    java.util.List<io.hotline.reports.QueueFigures> queueFigures() {
        LiveBoard b = liveBoard;
        return b == null ? java.util.List.of() : b.latest();
    }

    @Override
    public Future<?> start() {
        var cfg = parts.config();
        blocking = new Blocking(context);
        sessions = new Sessions(parts.clock(), cfg.sessionIdle());
        people = new UserDirectory(parts.users(), blocking, parts.clock());
        hub = new AgentHub();
        board = new QueueBoard(cfg.queues());
        var callbackBoard = new CallbackBoard();
        feed = new BoardFeed(
                vertx,
                context,
                board,
                hub,
                people,
                initialLinks,
                () -> AnnouncementRoutes.live(parts.data().announcements()),
                view -> callbackBoard.view(view, parts.clock().instant()));
        liveBoard = LiveBoard.start(vertx, blocking, parts.data().reports(), cfg, parts.clock(), hub);
        var builder = new PopBuilder(
                parts.tickets(), parts.wallet(), new IvrPath(cfg.zone()), parts.recordings(), parts.clock());
        var work = parts.data().ticketWork();
        var popStore = parts.data().pops();
        pops = new PopDesk(vertx, people, blocking, builder, popStore, work, hub);
        var pbx = new ArrayList<io.hotline.agents.QueueMembers>();
        pbx.add(new io.hotline.telephony.sim.SimMembers(parts.sim()));
        pbx.addAll(parts.pbxMembers());
        MemberRelay.wire(vertx, parts.pbxMembers()); // orders of a standby node go to the link's holder
        var desk = new io.hotline.agents.AgentDesk(
                parts.data().agents(),
                pbx,
                cfg.agents(),
                parts.clock(),
                login -> people.byLogin(login).filter(AgentRoutes::takesCalls).map(AgentRoutes::member),
                s -> context.runOnContext(v -> agentChanged(s)));
        agents = new AgentRoutes(desk, people, context);
        auth = new AuthRoutes(
                sessions,
                new SignInLimiter(parts.clock(), cfg.signInPerMinute()),
                new SignInThrottle(parts.clock()),
                new SignInTokens(parts.clock()),
                parts.users(),
                blocking,
                cfg);

        vertx.eventBus().<QueueEvent>localConsumer(Console.QUEUE_EVENTS, m -> onQueueEvent(m.body()));
        hub.forwardTo((login, text) -> vertx.eventBus()
                .publish(
                        io.hotline.cluster.ClusterLink.OUT,
                        new JsonObject()
                                .put("kind", "agent")
                                .put(
                                        "body",
                                        new JsonObject().put("login", login).put("text", text))));
        vertx.eventBus()
                .<JsonObject>localConsumer(
                        io.hotline.cluster.ClusterLink.IN_PREFIX + "agent",
                        m -> hub.sendHere(
                                m.body().getString("login", ""), m.body().getString("text", "{}")));
        vertx.eventBus()
                .<JsonObject>localConsumer(
                        io.hotline.cluster.ClusterLink.IN_PREFIX + "queue",
                        m -> io.hotline.cluster.QueueEventJson.decode(m.body()).ifPresent(this::onRemoteQueueEvent));
        vertx.eventBus().<LinkStatus>localConsumer(Console.LINK_STATUS, m -> onLink(m.body()));
        vertx.setPeriodic(60_000, id -> sessions.sweep());
        vertx.setPeriodic(USER_RELOAD_MS, id -> people.reload());
        vertx.setPeriodic(1_000, id -> agents.tick());

        Router router = Router.router(vertx);
        router.route().handler(this::securityHeaders).handler(auth::attachSession);
        router.get().handler(auth::guardPages);
        router.get("/health").handler(this::health);
        extraRoutes.accept(router);
        // Each route reads the body it documents: 16 KiB for everything but the admin's flow edits, which
        // take 256 KiB of YAML; their bigger body is read only once the request is known to be an admin's.
        router.routeWithRegex("/api/(?!admin/).*").handler(BodyHandler.create().setBodyLimit(API_BODY_LIMIT));
        router.route("/api/admin/*").handler(AdminRoutes::beforeBody);
        router.route("/api/admin/*").handler(BodyHandler.create().setBodyLimit(AdminRoutes.MAX_BODY));
        router.route("/api/*").handler(InputGuard::check).failureHandler(Http::apiFailure);
        // before the sign-in guard: a wallboard may show it with the wallboard token instead
        router.get("/api/queues/live").handler(liveBoard::http);
        auth.mount(router, session -> {
            agents.signedOut(people.byLogin(session.user.login()).orElse(session.user));
            hub.closeSession(session.id);
        });
        agents.mount(router);
        router.get("/api/board").handler(ctx -> Http.ok(ctx, feed.message(Http.user(ctx))));
        new TicketRoutes(
                        parts.tickets(),
                        work,
                        parts.wallet(),
                        builder,
                        pops,
                        parts.sim(),
                        blocking,
                        parts.data().search(),
                        popStore)
                .mount(router);
        new AccountRoutes(parts.wallet(), parts.tickets(), work, blocking).mount(router);
        new CallRoutes(
                        pops,
                        parts.sim(),
                        parts.amiCalls(),
                        work,
                        parts.data().holds(),
                        people,
                        board::allQueues,
                        board::caller,
                        blocking)
                .mount(router);
        new RevealRoutes(pops, parts.tickets(), parts.reveal(), blocking).mount(router);
        new VoiceMessageRoutes(parts.tickets(), parts.recordings(), blocking).mount(router);
        new ReportRoutes(liveBoard.reports(), blocking, parts.clock(), cfg.zone()).mount(router);
        new CallHistoryRoutes(liveBoard.reports(), blocking).mount(router);
        new AdminRoutes(parts.flows(), parts.data().history(), blocking, parts.clock()).mount(router, auth);
        var announcements = parts.data().announcements();
        new AnnouncementRoutes(announcements, blocking, parts.clock()).mount(router);
        stopAnnouncements = LiveAnnouncements.follow(vertx, context, announcements, feed::changed);
        new CallbackRoutes(
                        parts.data().callbacks(),
                        callbackBoard,
                        blocking,
                        u -> feed.message(u).getJsonObject("board"),
                        board::allQueues,
                        feed::changed,
                        parts.clock())
                .mount(router, vertx);
        router.route("/api/*").handler(ctx -> Http.error(ctx, 404, "no such API"));
        router.get("/ws/wallboard").handler(liveBoard::socket);
        var sockets = new ConsoleSockets(
                context,
                auth,
                sessions,
                people,
                hub,
                agents,
                feed,
                liveBoard,
                pops,
                new ConsoleSockets.Softphone(cfg.softphone(), parts.engine(), parts.sim(), parts.prompts()));
        router.get("/ws/console").handler(sockets::console);
        router.get("/ws/softphone").handler(sockets::softphone);
        var soundRoutes = new SoundRoutes(parts.prompts(), auth, blocking);
        router.get("/audio/:lang/:file").handler(soundRoutes::audio);
        router.get("/sounds/*").handler(soundRoutes::sounds);
        router.get("/").handler(ctx -> ctx.redirect("/console.html"));
        if (!cfg.softphone()) {
            router.get("/softphone.html")
                    .handler(ctx -> ctx.response().setStatusCode(404).end());
        }
        router.route()
                .handler(
                        StaticHandler.create("console").setCachingEnabled(false).setIndexPage("console.html"));

        return people.reload()
                .compose(v -> agents.run(io.hotline.agents.AgentDesk::start))
                .compose(all -> {
                    feed.agentStates(all);
                    return vertx.createHttpServer(new HttpServerOptions()
                                    .setHost(cfg.bind())
                                    .setPort(cfg.port())
                                    .setMaxWebSocketMessageSize(64 * 1024))
                            .requestHandler(router)
                            .listen();
                })
                .map(s -> {
                    server = s;
                    port = s.actualPort();
                    log.info(
                            "console listening on http://{}:{}/ (softphone {})",
                            cfg.bind(),
                            port,
                            cfg.softphone() ? "on" : "off");
                    return s;
                });
    }

    @Override
    public Future<?> stop() {
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.andThen(ar -> {
            stopAnnouncements.run();
            agents.close();
            blocking.close();
        });
    }

    private void securityHeaders(RoutingContext ctx) {
        String host = ctx.request().getHeader("Host");
        String ws = host == null ? "" : " ws://" + host + " wss://" + host;
        ctx.response()
                .putHeader(
                        "Content-Security-Policy",
                        "default-src 'self'; connect-src 'self'" + ws
                                + "; img-src 'self' data:; media-src 'self' blob: data:; frame-ancestors 'none'; base-uri 'none'"
                                + "; form-action 'self'")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }

    private void onQueueEvent(QueueEvent e) {
        liveBoard.apply(e);
        if (board.apply(e)) {
            feed.changed();
        }
        enrich(e);
        pops.on(e);
        agents.on(e);
        if (e instanceof QueueEvent.AgentCompleted c) {
            // a call that ends on hold ends its hold too (call_holds)
            blocking.run(() -> {
                        parts.data().holds().resumed(c.call().key());
                        return true;
                    })
                    .onFailure(x -> log.warn(
                            "call {}: open hold not ended: {}", c.call().key(), x.toString()));
        }
        if (e instanceof QueueEvent.CallerAbandoned a && !a.call().ticket().isEmpty()) {
            blocking.run(() -> parts.tickets().markAbandoned(a.call().ticket(), a.holdSeconds()))
                    .onFailure(x -> log.warn(
                            "ticket {}: not marked abandoned: {}", a.call().ticket(), x.toString()));
        }
        vertx.eventBus()
                .publish(
                        io.hotline.cluster.ClusterLink.OUT,
                        new JsonObject().put("kind", "queue").put("body", io.hotline.cluster.QueueEventJson.encode(e)));
    }

    /**
     * A queue event another node received (from its AMI link or simulated queues): it updates this node's
     * board; that node makes the pops and sends them to agents here through the hub.
     */
    private void onRemoteQueueEvent(QueueEvent e) {
        liveBoard.apply(e);
        if (board.apply(e)) {
            feed.changed();
        }
        enrich(e);
    }

    /** Board rows need category, priority and verification; the lab's channelvars carry only the ticket. */
    private void enrich(QueueEvent e) {
        QueuedCall call = switch (e) {
            case QueueEvent.CallerJoined j -> j.call();
            default -> null;
        };
        if (e instanceof QueueEvent.QueueSnapshot s) {
            s.callers().forEach(w -> enrichCall(w.call()));
        } else if (call != null) {
            enrichCall(call);
        }
    }

    private void enrichCall(QueuedCall call) {
        if (call.ticket().isEmpty() || !call.variable(QueuedCall.CATEGORY).isEmpty()) {
            return;
        }
        blocking.run(() -> parts.tickets().byReference(call.ticket()))
                .onSuccess(t -> t.ifPresent(ticket -> {
                    if (board.enrich(ticket.reference(), ticket.category(), ticket.priority(), ticket.verified())) {
                        feed.changed();
                    }
                }));
    }

    private void onLink(LinkStatus s) {
        LinkStatus before = feed.link(s);
        // app_queue forgets dynamic members when Asterisk restarts; and changes made while away were lost
        if ((s.link().equals("ami") || s.link().startsWith("ami:"))
                && s.state() == LinkStatus.State.CONNECTED
                && (before == null || before.state() != LinkStatus.State.CONNECTED)) {
            agents.resync();
        }
        JsonObject m = new JsonObject().put("type", "link").put("link", BoardFeed.linkJson(s));
        hub.forEach(sock -> hub.write(sock, m.encode()));
    }

    private void agentChanged(io.hotline.agents.AgentStatus s) {
        feed.agentState(s);
        hub.send(s.login(), new JsonObject().put("type", "agent-state").put("state", AgentRoutes.json(s)));
        feed.changed();
    }

    private void health(RoutingContext ctx) {
        long started = System.nanoTime();
        blocking.run(() -> parts.data().dbUp().getAsBoolean())
                .recover(e -> Future.succeededFuture(false))
                .onSuccess(dbUp -> {
                    JsonObject body = new JsonObject()
                            .put("status", dbUp ? "ok" : "degraded")
                            .put(
                                    "db",
                                    new JsonObject()
                                            .put("up", dbUp)
                                            .put("millis", (System.nanoTime() - started) / 1_000_000))
                            .put("links", feed.linkView())
                            .put("consoles", hub.size());
                    Http.json(ctx, dbUp ? 200 : 503, body);
                });
    }
}
