package io.hotline.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.db.TestDatabase;
import io.hotline.engine.CallEnding.Reason;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database slower than an action's budget: a real PostgreSQL table lock held by
 * another session makes the freeze wait. The caller must not hear that the account is
 * frozen, and must still reach a person.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("A slow database")
class SlowDatabaseIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    SimHarness sim;

    @BeforeAll
    void start() {
        sim = new SimHarness(DB.database());
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    @Test
    @DisplayName(
            "a freeze that cannot commit within its budget is never announced, and the caller is put through to fraud")
    void freezeBlockedByLock() throws Exception {
        SimHarness.Result r;
        try (Connection blocker = DB.dataSource().getConnection();
                Statement st = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            st.execute("LOCK TABLE freezes IN ACCESS EXCLUSIVE MODE");
            st.execute("LOCK TABLE accounts IN SHARE MODE");
            r = sim.call("13800138000", "2 1");
            // while the lock is held nothing can have been frozen
            try (Connection c = DB.dataSource().getConnection();
                    Statement q = c.createStatement();
                    ResultSet rs = q.executeQuery("select status from accounts where msisdn = '13800138000'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("active");
            }
            blocker.rollback();
        }
        assertThat(r.said())
                .doesNotContain("Your wallet is now frozen")
                .contains("we could not freeze your wallet automatically");
        assertThat(r.ending().reason()).isEqualTo(Reason.QUEUED);
        assertThat(r.ending().queue()).isEqualTo("fraud");
        assertThat(r.transcript().entries())
                .anyMatch(e -> e instanceof io.hotline.telephony.sim.Transcript.Entry.Acted a
                        && a.name().equals("freeze_account")
                        && a.outcome().equals("timeout"));
    }
}
