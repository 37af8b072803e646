package io.hotline.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.hotline.db.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Caller numbers, typed numbers, PINs and reset codes stay out of the logs (at DEBUG), the session
 * records and the tickets, through journeys that handle all of them.
 */
@DisplayName("Personal data in logs and records")
class PiiIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    @DisplayName(
            "journeys with typed phone numbers, PINs and a reset code leave none of them in clear in logs, session paths or tickets")
    void nothingInClear() throws Exception {
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("io.hotline");
        Level before = ours.getLevel();
        root.addAppender(appender);
        ours.setLevel(Level.DEBUG);
        List<String> callIds = new ArrayList<>();
        String code;
        try (var sim = new SimHarness(DB.database())) {
            // no account for the calling number: the caller types Li Wei's number, a wrong PIN, the right
            // PIN, and asks for a reset code
            var reset = sim.call("13600136000", "3 13800138000# 1111# 2468# 1");
            assertThat(reset.said()).contains("A reset code has been sent");
            callIds.add(reset.callId());
            var stolen = sim.call("13600136000", "2 13900139000# 1 1357#");
            assertThat(stolen.said()).contains("Your wallet is now frozen");
            callIds.add(stolen.callId());
            callIds.add(sim.call("13800138000", "1 2468#").callId());
            code = resetCode(sim);
        } finally {
            root.detachAppender(appender);
            ours.setLevel(before);
        }

        StringBuilder logs = new StringBuilder();
        for (ILoggingEvent e : appender.list) {
            logs.append(e.getFormattedMessage())
                    .append(' ')
                    .append(e.getMDCPropertyMap())
                    .append('\n');
            if (e.getThrowableProxy() != null) {
                logs.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
            }
        }
        assertThat(appender.list).as("the journeys logged something").hasSizeGreaterThan(10);
        StringBuilder records = new StringBuilder();
        try (Connection c = DB.dataSource().getConnection();
                Statement st = c.createStatement()) {
            try (ResultSet rs =
                    st.executeQuery("SELECT call_id, coalesce(caller_masked, ''), coalesce(path::text, ''), "
                            + "coalesce(actions::text, ''), coalesce(detail, '') FROM call_sessions")) {
                while (rs.next()) {
                    for (int i = 1; i <= 5; i++) {
                        records.append(rs.getString(i)).append('\n');
                    }
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT coalesce(caller_masked, ''), context::text, notes::text " + "FROM tickets")) {
                while (rs.next()) {
                    records.append(rs.getString(1))
                            .append(rs.getString(2))
                            .append(rs.getString(3))
                            .append('\n');
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT body || coalesce(last_error, '') FROM sms_outbox")) {
                while (rs.next()) {
                    records.append(rs.getString(1)).append('\n');
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT coalesce(detail::text, '') FROM audit_log")) {
                while (rs.next()) {
                    records.append(rs.getString(1)).append('\n');
                }
            }
        }
        assertThat(records.toString()).contains(callIds.getFirst()).contains("*******8000");
        for (String secret : List.of("13600136000", "13800138000", "13900139000", "1111", "2468", code)) {
            Pattern whole = Pattern.compile("(?<![0-9])" + secret + "(?![0-9])");
            assertThat(whole.matcher(logs).find())
                    .as("'%s' in the logs", secret)
                    .isFalse();
            assertThat(whole.matcher(records).find())
                    .as("'%s' in sessions, tickets or the audit log", secret)
                    .isFalse();
        }
    }

    /** The code as the SMS gateway sent it: the text handed to the gateway is the one place that holds it. */
    static String resetCode(SimHarness sim) {
        var gateway = (io.hotline.connectors.MemoryGateway) sim.hotline().sms().gateway();
        String text = gateway.lastTo("13800138000").orElseThrow().text();
        Matcher m = Pattern.compile("(?<![0-9])[0-9]{6}(?![0-9])").matcher(text);
        assertThat(m.find()).isTrue();
        return m.group();
    }
}
