package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.CallInfo;
import io.hotline.contact.CallbackConfig;
import io.hotline.db.Database;
import io.hotline.db.Tx;
import io.hotline.engine.CallEnding;
import io.hotline.server.Hotline;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.SimPlaceholders;
import io.hotline.telephony.sim.Transcript;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the callback board's browser tests stand on: Hotline on a test database with the flows of {@code flows} on
 * {@code clock}, the console, its simulated queues keeping the callbacks' placeholders (the caller always presses 1
 * when called back; {@link #rung} lists the numbers called), and headless Chromium on the console.
 */
final class CallbackBoardRig implements AutoCloseable {
    final Hotline hotline;
    final Console console;
    final SimPlaceholders line;
    final Browser browser;
    final List<String> rung = new CopyOnWriteArrayList<>();
    private final Database db;
    private final AtomicInteger seq = new AtomicInteger();

    CallbackBoardRig(Database db, Path flows, Clock clock) throws Exception {
        this.db = db;
        hotline = Hotline.onDatabase(db, flows, clock, "node-a", CallbackConfig.defaults());
        console = Console.start(hotline.consoleSetup(
                ConsoleConfig.forTests(1_000, Duration.ofSeconds(60)), TestUsers.create(db.dataSource())));
        line = new SimPlaceholders(console.simQueues(), n -> {
            rung.add(n);
            return SimPlaceholders.Phone.PRESSES_1;
        });
        hotline.callbacks()
                .attach(
                        line,
                        q -> line.estimatedWait(q, CallbackConfig.defaults().handleTime()));
        browser = new Browser(console.port());
    }

    /** A caller pressing {@code keys} in the shipped flow, on the console's simulated queues. */
    CallEnding call(String ani, String keys) {
        String id = "cbb-" + seq.incrementAndGet() + "-" + System.nanoTime();
        var call = new SimCall(
                new CallInfo(id, ani, "", "en", "main", "sim", Map.of()),
                new ScriptedCaller(keys),
                console.simQueues());
        return hotline.engine().run(call, new Transcript());
    }

    /**
     * A caller asks for an agent and takes the callback offered (the queued one, or the one when the queue opens),
     * on the number calling: the callback's reference.
     */
    String book(String ani) {
        CallEnding e = call(ani, "0 1 1.");
        if (e.reason() != CallEnding.Reason.CALLBACK) {
            throw new AssertionError("no callback booked: the call ended " + e.reason() + " " + e.detail());
        }
        return e.detail();
    }

    /** The first column of the first row the query reads, as text; null when none. */
    String single(String sql, Object... args) {
        return statement(sql, args, ps -> {
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    /** Changes rows by hand, e.g. as if an agent had taken a callback's place. */
    void update(String sql, Object... args) {
        statement(sql, args, java.sql.PreparedStatement::executeUpdate);
    }

    private interface Run<T> {
        T on(java.sql.PreparedStatement ps) throws java.sql.SQLException;
    }

    private <T> T statement(String sql, Object[] args, Run<T> run) {
        return Tx.withConnection(db.dataSource(), c -> {
            try (var ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                return run.on(ps);
            }
        });
    }

    /**
     * The signed-in supervisor {@code login} cancels {@code ref} on the board: its row disappears, it is cancelled
     * with its number removed, and the audit log has the cancel once, by them.
     */
    void cancelOnBoard(String ref, String login) {
        browser.find(row(ref) + " button.cb-cancel").click();
        browser.until(d ->
                d.findElements(org.openqa.selenium.By.cssSelector(row(ref))).isEmpty());
        assertThat(single("select status from callbacks where reference = ?", ref))
                .isEqualTo("cancelled");
        assertThat(single("select number_sealed from callbacks where reference = ?", ref))
                .isNull();
        assertThat(single(
                        "select count(*) from audit_log where actor = ? and action = 'callback.cancel' and subject = ?",
                        login,
                        ref))
                .isEqualTo("1");
    }

    /** The row of {@code ref} on the board. */
    static String row(String ref) {
        return "#board .queue.card tr.callback[data-ref='" + ref + "']";
    }

    @Override
    public void close() throws Exception {
        try {
            browser.close();
        } finally {
            line.close();
            console.close();
            hotline.close();
        }
    }
}
