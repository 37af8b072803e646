package io.hotline.server;

import io.hotline.actions.HotlineActions;
import io.hotline.actions.SessionRecorder;
import io.hotline.actions.TicketDeskAdapter;
import io.hotline.admin.FlowPublisher;
import io.hotline.agents.AgentStore;
import io.hotline.analytics.SessionHistory;
import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import io.hotline.connectors.HttpWallet;
import io.hotline.connectors.MemoryGateway;
import io.hotline.connectors.SmsConfig;
import io.hotline.connectors.SmsGateway;
import io.hotline.connectors.SmsSender;
import io.hotline.connectors.WalletConfig;
import io.hotline.console.Console;
import io.hotline.console.ConsoleConfig;
import io.hotline.console.ConsoleData;
import io.hotline.contact.CallbackConfig;
import io.hotline.contact.CallbackDesk;
import io.hotline.db.AuditChainer;
import io.hotline.db.AuditLog;
import io.hotline.db.Database;
import io.hotline.db.DbConfig;
import io.hotline.engine.Engine;
import io.hotline.engine.EngineOptions;
import io.hotline.flow.FlowLoader;
import io.hotline.flow.FlowRegistry;
import io.hotline.flow.LoadResult;
import io.hotline.reports.QueueLogStore;
import io.hotline.reports.Reports;
import io.hotline.secrets.NumberVault;
import io.hotline.tickets.CallRecordings;
import io.hotline.tickets.CallSessions;
import io.hotline.tickets.CallerNumbers;
import io.hotline.tickets.PopStore;
import io.hotline.tickets.RecordingSweeper;
import io.hotline.tickets.TicketSearch;
import io.hotline.tickets.TicketWork;
import io.hotline.tickets.Tickets;
import io.hotline.users.Users;
import io.hotline.wallet.BuiltinWallet;
import io.hotline.wallet.PinHasher;
import io.hotline.wallet.PinPepper;
import io.hotline.wallet.Wallet;
import io.hotline.wallet.WalletPort;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the database, the wallet and tickets on it, the published flows
 * and the engine, wired once for {@code serve}, {@code call} and the tests. Telephony
 * adapters and the console are started by {@code serve} on top of this.
 */
