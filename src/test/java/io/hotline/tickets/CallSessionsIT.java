package io.hotline.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.db.MutableClock;
import io.hotline.db.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Call sessions")
class CallSessionsIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private final MutableClock clock = MutableClock.now();
    private final CallSessions sessions = new CallSessions(DB.dataSource(), clock);
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Test
    @DisplayName("a call is in progress once started, and ending it records queue, ticket, path and actions")
    void startedThenEnded() {
        sessions.started("call-s1", "agi", "main", 3, "*******8000", "en", t0);
        SessionRow running = sessions.find("call-s1").orElseThrow();
        assertThat(running.endReason()).isEqualTo("in_progress");
        assertThat(running.startedAt()).isEqualTo(t0);
        assertThat(running.flowVersion()).isEqualTo(3L);

        sessions.ended(
                "call-s1",
                "queued",
                "fraud",
                "T-123456",
                "[{\"node\":\"main-menu\"}]",
                "[{\"action\":\"freeze_account\",\"outcome\":\"ok\"}]",
                null,
                t0.plusSeconds(75));
        SessionRow done = sessions.find("call-s1").orElseThrow();
        assertThat(done.endReason()).isEqualTo("queued");
        assertThat(done.endedAt()).isEqualTo(t0.plusSeconds(75));
        assertThat(done.startedAt()).isEqualTo(t0);
        assertThat(done.transport()).isEqualTo("agi");
        assertThat(done.queue()).isEqualTo("fraud");
        assertThat(done.ticketRef()).isEqualTo("T-123456");
        assertThat(done.pathJson()).contains("main-menu");
        assertThat(done.actionsJson()).contains("freeze_account");
    }

    @Test
    @DisplayName("a call whose start was never written is still recorded when it ends")
    void endedWithoutStart() {
        sessions.ended("call-s2", "caller_hangup", "", "", null, null, "caller hung up in main-menu", t0);
        SessionRow row = sessions.find("call-s2").orElseThrow();
        assertThat(row.endReason()).isEqualTo("caller_hangup");
        assertThat(row.startedAt()).isNull();
        assertThat(row.queue()).isNull();
        assertThat(row.detail()).isEqualTo("caller hung up in main-menu");
        assertThatThrownBy(() -> sessions.ended("call-s2", "exploded", null, null, null, null, null, t0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("after a crash, calls left in progress are marked interrupted at the next start; ended ones are kept")
    void markInterrupted() {
        sessions.started("call-s3", "ari", "main", 3, null, "zh", t0);
        sessions.started("call-s4", "sim", "main", 3, null, "en", t0);
        sessions.started("call-s5", "sim", "main", 3, null, "en", t0);
        sessions.ended("call-s5", "hangup", null, null, null, null, null, t0.plusSeconds(5));
        clock.advance(Duration.ofMinutes(3));

        assertThat(sessions.markInterrupted())
                .as("other tests' calls may be in progress too")
                .isGreaterThanOrEqualTo(2);
        for (String call : new String[] {"call-s3", "call-s4"}) {
            SessionRow s = sessions.find(call).orElseThrow();
            assertThat(s.endReason()).isEqualTo("interrupted");
            assertThat(s.endedAt()).isEqualTo(clock.instant());
        }
        assertThat(sessions.find("call-s5").orElseThrow().endReason()).isEqualTo("hangup");
        assertThat(sessions.markInterrupted()).isZero();
    }

    @Test
    @DisplayName("a second start of the same call id does not overwrite the first")
    void startTwice() {
        sessions.started("call-s6", "agi", "main", 3, null, "en", t0);
        sessions.started("call-s6", "ari", "other", 4, null, "zh", t0.plusSeconds(1));
        assertThat(sessions.find("call-s6").orElseThrow().transport()).isEqualTo("agi");
        assertThat(sessions.find("missing")).isEmpty();
    }

    @Test
    @DisplayName("hundreds of calls starting and ending at the same moment are all recorded, each start kept")
    void manyAtOnce() throws Exception {
        int calls = 300;
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < calls; i++) {
                String id = "call-many-" + i;
                threads.execute(() -> {
                    sessions.started(id, "agi", "main", 3, null, "en", t0);
                    sessions.ended(id, "queued", "fraud", "", null, null, null, t0.plusSeconds(9));
                });
            }
        }
        for (int i = 0; i < calls; i++) {
            SessionRow row = sessions.find("call-many-" + i).orElseThrow();
            assertThat(row.endReason()).isEqualTo("queued");
            assertThat(row.transport()).as("the start of call %d", i).isEqualTo("agi");
            assertThat(row.startedAt()).isEqualTo(t0);
        }
    }

    @Test
    @DisplayName("a row the database refuses fails its own call only, not the calls written with it")
    void badRowAmongGood() throws Exception {
        var failures = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 100; i++) {
                // a path that is not JSON: PostgreSQL refuses the ::jsonb cast
                String path = i == 50 ? "not json" : "[]";
                String id = "call-bad-" + i;
                threads.execute(() -> {
                    try {
                        sessions.ended(id, "hangup", null, null, path, null, null, t0);
                    } catch (io.hotline.db.DataAccessException e) {
                        failures.add(id);
                    }
                });
            }
        }
        assertThat(failures).containsExactly("call-bad-50");
        assertThat(sessions.find("call-bad-49")).isPresent();
        assertThat(sessions.find("call-bad-50")).isEmpty();
        assertThat(sessions.find("call-bad-51")).isPresent();
    }
}
