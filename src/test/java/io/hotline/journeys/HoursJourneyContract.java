package io.hotline.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.announcements.Announcement;
import io.hotline.announcements.Draft;
import io.hotline.connectors.MemoryGateway;
import io.hotline.connectors.WalletConfig;
import io.hotline.db.Database;
import io.hotline.db.MutableClock;
import io.hotline.db.TestDatabase;
import io.hotline.engine.CallEnding.Reason;
import io.hotline.flow.Calendar;
import io.hotline.server.Hotline;
import io.hotline.tickets.Ticket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Opening hours and announcements through a transport: the shipped flows with a calendar that gives general
 * support weekday hours and a holiday, on a clock the test sets (no waiting on the wall clock), and announcements
 * switched on and off through the desk admins use. Each transport adds what its switch played ({@link #played}).
 *
 * @param <R> the transport's finished call
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HoursJourneyContract<R extends Dialer.Dialed> {
    static final String LI_WEI = "13800138000";
    static final String CALENDAR = """
            # yaml-language-server: $schema=./calendar.schema.json
            time-zone: Asia/Shanghai
            hours:
              fraud: always
              general-support:
                mon-fri: "08:00-22:00"
              recharge: always
              account: always
            holidays:
              - { date: 2026-10-01, name: National Day }
            """;

    protected final MutableClock clock = new MutableClock(at("2026-12-02T10:00")); // a Wednesday
    private Database db;
    private Dialer<R> dialer;
    private Path sounds;

    /** The transport on this core (closed with the dialer). */
    protected abstract Dialer<R> connect(Hotline hotline) throws Exception;

    /**
     * The sound files the transport's switch was asked to play, as it names them ({@code hotline/en/x}); null for
     * a transport without a switch.
     */
    protected abstract List<String> played(R r);

    /** The switch now has these files too (Asterisk's sounds directory holds what Hotline wrote there). */
    protected abstract void switchHas(String... files);

    static Instant at(String shanghai) {
        return ZonedDateTime.parse(shanghai + "+08:00[Asia/Shanghai]").toInstant();
    }

    @BeforeAll
    final void start() throws Exception {
        db = TestDatabase.fresh();
        Path flows = Files.createTempDirectory("hours-flows");
        try (Stream<Path> files = Files.list(Path.of("ivr-flows"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, flows.resolve(f.getFileName()));
            }
        }
        Files.writeString(flows.resolve(Calendar.FILE), CALENDAR);
        sounds = Files.createTempDirectory("hours-sounds");
        dialer = connect(Hotline.onDatabase(db, flows, clock, new MemoryGateway(), WalletConfig.builtin(), sounds));
    }

    @AfterAll
    final void stop() throws Exception {
        try (Database closing = db) {
            if (dialer != null) {
                dialer.close();
            }
        }
    }

    private Hotline hotline() {
        return dialer.hotline();
    }

    @Test
    @DisplayName("in general support's hours the caller hears no notice and '0' reaches the queue")
    void openHours() throws Exception {
        clock.set(at("2026-12-02T10:00"));
        R r = dialer.call(LI_WEI, "0");
        assertThat(r.said()).doesNotContain("not working right now");
        assertThat(r.ending().reason()).isEqualTo(Reason.QUEUED);
        assertThat(r.ending().queue()).isEqualTo("general-support");
    }

    @Test
    @DisplayName(
            "outside the hours the menu still works, and '0' writes a ticket, says its reference and when an agent calls, and hangs up")
    void closedHours() throws Exception {
        clock.set(at("2026-12-02T23:30"));
        R r = dialer.call(LI_WEI, "0");

        assertThat(r.said())
                .contains("Our agents are not working right now. Everything else in this menu works as usual.")
                .contains("If a recharge failed, press 1")
                .contains("An agent will contact you after we open")
                .contains("2026-12-03");
        assertThat(r.ending().reason()).isEqualTo(Reason.HANGUP);
        assertThat(r.ending().queue()).isEmpty();
        Ticket t = hotline().tickets().byReference(r.ending().ticket()).orElseThrow();
        assertThat(r.said()).contains(t.reference());
        assertThat(t.queue()).isEqualTo("general-support");
        // 08:00 in Shanghai: when an agent contacts the caller
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(t.contextJson())
                        .path("closed")
                        .path("contact_after")
                        .asText())
                .isEqualTo("2026-12-03T00:00:00Z");
        assertThat(r.channelVariables()).doesNotContainKey("HOTLINE_QUEUE");
        assertThat(nodes(r.callId())).contains("main/office_hours", "main/agents_closed", "main/agent");
    }

    @Test
    @DisplayName("self-service keeps working outside the hours: a failed recharge is still explained")
    void selfServiceClosed() throws Exception {
        clock.set(at("2026-12-05T03:00")); // a Saturday night
        R r = dialer.call(LI_WEI, "1 2468#");
        assertThat(r.said()).contains("not working right now").contains("Here are your most recent failed recharges");
        assertThat(r.ending().queue()).isEqualTo("recharge"); // recharge's agents work around the clock
    }

    @Test
    @DisplayName("on a holiday the caller hears it is a holiday, and the hand-off names the next working day")
    void holiday() throws Exception {
        clock.set(at("2026-10-01T10:00"));
        R r = dialer.call(LI_WEI, "0");
        assertThat(r.said()).contains("Today is a public holiday").contains("2026-10-02");
        assertThat(r.ending().reason()).isEqualTo(Reason.HANGUP);
        assertThat(nodes(r.callId())).contains("main/agents_holiday");
    }

    @Test
    @DisplayName(
            "an announcement switched on plays right after the greeting once its audio exists, and from the next call on after it is switched off, no more")
    void announcementOnAndOff() throws Exception {
        clock.set(at("2026-12-02T15:00"));
        var desk = hotline().announcements();
        Announcement a = desk.create(
                new Draft(
                        "bank card recharges failing",
                        Map.of(
                                "en",
                                        "We know recharges by bank card are failing since two o'clock. Your money is safe.",
                                "zh", "我们知道银行卡充值自两点起失败，您的资金是安全的。"),
                        Set.of(),
                        at("2026-12-02T14:00"),
                        at("2026-12-02T20:00"),
                        Announcement.Audio.SYNTHESIZED),
                "ada");
        desk.switchTo(a.id(), true, "ada");
        assertThat(desk.prepareAudioNow(a.id())).isTrue();
        assertThat(sounds.resolve("en/announcement." + a.id() + ".wav")).exists();
        assertThat(sounds.resolve("zh/announcement." + a.id() + ".wav")).exists();
        switchHas("hotline/en/announcement." + a.id(), "hotline/zh/announcement." + a.id());

        R on = dialer.call(LI_WEI, "");
        List<String> said = on.transcript().prompts();
        assertThat(said.get(0)).contains("Welcome to Wallet customer service");
        assertThat(said.get(1)).contains("recharges by bank card are failing");
        if (played(on) != null) {
            assertThat(played(on)).contains("hotline/en/announcement." + a.id());
        }
        assertThat(single("select count(*) from audit_log where action = 'announcement.on' and subject = 'announcement "
                        + a.id() + "'"))
                .isEqualTo("1");

        desk.switchTo(a.id(), false, "ada");
        R off = dialer.call(LI_WEI, "");
        assertThat(off.said()).doesNotContain("recharges by bank card are failing");
        if (played(off) != null) {
            assertThat(played(off)).doesNotContain("hotline/en/announcement." + a.id());
        }
        assertThat(single(
                        "select count(*) from audit_log where action = 'announcement.off' and subject = 'announcement "
                                + a.id() + "'"))
                .isEqualTo("1");
    }

    @Test
    @DisplayName(
            "an announcement for the recharge journey plays there, not at the greeting; one waiting for its recording plays nowhere")
    void journeyAnnouncementAndMissingAudio() throws Exception {
        clock.set(at("2026-12-02T15:00"));
        var desk = hotline().announcements();
        Announcement recharge = desk.create(
                new Draft(
                        "recharge note",
                        Map.of("en", "Recharges are slow today.", "zh", "今天充值较慢。"),
                        Set.of("recharge"),
                        at("2026-12-02T14:00"),
                        at("2026-12-02T20:00"),
                        Announcement.Audio.SYNTHESIZED),
                "ada");
        Announcement recorded = desk.create(
                new Draft(
                        "recorded note",
                        Map.of("en", "A recorded notice.", "zh", "录音通知。"),
                        Set.of(),
                        at("2026-12-02T14:00"),
                        at("2026-12-02T20:00"),
                        Announcement.Audio.RECORDING),
                "ada");
        desk.switchTo(recharge.id(), true, "ada");
        desk.switchTo(recorded.id(), true, "ada");
        assertThat(desk.prepareAudioNow(recharge.id())).isTrue();
        assertThat(desk.prepareAudioNow(recorded.id())).isFalse(); // nobody has put the recording in place
        assertThat(desk.find(recorded.id()).orElseThrow().status(clock.instant()))
                .isEqualTo(Announcement.Status.WAITING_FOR_AUDIO);
        switchHas("hotline/en/announcement." + recharge.id(), "hotline/zh/announcement." + recharge.id());

        R r = dialer.call(LI_WEI, "1 2468#");
        List<String> said = r.transcript().prompts();
        int greeting = indexOf(said, "Welcome to Wallet");
        int menu = indexOf(said, "If a recharge failed, press 1");
        int note = indexOf(said, "Recharges are slow today.");
        assertThat(note).isGreaterThan(menu).isGreaterThan(greeting);
        assertThat(r.said()).doesNotContain("A recorded notice.");
        desk.switchTo(recharge.id(), false, "ada");
        desk.switchTo(recorded.id(), false, "ada");
    }

    private static int indexOf(List<String> said, String text) {
        for (int i = 0; i < said.size(); i++) {
            if (said.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private List<String> nodes(String callId) throws Exception {
        String path = hotline().sessions().find(callId).orElseThrow().pathJson();
        List<String> out = new java.util.ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(path)
                .forEach(step -> out.add(
                        step.path("flow").asText() + "/" + step.path("node").asText()));
        return out;
    }

    private String single(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
