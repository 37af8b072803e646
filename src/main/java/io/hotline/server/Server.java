package io.hotline.server;

import io.hotline.cluster.ClusterLink;
import io.hotline.cluster.LinkLeases;
import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import io.hotline.console.Console;
import io.hotline.console.ConsoleConfig;
import io.hotline.console.ResetCodeApi;
import io.hotline.console.SmsReceiptApi;
import io.hotline.db.DbConfig;
import io.hotline.doctor.DoctorConfig;
import io.hotline.doctor.TestCallFlow;
import io.hotline.engine.CallListener;
import io.hotline.metrics.HotlineMetrics;
import io.hotline.metrics.OpsEndpoints;
import io.hotline.prompts.PromptCatalog;
import io.hotline.prompts.PromptService;
import io.hotline.telephony.agi.AgiConfig;
import io.hotline.telephony.agi.AgiServer;
import io.hotline.telephony.ami.AmiCallbackDial;
import io.hotline.telephony.ami.AmiCallbackLine;
import io.hotline.telephony.ami.AmiServer;
import io.hotline.telephony.ari.AriLinkState;
import io.hotline.telephony.ari.AriService;
import io.hotline.telephony.queue.LinkStatus;
import io.hotline.users.Users;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole server as {@code hotline serve} runs it, built from one {@link Settings}: the core ({@link Hotline}),
 * the prompt service, the flows watcher, the telephony adapters ({@code HOTLINE_TELEPHONY}: FastAGI, ARI or both),
 * the console with its AMI link, the operations endpoints and the cluster link. The one place that wires parts
 * together; commands parse their options and call {@link #start(Settings)}. {@link #close()} stops the parts in
 * reverse order.
 */
public final class Server implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Server.class);

    private final Hotline hotline;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private Console console;

    private Server(Hotline hotline) {
        this.hotline = hotline;
    }

    /** Starts everything {@code serve} runs; the real-PBX test tier starts it the same way. */
    public static Server start(Settings settings) {
        Telephony telephony = Telephony.from(settings);
        Hotline hotline = Hotline.start(settings);
        var server = new Server(hotline);
        try {
            server.startParts(settings, telephony);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Which adapters serve calls ({@code HOTLINE_TELEPHONY}): {@code agi} (default), {@code ari} or {@code both}. */
    public enum Telephony {
        AGI,
        ARI,
        BOTH;

        public static Telephony from(Settings settings) {
            String t = settings.string("HOTLINE_TELEPHONY", "agi").toLowerCase(Locale.ROOT);
            return switch (t) {
                case "agi" -> AGI;
                case "ari" -> ARI;
                case "both" -> BOTH;
                default -> throw new ConfigException("HOTLINE_TELEPHONY: must be agi, ari or both, got '" + t + "'");
            };
        }

        boolean agi() {
            return this != ARI;
        }

        boolean ari() {
            return this != AGI;
        }
    }

    public Hotline hotline() {
        return hotline;
    }

    public Console console() {
        return console;
    }

    private void startParts(Settings settings, Telephony telephony) {
        var metrics = new HotlineMetrics();
        started.push(metrics);
        hotline.meters().add(metrics.registry()); // the HTTP wallet's meters per operation
        hotline.engine().addListener(metrics.calls());
        var ops = new OpsEndpoints(metrics)
                .check("database", () -> hotline.database().reachable())
                .check("flows", () -> !hotline.flows().current().flows().isEmpty());
        // prompts: missing ones are synthesized in the background; calls are served at once
        PromptService prompts = PromptService.startFor(settings, hotline.flows().current());
        hotline.flows().onPublish(set -> prompts.update(settings, set)); // new prompts of a hot reload
        started.push(hotline.publisher().watch(settings)); // hot reload of HOTLINE_FLOWS_DIR
        // hotline doctor's test calls run its built-in flow (no ticket, no session); every other call the engine
        var testCalls = new TestCallFlow(
                () -> PromptCatalog.from(hotline.flows().current()),
                settings.string("HOTLINE_SOUNDS_PREFIX", "hotline"),
                DoctorConfig.testQueue(settings));
        // several nodes on one database: each Asterisk link is held by one node at a time, the others stand by
        var leases = LinkLeases.start(
                hotline.database().dataSource(),
                hotline.config().nodeId(),
                settings.duration("HOTLINE_LEASE_INTERVAL", Duration.ofMillis(500)));
        started.push(leases);
        AriService ari = null;
        if (telephony.ari()) {
            ari = AriService.start(
                    settings, testCalls.around(call -> hotline.engine().run(call))::accept, leases);
            started.push(ari);
            for (var client : ari.clients()) {
                // a standby node is ready: it takes over the application when the node holding it goes
                BooleanSupplier up = () -> client.isConnected() || client.state() == AriLinkState.STANDBY;
                String name = ari.clients().size() == 1 ? "ari" : "ari:" + client.server();
                metrics.link(name, up);
                ops.check(name, up);
            }
        }
        if (telephony.agi()) {
            var agi = new AgiServer(
                    AgiConfig.from(settings),
                    testCalls.around(call -> hotline.engine().run(call, CallListener.NONE))::accept);
            try {
                agi.start();
            } catch (IOException e) {
                throw new ConfigException("HOTLINE_AGI_PORT: " + e.getMessage());
            }
            started.push(agi);
            metrics.link("agi", () -> agi.port() > 0);
            ops.check("agi", () -> agi.port() > 0);
        }
        console = startConsole(settings, ops, prompts, leases);
        started.push(console);
        if (!console.amiLinks().isEmpty()) {
            // queued callbacks on Asterisk: placeholders in app_queue, the call back over AMI (README "Queued
            // callbacks")
            var callbacks = hotline.callbacks();
            var line =
                    new AmiCallbackLine(console.amiLinks().getFirst(), AmiCallbackDial.from(settings), hotline.clock());
            started.push(line);
            callbacks.attach(line, q -> line.estimatedWait(q, callbacks.config().handleTime()));
        }
        io.hotline.reports.QueueGauges.bind(
                metrics.registry(),
                ConsoleConfig.from(settings).queues(),
                console::queueFigures); // queue figures on /metrics
        if (ari != null) { // the ARI links' states in the console's header and /health
            for (var client : ari.clients()) {
                String name = ari.clients().size() == 1 ? "ari" : "ari:" + client.server();
                Consumer<AriLinkState> report = st -> console.linkChanged(new LinkStatus(
                        name,
                        switch (st) {
                            case CONNECTING -> LinkStatus.State.CONNECTING;
                            case CONNECTED -> LinkStatus.State.CONNECTED;
                            case DISCONNECTED -> LinkStatus.State.DISCONNECTED;
                            case STANDBY -> LinkStatus.State.STANDBY;
                            case STOPPED -> LinkStatus.State.STOPPED;
                        },
                        st == AriLinkState.STANDBY ? "another node holds the application" : "",
                        Instant.now()));
                client.onStateChange(report);
                report.accept(client.state());
            }
        }
        // several nodes on one database behave as one: pops and queue events cross over by LISTEN/NOTIFY
        var cluster = ClusterLink.start(
                console.vertx(),
                hotline.database().dataSource(),
                hotline.config().nodeId());
        started.push(cluster);
        ops.check("cluster", cluster::listening);
        // 1 while connected, or standing by for another node that holds it
        for (int i = 0; i < console.amiStatuses().size(); i++) {
            int at = i;
            metrics.link(console.amiStatuses().get(i).link(), () -> {
                LinkStatus.State st = console.amiStatuses().get(at).state();
                return st == LinkStatus.State.CONNECTED || st == LinkStatus.State.STANDBY;
            });
        }
    }

    /**
     * The agent console (and, when {@code HOTLINE_AMI_HOST} is set, the AMI link feeding it). Demo users are
     * created next to the demo data, and on an embedded database that has no users yet.
     */
    private Console startConsole(Settings settings, OpsEndpoints ops, PromptService prompts, LinkLeases leases) {
        var users = new Users(hotline.database().dataSource(), hotline.clock());
        boolean demo = hotline.database().demoLoaded()
                || DbConfig.from(settings).demo()
                || (hotline.database().isEmbedded() && users.isEmpty());
        if (demo && io.hotline.reports.DemoHistory.ensure(hotline.database().dataSource(), hotline.clock())) {
            log.info("a week of demo queue history written (queue_log rows marked demo)");
        }
        var resetCodes = ResetCodeApi.from(settings, hotline.wallet()); // the wallet backend's API
        var smsReceipts = SmsReceiptApi.from(settings, hotline.wallet().outbox()); // the HTTP SMS provider's
        return Console.start(hotline.consoleSetup(ConsoleConfig.from(settings), users)
                .withAmiServers(AmiServer.from(settings))
                .withLeases(leases)
                .withPrompts(prompts)
                .withDemoUsers(demo)
                .withRoutes(router -> {
                    ops.mount(router);
                    resetCodes.mount(router);
                    smsReceipts.mount(router);
                }));
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", e.getClass().getSimpleName(), e.getMessage());
            }
        }
        hotline.close();
    }
}
