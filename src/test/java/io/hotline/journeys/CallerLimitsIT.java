package io.hotline.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.CallInfo;
import io.hotline.db.MutableClock;
import io.hotline.db.TestDatabase;
import io.hotline.engine.CallEnding;
import io.hotline.server.Hotline;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.Transcript;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Identity checks limited per calling number as well as per account: one phone cannot cycle through
 * registered numbers or through accounts' PINs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Identity checks limited per calling number")
class CallerLimitsIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    static final AtomicInteger SEQ = new AtomicInteger();

    final MutableClock clock = MutableClock.now();
    Hotline hotline;

    @BeforeAll
    void start() {
        hotline = Hotline.onDatabase(DB.database(), Path.of("ivr-flows"), clock);
    }

    @AfterAll
    void stop() {
        hotline.close();
    }

    String call(String ani, String keys) {
        var call = new SimCall(
                new CallInfo("limits-" + SEQ.incrementAndGet(), ani, "", "en", "main", "sim", Map.of()),
                new ScriptedCaller(keys),
                null);
        var transcript = new Transcript();
        CallEnding ending = hotline.engine().run(call, transcript);
        return String.join("\n", transcript.prompts()) + "\n[" + ending.reason().wire() + " " + ending.queue() + "]";
    }

    @Test
    @DisplayName(
            "a phone that typed five numbers finding no account cannot look up a sixth, even a real one, for an hour; other phones can")
    void lookupsPerCaller() {
        String prober = "15500000001";
        for (int i = 0; i < 5; i++) {
            assertThat(call(prober, "2 1990000000" + i + "#"))
                    .contains("We could not find a wallet registered to that number");
        }
        String sixth = call(prober, "2 13800138000# 1");
        assertThat(sixth)
                .contains("no more numbers can be looked up from this phone")
                .doesNotContain("frozen")
                .endsWith("[queued fraud]");
        assertThat(call("15500000002", "2 13700137000#"))
                .doesNotContain("no more numbers")
                .contains("To freeze your wallet now, press 1");

        clock.advance(Duration.ofMinutes(61));
        assertThat(call(prober, "2 13700137000#"))
                .doesNotContain("no more numbers")
                .contains("To freeze your wallet now, press 1");
    }

    @Test
    @DisplayName(
            "wrong PINs for several accounts from one phone pause its PIN checks before any one account locks; the table keeps no number in clear")
    void pinsPerCaller() throws Exception {
        String prober = "15500000003";
        // three wrong PINs for Li Wei's account would lock it: two per account, over three accounts
        assertThat(call(prober, "3 13800138000# 1111# 2222#")).contains("You have 1 attempts left");
        assertThat(call(prober, "3 13900139000# 1111# 2222#")).contains("You have 1 attempts left");
        String fifth = call(prober, "3 13700137000# 1111# 9999#");
        assertThat(fifth)
                .contains("You have 2 attempts left")
                .contains("PIN checks from this phone are paused")
                .endsWith("[queued account]");
        // the right PIN from that phone is not even checked
        assertThat(call(prober, "3 13800138000# 2468#"))
                .contains("PIN checks from this phone are paused")
                .doesNotContain("To receive a password reset code");
        // the owner calling from their own phone is not affected
        assertThat(call("13800138000", "3 2468#")).contains("To receive a password reset code");

        try (Connection c = DB.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT count(*), count(*) FILTER (WHERE caller_hash LIKE '%5500000003%') "
                                + "FROM caller_attempts")) {
            rs.next();
            assertThat(rs.getInt(1)).isPositive();
            assertThat(rs.getInt(2)).isZero();
        }
    }
}
