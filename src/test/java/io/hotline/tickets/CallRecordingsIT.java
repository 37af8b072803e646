package io.hotline.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.db.MutableClock;
import io.hotline.db.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Callers' voice messages")
class CallRecordingsIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private final MutableClock clock = MutableClock.now();

    private static int count(String callId) throws java.sql.SQLException {
        try (var c = DB.dataSource().getConnection();
                var ps = c.prepareStatement("select count(*) from call_recordings where call_id = ?")) {
            ps.setString(1, callId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    @DisplayName("a message is kept for the retention period, then never served again and deleted by the sweeper")
    void retentionIsEnforced() {
        var recordings = new CallRecordings(DB.dataSource(), clock, Duration.ofDays(30));
        byte[] wav = {1, 2, 3, 4};
        long id = recordings.keep("call-rec-1", "complaint.message", wav, "audio/wav", Duration.ofSeconds(3), "key");
        assertThat(recordings.latestOf("call-rec-1")).hasValueSatisfying(s -> {
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.length()).isEqualTo(Duration.ofSeconds(3));
            assertThat(s.expiresAt()).isEqualTo(s.createdAt().plus(Duration.ofDays(30)));
        });
        assertThat(recordings.audio("call-rec-1", id))
                .hasValueSatisfying(s -> assertThat(s.audio()).isEqualTo(wav));
        // another call's id does not open it
        assertThat(recordings.audio("call-rec-2", id)).isEmpty();

        clock.advance(Duration.ofDays(30).plusSeconds(1));
        assertThat(recordings.latestOf("call-rec-1")).isEmpty();
        assertThat(recordings.audio("call-rec-1", id)).isEmpty();
        try (var sweeper = RecordingSweeper.start(recordings, Duration.ofHours(1))) {
            org.awaitility.Awaitility.await()
                    .untilAsserted(() -> assertThat(count("call-rec-1")).isZero());
        }
    }
}