public final class Hotline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Hotline.class);

    private final HotlineConfig config;
    private final Database database;
    private final Wallet wallet;
    private final WalletPort walletPort;
    private final Tickets tickets;
    private final CallSessions sessions;
    private final FlowRegistry flows;
    private final FlowPublisher publisher;
    private final Engine engine;
    private final Clock clock;
    private final boolean ownsDatabase;
    private final AuditChainer auditChainer;
    private final SmsSender sms;
    private final CallRecordings recordings;
    private final CallerNumbers callerNumbers;
    private final RecordingSweeper recordingSweeper;
    private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
    private final io.hotline.announcements.AnnouncementDesk announcements;
    private final NumberVault numbers;
    private final CallbackDesk callbacks;

    /** For {@link #onDatabase}: one number key for every core in this JVM, as nodes sharing a database have. */
    private static final NumberVault TEST_NUMBERS = NumberVault.random();

    /** How often committed audit rows are linked into the chain. */
    private static final Duration AUDIT_CHAIN_INTERVAL = Duration.ofMillis(200);

    /** For {@link #onDatabase}: one pepper for every core in this JVM, as long-lived as its test databases. */
    private static final PinHasher TEST_PINS =
            PinHasher.peppered(PinHasher.randomPepper().getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private Hotline(
            HotlineConfig config,
            Database database,
            Clock clock,
            boolean ownsDatabase,
            PinHasher pins,
            SmsConfig smsConfig,
            SmsGateway smsGateway,
            WalletConfig walletConfig,
            NumberVault numbers,
            CallbackConfig callbackConfig,
            io.hotline.prompts.PromptsConfig prompts,
            Duration announcementsRefresh) {
        this.config = config;
        this.numbers = numbers;
        this.ownsDatabase = ownsDatabase;
        this.database = database;
        this.clock = clock;
        this.wallet = new Wallet(database.dataSource(), clock, pins);
        this.tickets = new Tickets(database.dataSource(), clock);
        this.sessions = new CallSessions(database.dataSource(), clock, config.nodeId());
        this.flows = new FlowRegistry();
        this.publisher = new FlowPublisher(
                flows,
                new io.hotline.admin.FlowVersions(database.dataSource()),
                config.flowsDir(),
                HotlineActions.CATALOG,
                clock);
        this.sms = new SmsSender(wallet.outbox(), smsGateway, smsConfig, config.nodeId(), clock); // started last
        this.walletPort = walletConfig.isHttp()
                ? new HttpWallet(walletConfig.http(), wallet.callerLimits(), meters, clock)
                : new BuiltinWallet(wallet, sms, smsConfig.callWait());
        if (walletConfig.isHttp()) {
            log.info(
                    "wallet: the wallet company's API at {}",
                    walletConfig.http().url());
        }
        var actions = new HotlineActions(
                walletPort, wallet.callerLimits(), tickets, clock, (to, ref, due, lang, account, callId) -> {
                    wallet.outbox().enqueueComplaintReference(to, ref, due, lang, account, callId);
                    sms.wake();
                });
        this.recordings = new CallRecordings(database.dataSource(), clock, config.recordingRetention());
        this.callerNumbers = new CallerNumbers(database.dataSource(), clock, config.callerNumberRetention());
        this.announcements = new io.hotline.announcements.AnnouncementDesk(
                        database.dataSource(), io.hotline.prompts.PromptWriter.standard(prompts), flows, clock)
                .refreshing(announcementsRefresh);
        this.engine = new Engine(
                flows,
                actions,
                new TicketDeskAdapter(tickets, recordings),
                new SessionRecorder(sessions, tickets, callerNumbers, numbers),
                clock,
                new EngineOptions(config.ticketBudget(), config.fallbackQueue(), 1000, 8),
                announcements);
        this.callbacks = new CallbackDesk(
                database.dataSource(),
                clock,
                callbackConfig,
                numbers,
                tickets,
                (number, text, lang) -> {
                    wallet.outbox().enqueueText(number, text, lang);
                    sms.wake();
                },
                id -> walletPort.findById(id).map(io.hotline.wallet.Account::msisdn),
                config.nodeId(),
                io.hotline.hours.OpeningHours.published(flows));
        engine.offerCallbacks(callbacks);
        // audited writes only insert their row; this links them into the hash chain shortly after they commit
        this.auditChainer = AuditChainer.start(new AuditLog(database.dataSource(), clock), AUDIT_CHAIN_INTERVAL);
        this.recordingSweeper = RecordingSweeper.start(recordings, callerNumbers, Duration.ofHours(1));
    }

    /**
     * Starts the server's core: the database (embedded unless {@code HOTLINE_DB_URL} is set), closes the
     * calls this node left in progress when it last stopped ({@link CallSessions#markInterrupted()}), and
     * publishes the flows. Refuses to start when the flows have problems: with nothing published there
     * is no earlier version to keep serving.
     */
    public static Hotline start(Settings settings) {
        return start(settings, Clock.systemDefaultZone());
    }

    public static Hotline start(Settings settings, Clock clock) {
        return start(settings, clock, true);
    }

    /**
     * The core for a one-off tool ({@code hotline call}) next to a possibly running server: as
     * {@link #start(Settings)} but leaves in-progress sessions alone, as they may be the server's live calls.
     */
    public static Hotline startTool(Settings settings) {
        return start(settings, Clock.systemDefaultZone(), false);
    }

    private static Hotline start(Settings settings, Clock clock, boolean server) {
        HotlineConfig config = HotlineConfig.from(settings);
        DbConfig dbConfig = DbConfig.from(settings);
        LoadResult loaded = new FlowLoader().load(config.flowsDir(), HotlineActions.CATALOG);
        if (!loaded.ok()) {
            loaded.problems().forEach(p -> log.error("{}", p));
            throw new ConfigException("HOTLINE_FLOWS_DIR: the flows in " + config.flowsDir() + " have "
                    + loaded.problems().size() + " problem(s); run 'hotline lint " + config.flowsDir() + "'");
        }
        PinHasher pins = PinPepper.hasher(settings, dbConfig);
        NumberVault numbers = NumberVault.from(settings, dbConfig.url() == null ? dbConfig.dataDir() : null);
        SmsConfig smsConfig = SmsConfig.from(settings);
        WalletConfig walletConfig = WalletConfig.from(settings);
        CallbackConfig callbackConfig = CallbackConfig.from(settings);
        Database db = Database.start(dbConfig);
        try {
            var hotline = new Hotline(
                    config,
                    db,
                    clock,
                    true,
                    pins,
                    smsConfig,
                    smsConfig.newGateway(),
                    walletConfig,
                    numbers,
                    callbackConfig,
                    io.hotline.prompts.PromptsConfig.from(settings),
                    settings.duration("HOTLINE_ANNOUNCEMENTS_REFRESH", Duration.ofSeconds(10)));
            if (server) {
                hotline.closeInterruptedCalls();
            }
            hotline.publishAtStart();
            hotline.sms.start();
            return hotline;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * For tests: the core on a database someone else owns (not closed by {@link #close()}), its SMS accepted by
     * a {@link MemoryGateway} ({@link #sms()}{@code .gateway()}).
     */
    public static Hotline onDatabase(Database db, Path flowsDir, Clock clock) {
        return onDatabase(db, flowsDir, clock, new MemoryGateway());
    }

    /** As {@link #onDatabase(Database, Path, Clock)}, its SMS sent through {@code sms}. */
    public static Hotline onDatabase(Database db, Path flowsDir, Clock clock, SmsGateway sms) {
        return onDatabase(db, flowsDir, clock, sms, WalletConfig.builtin());
    }

    /** As {@link #onDatabase(Database, Path, Clock, SmsGateway)}, acting on the wallet {@code wallet} names. */
    public static Hotline onDatabase(Database db, Path flowsDir, Clock clock, SmsGateway sms, WalletConfig wallet) {
        return onDatabase(
                db,
                flowsDir,
                clock,
                sms,
                wallet,
                CallSessions.DEFAULT_NODE,
                CallbackConfig.defaults(),
                TEST_NUMBERS,
                Path.of("sounds"));
    }

    /**
     * As {@link #onDatabase(Database, Path, Clock)}, as node {@code nodeId} with {@code callbacks}' settings (nodes
     * sharing one test database share one number key, as nodes must).
     */
    public static Hotline onDatabase(Database db, Path flowsDir, Clock clock, String nodeId, CallbackConfig callbacks) {
        return onDatabase(
                db,
                flowsDir,
                clock,
                new MemoryGateway(),
                WalletConfig.builtin(),
                nodeId,
                callbacks,
                TEST_NUMBERS,
                Path.of("sounds"));
    }

    /**
     * As {@link #onDatabase(Database, Path, Clock, SmsGateway, WalletConfig)}, announcements' sounds synthesized into
     * {@code soundsDir}.
     */
    public static Hotline onDatabase(
            Database db, Path flowsDir, Clock clock, SmsGateway sms, WalletConfig wallet, Path soundsDir) {
        return onDatabase(
                db,
                flowsDir,
                clock,
                sms,
                wallet,
                CallSessions.DEFAULT_NODE,
                CallbackConfig.defaults(),
                TEST_NUMBERS,
                soundsDir);
    }

    private static Hotline onDatabase(
            Database db,
            Path flowsDir,
            Clock clock,
            SmsGateway sms,
            WalletConfig wallet,
            String nodeId,
            CallbackConfig callbacks,
            NumberVault numbers,
            Path soundsDir) {
        var config = new HotlineConfig(flowsDir, "general-support", Duration.ofSeconds(3), nodeId);
        LoadResult loaded = new FlowLoader().load(flowsDir, HotlineActions.CATALOG);
        if (!loaded.ok()) {
            throw new IllegalArgumentException("flows have problems: " + loaded.problems());
        }
        var hotline = new Hotline(
                config,
                db,
                clock,
                false,
                TEST_PINS,
                SmsConfig.forTests(),
                sms,
                wallet,
                numbers,
                callbacks,
                io.hotline.prompts.PromptsConfig.defaults().withSoundsDir(soundsDir),
                Duration.ofSeconds(10));
        hotline.publishAtStart();
        hotline.sms.start();
        return hotline;
    }

    /**
     * Closes the calls this node left in progress when it last stopped (sessions {@code interrupted},
     * their open tickets saying so); before any call is taken.
     */
    private void closeInterruptedCalls() {
        int n = sessions.markInterrupted();
        if (n > 0) {
            log.warn("{} call(s) were in progress when node '{}' last stopped; marked interrupted", n, config.nodeId());
        }
    }

    /** Publishes the flows directory, numbering on from the versions stored in the database. */
    private void publishAtStart() {
        if (publisher.publishAtStart() instanceof FlowPublisher.Outcome.Refused r) {
            throw new ConfigException("HOTLINE_FLOWS_DIR: the flows in " + config.flowsDir() + " were not published: "
                    + r.problems().getFirst() + (r.problems().size() > 1 ? " (and more)" : ""));
        }
    }

    /** Publishes flow changes (watcher, admins, rollbacks) as recorded versions. */
    public FlowPublisher publisher() {
        return publisher;
    }

    public HotlineConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    /**
     * The built-in wallet's tables: Hotline's own outbox, reset codes and caller limits, and the accounts when the
     * built-in wallet is the one acting ({@link #walletPort()}).
     */
    public Wallet wallet() {
        return wallet;
    }

    /** The wallet the actions and the console act on: built-in or the wallet company's API ({@code HOTLINE_WALLET}). */
    public WalletPort walletPort() {
        return walletPort;
    }

    public Tickets tickets() {
        return tickets;
    }

    public CallSessions sessions() {
        return sessions;
    }

    public FlowRegistry flows() {
        return flows;
    }

    public Engine engine() {
        return engine;
    }

    public Clock clock() {
        return clock;
    }

    /** The SMS sender draining the outbox ({@code HOTLINE_SMS_*}). */
    public SmsSender sms() {
        return sms;
    }

    /**
     * The meters of the core's parts (the HTTP wallet's per operation); {@code serve} adds its Prometheus registry,
     * tests a simple one.
     */
    public CompositeMeterRegistry meters() {
        return meters;
    }

    /** The announcements admins switch on, which the flows' announcement points play. */
    public io.hotline.announcements.AnnouncementDesk announcements() {
        return announcements;
    }

    /** Seals full phone numbers (caller reveal, callbacks) with the key kept outside the database. */
    public NumberVault numbers() {
        return numbers;
    }

    /** Queued callbacks: booked at queue nodes, kept in their places, called back ({@code HOTLINE_CALLBACK_*}). */
    public CallbackDesk callbacks() {
        return callbacks;
    }

    /** Callers' full numbers, sealed, kept for {@code HOTLINE_CALLER_NUMBER_RETENTION} for the agent's reveal. */
    public CallerNumbers callerNumbers() {
        return callerNumbers;
    }

    /** Callers' voice messages (complaints), kept for {@code HOTLINE_RECORDINGS_RETENTION}. */
    public CallRecordings recordings() {
        return recordings;
    }

    /**
     * The console working on this core: its tickets, wallet port, engine and flow publisher, with {@code config}
     * and {@code users} (sign-ins); add AMI, prompt sounds, demo users and routes with the setup's withers.
     */
    public Console.Setup consoleSetup(ConsoleConfig consoleConfig, Users users) {
        var ds = database.dataSource();
        var reports = new Reports(ds, consoleConfig.live().rules(), consoleConfig.zone());
        return Console.Setup.of(
                        consoleConfig,
                        users,
                        tickets,
                        walletPort,
                        consoleClock -> new ConsoleData(
                                new TicketWork(ds, consoleClock),
                                new PopStore(ds, consoleClock),
                                new TicketSearch(ds),
                                new AgentStore(ds),
                                new SessionHistory(ds),
                                new QueueLogStore(ds),
                                reports,
                                new io.hotline.tickets.CallHolds(ds, consoleClock),
                                database::reachable,
                                announcements,
                                callbacks),
                        engine,
                        publisher,
                        clock,
                        recordings)
                .withReveal(new io.hotline.console.CallerReveal(callerNumbers, numbers));
    }

    @Override
    public void close() {
        callbacks.close();
        engine.close();
        announcements.close();
        if (walletPort instanceof HttpWallet http) {
            http.close();
        }
        sms.close();
        auditChainer.close();
        recordingSweeper.close();
        if (ownsDatabase) {
            database.close();
        }
    }
}
