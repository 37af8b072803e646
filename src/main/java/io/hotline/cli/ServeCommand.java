package io.hotline.cli;

import io.hotline.Hotline;
import io.hotline.ConfigException;
import io.hotline.Settings;
import io.hotline.console.Console;
import io.hotline.console.ConsoleConfig;
import io.hotline.console.Users;
import io.hotline.db.DbConfig;
import io.hotline.engine.CallListener;
import io.hotline.telephony.agi.AgiConfig;
import io.hotline.telephony.agi.AgiServer;
import io.hotline.telephony.ami.AmiConfig;
import io.hotline.telephony.ari.AriService;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code hotline serve}: the server. Starts the database (embedded PostgreSQL with demo
 * data unless {@code HOTLINE_DB_URL} is set), publishes the flows, then the telephony
 * adapters and the console; runs until stopped (Ctrl-C / SIGTERM), then shuts down in
 * reverse order.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the hotline server (database, flows, FastAGI, console).")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Override
    public Integer call() throws Exception {
        Settings settings = Settings.fromEnvironment();
        Served served = start(settings);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            served.close();
            stopped.countDown();
        }, "hotline-shutdown"));
        log.info("configuration: {}", settings.describe());
        log.info("hotline ready: flows v{} ({} flows), database {}", served.hotline().flows().current().version(),
                served.hotline().flows().current().flows().size(),
                served.hotline().database().isEmbedded() ? "embedded" : "external");
        stopped.await();
        return 0;
    }

    /**
     * A running server: the core, the telephony adapters and the console, as {@code serve} starts them.
     * {@link #close()} stops them in reverse order.
     */
    public record Served(Hotline hotline, Console console, ServerParts parts) implements AutoCloseable {
        @Override
        public void close() {
            parts.closeAll();
            hotline.close();
        }
    }

    /** Starts everything {@code serve} runs from {@code settings}; the real-PBX test tier starts it the same way. */
    public static Served start(Settings settings) {
        Hotline hotline = Hotline.start(settings);
        var parts = new ServerParts();
        try {
            Console console = startParts(settings, hotline, parts);
            return new Served(hotline, console, parts);
        } catch (RuntimeException e) {
            parts.closeAll();
            hotline.close();
            throw e;
        }
    }

    /** Starts the telephony adapters and the console; each registers what to close. */
    private static Console startParts(Settings settings, Hotline hotline, ServerParts parts) {
        var metrics = new io.hotline.metrics.HotlineMetrics();
        parts.add(metrics);
        hotline.meters().add(metrics.registry()); // the HTTP wallet's meters per operation
        hotline.engine().addListener(metrics.calls());
        var ops = new io.hotline.metrics.OpsEndpoints(metrics)
                .check("database", () -> hotline.database().reachable())
                .check("flows", () -> !hotline.flows().current().flows().isEmpty());
        // prompts: missing ones are synthesized in the background; calls are served at once
        io.hotline.prompts.PromptService prompts = PromptsCommand.startService(settings, hotline.flows().current());
        hotline.flows().onPublish(set -> PromptsCommand.update(prompts, settings, set)); // new prompts of a hot reload
        parts.add(hotline.publisher().watch(settings)); // hot reload of HOTLINE_FLOWS_DIR
        String telephony = telephony(settings);
        AriService ariService = null;
        if (telephony.equals("ari") || telephony.equals("both")) {
            AriService ari = AriService.start(settings, call -> hotline.engine().run(call));
            ariService = ari;
            parts.add(ari);
            metrics.link("ari", () -> ari.client().isConnected());
            ops.check("ari", () -> ari.client().isConnected());
        }
        if (telephony.equals("agi") || telephony.equals("both")) {
            AgiServer agi = startFastAgi(settings, hotline, parts);
            metrics.link("agi", () -> agi.port() > 0);
            ops.check("agi", () -> agi.port() > 0);
        }
        Console console = startConsole(settings, hotline, ops, prompts);
        parts.add(console);
        io.hotline.reports.QueueGauges.bind(metrics.registry(), console::queueFigures); // queue figures on /metrics
        if (ariService != null) { // the ARI link's state in the console's header and /health
            var client = ariService.client();
            java.util.function.Consumer<io.hotline.telephony.ari.AriLinkState> report = st -> console.linkChanged(
                    new io.hotline.telephony.queue.LinkStatus("ari", switch (st) {
                        case CONNECTING -> io.hotline.telephony.queue.LinkStatus.State.CONNECTING;
                        case CONNECTED -> io.hotline.telephony.queue.LinkStatus.State.CONNECTED;
                        case DISCONNECTED -> io.hotline.telephony.queue.LinkStatus.State.DISCONNECTED;
                        case STOPPED -> io.hotline.telephony.queue.LinkStatus.State.STOPPED;
                    }, "", java.time.Instant.now()));
            client.onStateChange(report);
            report.accept(client.state());
        }
        // several nodes on one database behave as one: pops and queue events cross over by LISTEN/NOTIFY
        var cluster = io.hotline.cluster.ClusterLink.start(console.vertx(), hotline.database().dataSource(),
                hotline.config().nodeId());
        parts.add(cluster);
        ops.check("cluster", cluster::listening);
        if (console.amiStatus().isPresent()) {
            metrics.link("ami", () -> console.amiStatus().map(st -> st.state()
                    == io.hotline.telephony.queue.LinkStatus.State.CONNECTED).orElse(false));
        }
        return console;
    }

    /**
     * The agent console (and, when {@code HOTLINE_AMI_HOST} is set, the AMI link feeding it). Demo users
     * are created next to the demo data, and on an embedded database that has no users yet.
     */
    private static Console startConsole(Settings settings, Hotline hotline, io.hotline.metrics.OpsEndpoints ops,
                                        io.hotline.prompts.PromptService prompts) {
        var users = new Users(hotline.database().dataSource(), hotline.clock());
        boolean demo = hotline.database().demoLoaded() || DbConfig.from(settings).demo()
                || (hotline.database().isEmbedded() && users.isEmpty());
        if (demo && io.hotline.reports.DemoHistory.ensure(hotline.database().dataSource(), hotline.clock())) {
            log.info("a week of demo queue history written (queue_log rows marked demo)");
        }
        var resetCodes = io.hotline.console.ResetCodeApi.from(settings, hotline.wallet()); // the wallet backend's API
        var smsReceipts = io.hotline.console.SmsReceiptApi.from(settings, hotline.wallet().outbox()); // HTTP provider's
        return Console.start(null, hotline, users, ConsoleConfig.from(settings), AmiConfig.from(settings),
                java.util.Optional.of(prompts), demo, hotline.clock(), router -> {
                    ops.mount(router);
                    resetCodes.mount(router);
                    smsReceipts.mount(router);
                });
    }

    /** FastAGI: every call Asterisk sends to agi://host:4573/<flow> runs through the engine on its own virtual thread. */
    private static AgiServer startFastAgi(Settings settings, Hotline hotline, ServerParts parts) {
        var agi = new AgiServer(AgiConfig.from(settings), call -> hotline.engine().run(call, CallListener.NONE));
        try {
            agi.start();
        } catch (java.io.IOException e) {
            throw new ConfigException("HOTLINE_AGI_PORT: " + e.getMessage());
        }
        parts.add(agi);
        return agi;
    }

    /** {@code HOTLINE_TELEPHONY}: which adapters serve calls, {@code agi} (default), {@code ari} or {@code both}. */
    static String telephony(Settings settings) {
        String t = settings.string("HOTLINE_TELEPHONY", "agi").toLowerCase(java.util.Locale.ROOT);
        if (!t.equals("agi") && !t.equals("ari") && !t.equals("both")) {
            throw new ConfigException("HOTLINE_TELEPHONY: must be agi, ari or both, got '" + t + "'");
        }
        return t;
    }

    /** What serve started, closed in reverse order on shutdown. */
    public static final class ServerParts {
        private final java.util.Deque<AutoCloseable> started = new java.util.ArrayDeque<>();

        synchronized void add(AutoCloseable part) {
            started.push(part);
        }

        synchronized void closeAll() {
            while (!started.isEmpty()) {
                try {
                    started.pop().close();
                } catch (Exception e) {
                    log.warn("closing {} failed: {}", e.getClass().getSimpleName(), e.getMessage());
                }
            }
        }
    }
}
