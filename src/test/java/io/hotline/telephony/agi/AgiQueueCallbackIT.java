package io.hotline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.contact.CallbackConfig;
import io.hotline.db.Database;
import io.hotline.db.TestDatabase;
import io.hotline.emulator.agi.AgiResult;
import io.hotline.server.Hotline;
import io.hotline.telephony.queue.CallbackLine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The in-queue callback offer's FastAGI entry as the shipped dialplan calls it ({@code hotline-queue-exit}:
 * {@code AGI(${HOTLINE_AGI}/queue-callback,queue,QUEUEPOSITION,ticket,priority,account,language)}) against the AGI
 * emulator: booked, Hotline hangs the channel up and asks for the placeholder at that position; declined, the session
 * ends on a live channel (AGISTATUS=SUCCESS) for the dialplan to queue the caller again.
 */
@DisplayName("In-queue callback offer over FastAGI")
class AgiQueueCallbackIT {
    private static final String LI_WEI = "13800138000";

    private Database db;
    private Hotline hotline;
    private AgiServer server;
    /** The placeholders asked for: callback → position. */
    private final Map<String, Integer> placed = new ConcurrentHashMap<>();

    /** A PBX that takes every placeholder at once and never calls anyone back. */
    private final CallbackLine line = new CallbackLine() {
        @Override
        public void hold(Placeholder p) {
            placed.put(p.callback(), p.position());
        }

        @Override
        public void release(String callback) {
            placed.remove(callback);
        }

        @Override
        public Optional<Set<String>> held() {
            return Optional.of(Set.copyOf(placed.keySet()));
        }

        @Override
        public void dial(String callback, String number, Duration ringFor) {}

        @Override
        public void listen(Listener listener) {}
    };

    @BeforeEach
    void start() throws IOException {
        db = TestDatabase.fresh();
        hotline = Hotline.onDatabase(
                db, Path.of("ivr-flows"), Clock.systemDefaultZone(), "node-agi", CallbackConfig.defaults());
        hotline.callbacks().attach(line, q -> Duration.ZERO);
        server = new AgiServer(AgiConfig.loopback(), call -> hotline.engine().run(call)).start();
    }

    @AfterEach
    void stop() {
        server.close();
        hotline.close();
        db.close();
    }

    private AgiResult pressed1(String position, String keys) {
        return AgiFakes.call(server.port())
                .script("queue-callback")
                .args("general-support", position, "", "0", "", "en")
                .callerId(LI_WEI)
                .language("en")
                .keys(keys)
                .start()
                .await();
    }

    @Test
    @DisplayName("1 for the number the call comes from: the reference is said, the channel hung up, and the"
            + " placeholder asked for at the caller's old position")
    void booked() {
        AgiResult r = pressed1("3", "1.");
        assertThat(r.commands("HANGUP")).isNotEmpty();
        String ref = TestDatabase.single(
                db.dataSource(), "select reference from callbacks where queue = ?", "general-support");
        assertThat(ref).matches("CB-[0-9]+");
        await().until(() -> placed.containsKey(ref));
        assertThat(placed).containsEntry(ref, 3);
    }

    @Test
    @DisplayName("# with no number: nothing booked, the session ends on the live channel for the dialplan to rejoin")
    void declined() {
        AgiResult r = pressed1("3", "#");
        assertThat(r.ending()).isEqualTo(AgiResult.Ending.SCRIPT_ENDED);
        assertThat(r.commands("HANGUP")).isEmpty();
        assertThat(TestDatabase.single(db.dataSource(), "select count(*) from callbacks"))
                .isEqualTo("0");
    }
}
