package io.hotline;

import io.hotline.actions.HotlineActions;
import io.hotline.actions.SessionRecorder;
import io.hotline.actions.TicketDeskAdapter;
import io.hotline.db.Database;
import io.hotline.db.DbConfig;
import io.hotline.engine.Engine;
import io.hotline.engine.EngineOptions;
import io.hotline.flow.FlowLoader;
import io.hotline.flow.FlowRegistry;
import io.hotline.flow.LoadResult;
import io.hotline.tickets.CallSessions;
import io.hotline.tickets.Tickets;
import io.hotline.wallet.Wallet;
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
    private final Tickets tickets;
    private final CallSessions sessions;
    private final FlowRegistry flows;
    private final Engine engine;
    private final Clock clock;
    private final boolean ownsDatabase;

    /** Settings of the core, read from {@code HOTLINE_*}. */
    public record HotlineConfig(Path flowsDir, String fallbackQueue, Duration ticketBudget) {
        public static HotlineConfig from(Settings s) {
            String fallback = s.string("HOTLINE_FALLBACK_QUEUE", "general-support");
            if (fallback.equals("general")) {
                throw new ConfigException("HOTLINE_FALLBACK_QUEUE: 'general' cannot be a queue name in Asterisk");
            }
            return new HotlineConfig(s.path("HOTLINE_FLOWS_DIR", "ivr-flows"), fallback,
                    s.duration("HOTLINE_TICKET_BUDGET", Duration.ofSeconds(3)));
        }
    }

    private Hotline(HotlineConfig config, Database database, Clock clock, boolean ownsDatabase) {
        this.config = config;
        this.ownsDatabase = ownsDatabase;
        this.database = database;
        this.clock = clock;
        this.wallet = new Wallet(database.dataSource(), clock);
        this.tickets = new Tickets(database.dataSource(), clock);
        this.sessions = new CallSessions(database.dataSource());
        this.flows = new FlowRegistry();
        var actions = new HotlineActions(wallet, tickets, clock);
        this.engine = new Engine(flows, actions, new TicketDeskAdapter(tickets), new SessionRecorder(sessions, tickets),
                clock, new EngineOptions(config.ticketBudget(), config.fallbackQueue(), 1000, 8));
    }

    /**
     * Starts the database (embedded unless {@code HOTLINE_DB_URL} is set) and publishes the
     * flows. Refuses to start when the flows have problems: with nothing published there
     * is no earlier version to keep serving.
     */
    public static Hotline start(Settings settings) {
        return start(settings, Clock.systemDefaultZone());
    }

    public static Hotline start(Settings settings, Clock clock) {
        HotlineConfig config = HotlineConfig.from(settings);
        DbConfig dbConfig = DbConfig.from(settings);
        LoadResult loaded = new FlowLoader().load(config.flowsDir(), HotlineActions.CATALOG);
        if (!loaded.ok()) {
            loaded.problems().forEach(p -> log.error("{}", p));
            throw new ConfigException("HOTLINE_FLOWS_DIR: the flows in " + config.flowsDir() + " have "
                    + loaded.problems().size() + " problem(s); run 'hotline lint " + config.flowsDir() + "'");
        }
        Database db = Database.start(dbConfig);
        try {
            var hotline = new Hotline(config, db, clock, true);
            hotline.flows.publish(loaded);
            return hotline;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** For tests: the core on a database someone else owns (not closed by {@link #close()}). */
    public static Hotline onDatabase(Database db, Path flowsDir, Clock clock) {
        var config = new HotlineConfig(flowsDir, "general-support", Duration.ofSeconds(3));
        LoadResult loaded = new FlowLoader().load(flowsDir, HotlineActions.CATALOG);
        if (!loaded.ok()) {
            throw new IllegalArgumentException("flows have problems: " + loaded.problems());
        }
        var hotline = new Hotline(config, db, clock, false);
        hotline.flows.publish(loaded);
        return hotline;
    }

    public HotlineConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public Wallet wallet() {
        return wallet;
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

    @Override
    public void close() {
        engine.close();
        if (ownsDatabase) {
            database.close();
        }
    }
}
