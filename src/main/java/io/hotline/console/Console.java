package io.hotline.console;

import io.hotline.admin.FlowPublisher;
import io.hotline.engine.Engine;
import io.hotline.prompts.PromptService;
import io.hotline.telephony.ami.AmiConfig;
import io.hotline.telephony.ami.AmiLink;
import io.hotline.telephony.ami.AmiMembers;
import io.hotline.telephony.ami.AmiServer;
import io.hotline.telephony.queue.LinkLease;
import io.hotline.telephony.queue.LinkStatus;
import io.hotline.telephony.queue.QueueEvent;
import io.hotline.telephony.queue.QueueEventSink;
import io.hotline.telephony.sim.SimQueues;
import io.hotline.tickets.Tickets;
import io.hotline.users.DemoUsers;
import io.hotline.users.Users;
import io.hotline.wallet.WalletPort;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent console: the web server (sign-in, queue board, screen pops, tickets, softphone), an AMI
 * link to each Asterisk server ({@code HOTLINE_AMI_HOST} or {@code HOTLINE_AMI_SERVERS}), and the simulated queues. Queue events from either PBX
 * are published on the Vert.x event bus ({@link #QUEUE_EVENTS}); the console consumes them on one event
 * loop.
 *
 * <p>Threading: {@link #start} and {@link #close} block; call them from a plain thread, not an event loop.
 * {@link #events()} may be used from any thread and never blocks.
 */
public final class Console implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Console.class);
    /** Event-bus address of {@link QueueEvent}s (local only). */
    public static final String QUEUE_EVENTS = "hotline.queue.events";
    /** Event-bus address of {@link LinkStatus} changes (local only). */
    public static final String LINK_STATUS = "hotline.link.status";

    private static final String CODEC = "hotline-local";
    private static final DeliveryOptions LOCAL =
            new DeliveryOptions().setLocalOnly(true).setCodecName(CODEC);

    private final Vertx vertx;
    private final SimQueues sim;
    private final List<AmiLink> ami;
    private final ConsoleServer server;
    private final String deployment;

    private final java.util.concurrent.atomic.AtomicBoolean open;
    private final io.hotline.reports.QueueLogWriter queueLog;

    private final List<AmiMembers> amiMembers;

    private Console(
            Vertx vertx,
            SimQueues sim,
            List<AmiLink> ami,
            List<AmiMembers> amiMembers,
            ConsoleServer server,
            String deployment,
            java.util.concurrent.atomic.AtomicBoolean open,
            io.hotline.reports.QueueLogWriter queueLog) {
        this.amiMembers = amiMembers;
        this.queueLog = queueLog;
        this.open = open;
        this.vertx = vertx;
        this.sim = sim;
        this.ami = ami;
        this.server = server;
        this.deployment = deployment;
    }

    /**
     * What the console works on, as the composition root ({@code io.hotline.server}) wires it: the agents'
     * sign-ins, the tickets, the wallet port, the engine (for the softphone), the flow publisher (admin pages),
     * and optionally the AMI link's settings, the prompt sounds the softphone plays (without them the page shows
     * the words and lets the browser speak them) and more routes mounted after {@code /health} (operations).
     *
     * @param data the stores the console works with, built for the console's clock (which {@link #withClock} may
     *     change); the console itself runs no SQL
     * @param demo create the demo users (see README) if they are missing
     */
    public record Setup(
            ConsoleConfig config,
            Users users,
            Tickets tickets,
            WalletPort wallet,
            Function<Clock, ConsoleData> data,
            Engine engine,
            FlowPublisher publisher,
            Clock clock,
            List<AmiServer> ami,
            Optional<PromptService> prompts,
            boolean demo,
            Consumer<Router> extraRoutes,
            io.hotline.tickets.CallRecordings recordings,
            CallerReveal reveal,
            LinkLease.Source leases) {
        public Setup {
            java.util.Objects.requireNonNull(config, "config");
            java.util.Objects.requireNonNull(users, "users");
            java.util.Objects.requireNonNull(data, "data");
            java.util.Objects.requireNonNull(clock, "clock");
            ami = List.copyOf(ami);
            java.util.Objects.requireNonNull(leases, "leases");
        }

        /** The console of these parts, without AMI, prompt sounds, demo users or extra routes. */
        public static Setup of(
                ConsoleConfig config,
                Users users,
                Tickets tickets,
                WalletPort wallet,
                Function<Clock, ConsoleData> data,
                Engine engine,
                FlowPublisher publisher,
                Clock clock,
                io.hotline.tickets.CallRecordings recordings) {
            return new Setup(
                    config,
                    users,
                    tickets,
                    wallet,
                    data,
                    engine,
                    publisher,
                    clock,
                    List.of(),
                    Optional.empty(),
                    false,
                    r -> {},
                    recordings,
                    CallerReveal.OFF,
                    LinkLease.Source.NONE);
        }

        /** One Asterisk server's AMI link (named after its host, the link called {@code ami}). */
        public Setup withAmi(Optional<AmiConfig> amiConfig) {
            return withAmiServers(amiConfig
                    .map(c -> List.of(new AmiServer(c.host(), "ami", c)))
                    .orElse(List.of()));
        }

        /** An AMI link to each of these Asterisk servers ({@link AmiServer#from}). */
        public Setup withAmiServers(List<AmiServer> servers) {
            return new Setup(
                    config,
                    users,
                    tickets,
                    wallet,
                    data,
                    engine,
                    publisher,
                    clock,
                    servers,
                    prompts,
                    demo,
                    extraRoutes,
                    recordings,
                    reveal,
                    leases);
        }

        public Setup withPrompts(PromptService service) {
            return new Setup(
                    config,
                    users,
                    tickets,
                    wallet,
                    data,
                    engine,
                    publisher,
                    clock,
                    ami,
                    Optional.of(service),
                    demo,
                    extraRoutes,
                    recordings,
                    reveal,
                    leases);
        }

        public Setup withDemoUsers(boolean create) {
            return new Setup(
                    config,
                    users,
                    tickets,
                    wallet,
                    data,
                    engine,
                    publisher,
                    clock,
                    ami,
                    prompts,
                    create,
                    extraRoutes,
                    recordings,
                    reveal,
                    leases);
        }

        public Setup withRoutes(Consumer<Router> routes) {
            return new Setup(
                    config,
                    users,
                    tickets,
                    wallet,
                    data,
                    engine,
                    publisher,
                    clock,
                    ami,
                    prompts,
                    demo,
                    routes,
                    recordings,
                    reveal,
                    leases);
        }

        /** Where callers' sealed numbers are kept and the key that opens them, for the agent's reveal. */
        public Setup withReveal(CallerReveal callerReveal) {
            return new Setup(
                    config,
                    users,
                    tickets,
                    wallet,
                    data,
                    engine,
                    publisher,
                    clock,
                    ami,
                    prompts,
                    demo,
                    extraRoutes,
                    recordings,
                    callerReveal,
                    leases);
        }

        /**
         * Where the AMI links' leases come from: with several nodes on one database, each server's link is held by
         * one node at a time ({@code io.hotline.cluster.LinkLeases}). Default: every lease held.
         */
        public Setup withLeases(LinkLease.Source source) {
            return new Setup(
                    config,
                    users,
                    tickets,
                    wallet,
                    data,
                    engine,
                    publisher,
                    clock,
                    ami,
                    prompts,
                    demo,
                    extraRoutes,
                    recordings,
                    reveal,
                    source);
        }

        public Setup withClock(Clock other) {
            return new Setup(
                    config,
                    users,
                    tickets,
                    wallet,
                    data,
                    engine,
                    publisher,
                    other,
                    ami,
                    prompts,
                    demo,
                    extraRoutes,
                    recordings,
                    reveal,
                    leases);
        }
    }

    /**
     * Starts the console on its own Vert.x; returns once it listens.
     */
    public static Console start(Setup setup) {
        ConsoleConfig config = setup.config();
        Users users = setup.users();
        Clock clock = setup.clock();
        boolean demo = setup.demo();
        List<AmiServer> amiServers = setup.ami();
        Optional<PromptService> prompts = setup.prompts();
        Consumer<Router> extraRoutes = setup.extraRoutes();
        Vertx vx = Vertx.vertx();
        vx.eventBus().registerCodec(new LocalCodec());
        var open = new java.util.concurrent.atomic.AtomicBoolean(true);
        QueueEventSink sink = e -> {
            if (open.get()) {
                vx.eventBus().publish(QUEUE_EVENTS, e, LOCAL);
            }
        };
        Consumer<LinkStatus> links = s -> {
            if (open.get()) {
                vx.eventBus().publish(LINK_STATUS, s, LOCAL);
            }
        };
        if (demo) {
            int created = DemoUsers.ensure(users);
            if (created > 0) {
                log.info("{} demo console user(s) created (README: Demo sign-in)", created);
            }
        } else if (users.isEmpty()) {
            log.warn("no console users yet: create one with 'hotline user add --login NAME --role admin'");
        }
        ConsoleData data = setup.data().apply(clock);
        // the simulated PBX writes its queue_log rows as Asterisk writes its own (reports read them)
        var queueLog = new io.hotline.reports.QueueLogWriter(data.queueLog());
        var sim = new SimQueues(
                e -> {
                    sink.publish(e);
                    queueLog.publish(e);
                },
                clock,
                config.simRing());
        Map<String, LinkStatus> initial = new LinkedHashMap<>();
        List<AmiLink> ami = amiServers.stream()
                .map(srv -> new AmiLink(srv, setup.leases().lease(srv.leaseName()), sink, links, clock))
                .toList();
        ami.forEach(l -> initial.put(l.status().link(), l.status()));
        if (ami.isEmpty()) {
            initial.put(
                    "ami",
                    new LinkStatus("ami", LinkStatus.State.DISABLED, "HOTLINE_AMI_HOST not set", clock.instant()));
        }
        List<AmiMembers> amiMembers = ami.stream().map(AmiMembers::new).toList();
        var parts = new ConsoleServer.Parts(
                config,
                users,
                setup.tickets(),
                setup.wallet(),
                data,
                setup.engine(),
                sim,
                prompts.orElse(null),
                clock,
                setup.publisher(),
                setup.recordings(),
                setup.reveal(),
                List.copyOf(amiMembers),
                ami.isEmpty() ? null : new io.hotline.telephony.ami.AmiCalls(ami));
        var server = new ConsoleServer(parts, initial, extraRoutes);
        String id;
        try {
            id = vx.deployVerticle(server).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            sim.close();
            amiMembers.forEach(AmiMembers::close);
            queueLog.close();
            vx.close();
            throw new IllegalStateException("console did not start: " + e.getMessage(), e);
        }
        ami.forEach(AmiLink::start);
        return new Console(vx, sim, ami, amiMembers, server, id, open, queueLog);
    }

    /** The Vert.x the console runs on (for parts that share its event bus, such as the cluster link). */
    public Vertx vertx() {
        return vertx;
    }

    /**
     * Reports the state of another link to the PBX (ARI, ...) for the console's header and {@code /health}.
     * Any thread; never blocks.
     */
    public void linkChanged(LinkStatus status) {
        if (open.get()) {
            vertx.eventBus().publish(LINK_STATUS, status, LOCAL);
        }
    }

    /** Every queue's real-time figures as last computed (Prometheus); any thread, never blocks. */
    public java.util.List<io.hotline.reports.QueueFigures> queueFigures() {
        return server.queueFigures();
    }

    /** The port the console listens on. */
    public int port() {
        return server.port();
    }

    /** Publishes queue events from another producer (never blocks). */
    public QueueEventSink events() {
        return e -> vertx.eventBus().publish(QUEUE_EVENTS, e, LOCAL);
    }

    /** The simulated queues, for simulated calls started outside the softphone. */
    public SimQueues simQueues() {
        return sim;
    }

    /** The (first) AMI link's state, or empty when AMI is not configured. */
    public Optional<LinkStatus> amiStatus() {
        return ami.stream().findFirst().map(AmiLink::status);
    }

    /** The AMI links, one per Asterisk server, in the order of {@code HOTLINE_AMI_SERVERS}. */
    public List<AmiLink> amiLinks() {
        return ami;
    }

    /** Every AMI link's state, one per Asterisk server, in the order of {@code HOTLINE_AMI_SERVERS}. */
    public List<LinkStatus> amiStatuses() {
        return ami.stream().map(AmiLink::status).toList();
    }

    @Override
    public void close() {
        open.set(false);
        amiMembers.forEach(AmiMembers::close);
        ami.forEach(AmiLink::close);
        sim.close();
        queueLog.close();
        try {
            vertx.undeploy(deployment).await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("console did not stop cleanly: {}", e.toString());
        }
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Vert.x did not stop cleanly: {}", e.toString());
        }
    }

    /** Passes objects between threads of this process unchanged (records are immutable). */
    private static final class LocalCodec implements MessageCodec<Object, Object> {
        @Override
        public void encodeToWire(Buffer buffer, Object o) {
            throw new UnsupportedOperationException("local only");
        }

        @Override
        public Object decodeFromWire(int pos, Buffer buffer) {
            throw new UnsupportedOperationException("local only");
        }

        @Override
        public Object transform(Object o) {
            return o;
        }

        @Override
        public String name() {
            return CODEC;
        }

        @Override
        public byte systemCodecID() {
            return -1;
        }
    }
}
