package io.hotline.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.announcements.Announcement;
import io.hotline.announcements.Draft;
import io.hotline.db.Database;
import io.hotline.db.TestDatabase;
import io.hotline.engine.CallEnding;
import io.hotline.flow.Calendar;
import io.hotline.pbx.PbxDialer.Transport;
import io.hotline.tickets.Ticket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Opening hours and announcements through the real lab Asterisk, on both transports: the shipped flows with a
 * calendar that closes general support from yesterday until the day after tomorrow at 09:00 (Shanghai), around
 * whatever the wall clock says when the test runs. A caller pressing 0 for an agent gets the closed hand-off; an
 * announcement switched on is played by Asterisk right after the greeting.
 */
// its callers reach the lab's queues: not while a class has agents in them (lab-queue-agents); beside other callers
@ResourceLock(value = "lab-queue-agents", mode = ResourceAccessMode.READ)
@DisplayName("Opening hours and announcements through a real Asterisk")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PbxHoursIT {
    private static final String LI_WEI = "13800138000";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private Database db;
    private PbxDialer agi;
    private PbxDialer ari;
    /** When general support opens again: the closure's end. */
    private Instant reopens;

    @BeforeAll
    void start() throws Exception {
        LocalDate today = LocalDate.now(SHANGHAI);
        LocalDateTime from = today.minusDays(1).atStartOfDay();
        LocalDateTime until = today.plusDays(2).atTime(9, 0);
        reopens = until.atZone(SHANGHAI).toInstant();
        Path flows = Files.createTempDirectory("pbx-hours-flows");
        try (Stream<Path> files = Files.list(Path.of("ivr-flows"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, flows.resolve(f.getFileName()));
            }
        }
        Files.writeString(flows.resolve(Calendar.FILE), """
                time-zone: Asia/Shanghai
                hours:
                  fraud: always
                  general-support:
                    mon-sun: "00:00-24:00"
                  recharge: always
                  account: always
                closures:
                  - { from: %s, until: %s, reason: System upgrade, queues: [general-support] }
                """.formatted(from, until));
        db = TestDatabase.fresh();
        Map<String, String> settings = Map.of("HOTLINE_FLOWS_DIR", flows.toString());
        agi = new PbxDialer(db, Transport.AGI, settings);
        ari = new PbxDialer(db, Transport.ARI, settings);
    }

    @AfterAll
    void stop() {
        try (Database closing = db) {
            if (agi != null) {
                agi.close();
            }
            if (ari != null) {
                ari.close();
            }
        }
    }

    private PbxDialer dialer(Transport t) {
        return t == Transport.AGI ? agi : ari;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    @DisplayName(
            "'0' while general support is closed: a ticket, its reference and when an agent calls, no queue, hung up")
    void closedQueue(Transport t) throws Exception {
        PbxDialer d = dialer(t);
        var r = d.call(LI_WEI, "0");

        assertThat(r.said())
                .contains("Our agents are not working right now")
                .contains("An agent will contact you after we open");
        assertThat(r.ending().reason()).isEqualTo(CallEnding.Reason.HANGUP);
        assertThat(r.ending().queue()).isEmpty();
        // PbxDialer checked that Asterisk put the caller in no queue and played every file asked for
        assertThat(r.queueJoin()).isNull();
        assertThat(r.channelVariables()).doesNotContainKeys("HOTLINE_QUEUE", "HOTLINE_TICKET", "HOTLINE_PRIORITY");
        assertThat(r.played()).contains("hotline/en/main.agents_closed.prompt");
        Ticket ticket = d.hotline().tickets().byReference(r.ending().ticket()).orElseThrow();
        assertThat(ticket.queue()).isEqualTo("general-support");
        assertThat(r.said()).contains(ticket.reference());
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(ticket.contextJson())
                        .path("closed")
                        .path("contact_after")
                        .asText())
                .isEqualTo(reopens.toString());
        // the call is over on Asterisk's side too: PbxDialer returns once both legs' Hangup events came
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    @DisplayName("an announcement switched on is played by Asterisk right after the greeting, and not once it is off")
    void announcementAfterGreeting(Transport t) throws Exception {
        PbxDialer d = dialer(t);
        var desk = d.hotline().announcements();
        Instant now = Instant.now();
        Announcement a = desk.create(
                new Draft(
                        "pbx " + t + " notice",
                        Map.of(
                                "en", "Recharges by bank card are failing since two o'clock. Your money is safe.",
                                "zh", "银行卡充值自两点起失败，您的资金是安全的。"),
                        Set.of(),
                        now.minus(Duration.ofMinutes(5)),
                        now.plus(Duration.ofHours(1)),
                        Announcement.Audio.SYNTHESIZED),
                "ada");
        desk.switchTo(a.id(), true, "ada");
        // synthesized into the sounds directory Asterisk plays hotline/<lang>/ from
        assertThat(desk.prepareAudioNow(a.id())).isTrue();
        assertThat(Lab.sounds().resolve("en/announcement." + a.id() + ".wav")).exists();
        String file = "hotline/en/announcement." + a.id();
        try {
            var on = d.callHangingUpAt(LI_WEI, "", "main/main_menu");
            List<String> played = on.played();
            int greeting = played.indexOf("hotline/en/main.welcome.prompt");
            assertThat(greeting).as("the greeting in %s", played).isGreaterThanOrEqualTo(0);
            assertThat(played.indexOf(file))
                    .as("the announcement in %s", played)
                    .isEqualTo(greeting + 1);
            if (t == Transport.AGI) {
                assertThat(on.commands()).anyMatch(c -> c.startsWith("STREAM FILE " + file + " "));
            }
        } finally {
            desk.switchTo(a.id(), false, "ada");
        }
        var off = d.callHangingUpAt(LI_WEI, "", "main/main_menu");
        assertThat(off.played()).contains("hotline/en/main.welcome.prompt").doesNotContain(file);
    }
}
