package io.hotline.console;

import io.hotline.Hotline;
import io.hotline.prompts.PromptService;
import io.hotline.telephony.ami.AmiConfig;
import io.hotline.telephony.ami.AmiLink;
import io.hotline.telephony.queue.LinkStatus;
import io.hotline.telephony.queue.QueueEvent;
import io.hotline.telephony.queue.QueueEventSink;
import io.hotline.telephony.sim.SimQueues;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent console: the web server (sign-in, queue board, screen pops, tickets, softphone), the AMI
 * link when {@code HOTLINE_AMI_HOST} is set, and the simulated queues. Queue events from either PBX
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
    private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true).setCodecName(CODEC);

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final SimQueues sim;
    private final AmiLink ami;
    private final ConsoleServer server;
    private final String deployment;

    private final java.util.concurrent.atomic.AtomicBoolean open;

    private final io.hotline.telephony.ami.AmiMembers amiMembers;

    private Console(Vertx vertx, boolean ownsVertx, SimQueues sim, AmiLink ami,
                    io.hotline.telephony.ami.AmiMembers amiMembers, ConsoleServer server,
                    String deployment, java.util.concurrent.atomic.AtomicBoolean open) {
        this.amiMembers = amiMembers;
        this.open = open;
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.sim = sim;
        this.ami = ami;
        this.server = server;
        this.deployment = deployment;
    }

    /**
     * Starts the console on the hotline's database, wallet, tickets and engine; returns once it listens.
     *
     * @param vertx  the Vert.x to run on, or null to create (and later close) one
     * @param demo   create the demo users (see README) if they are missing
     */
    public static Console start(Vertx vertx, Hotline hotline, Users users, ConsoleConfig config,
                                Optional<AmiConfig> amiConfig, boolean demo, Clock clock) {
        return start(vertx, hotline, users, config, amiConfig, Optional.empty(), demo, clock, r -> { });
    }

    /** As above, with more routes mounted on the console's router (operations endpoints, see serve). */
    public static Console start(Vertx vertx, Hotline hotline, Users users, ConsoleConfig config,
                                Optional<AmiConfig> amiConfig, boolean demo, Clock clock,
                                Consumer<io.vertx.ext.web.Router> extraRoutes) {
        return start(vertx, hotline, users, config, amiConfig, Optional.empty(), demo, clock, extraRoutes);
    }

    /**
     * As above, with the prompt sounds the softphone plays (without them the page shows the words and lets
     * the browser speak them).
     */
    public static Console start(Vertx vertx, Hotline hotline, Users users, ConsoleConfig config,
                                Optional<AmiConfig> amiConfig, Optional<PromptService> prompts, boolean demo,
                                Clock clock, Consumer<io.vertx.ext.web.Router> extraRoutes) {
        boolean owns = vertx == null;
        Vertx vx = owns ? Vertx.vertx() : vertx;
        try {
            vx.eventBus().registerCodec(new LocalCodec());
        } catch (IllegalStateException alreadyRegistered) {
            // a second console on the same Vert.x (tests): the codec is there
        }
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
        var sim = new SimQueues(sink, clock, config.simRing());
        Map<String, LinkStatus> initial = new LinkedHashMap<>();
        AmiLink ami = amiConfig.map(c -> new AmiLink(c, sink, links, clock)).orElse(null);
        initial.put("ami", ami != null ? ami.status()
                : new LinkStatus("ami", LinkStatus.State.DISABLED, "HOTLINE_AMI_HOST not set", clock.instant()));
        var amiMembers = ami == null ? null : new io.hotline.telephony.ami.AmiMembers(ami);
        var parts = new ConsoleServer.Parts(config, users, hotline.tickets(), hotline.walletPort(),
                hotline.database().dataSource(), hotline.engine(), sim, prompts.orElse(null), clock,
                hotline.publisher(), amiMembers == null ? java.util.List.of() : java.util.List.of(amiMembers),
                ami == null ? null : new io.hotline.telephony.ami.AmiCalls(ami));
        var server = new ConsoleServer(parts, initial, extraRoutes);
        String id;
        try {
            id = vx.deployVerticle(server).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            sim.close();
            if (amiMembers != null) {
                amiMembers.close();
            }
            if (owns) {
                vx.close();
            }
            throw new IllegalStateException("console did not start: " + e.getMessage(), e);
        }
        if (ami != null) {
            ami.start();
        }
        return new Console(vx, owns, sim, ami, amiMembers, server, id, open);
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

    /** The AMI link's state, or empty when AMI is not configured. */
    public Optional<LinkStatus> amiStatus() {
        return Optional.ofNullable(ami).map(AmiLink::status);
    }

    @Override
    public void close() {
        open.set(false);
        if (amiMembers != null) {
            amiMembers.close();
        }
        if (ami != null) {
            ami.close();
        }
        sim.close();
        try {
            vertx.undeploy(deployment).await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("console did not stop cleanly: {}", e.toString());
        }
        if (ownsVertx) {
            try {
                vertx.close().await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("Vert.x did not stop cleanly: {}", e.toString());
            }
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
