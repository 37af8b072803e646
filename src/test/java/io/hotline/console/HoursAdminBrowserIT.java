package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.announcements.Announcement;
import io.hotline.announcements.Draft;
import io.hotline.connectors.MemoryGateway;
import io.hotline.connectors.WalletConfig;
import io.hotline.db.MutableClock;
import io.hotline.db.TestDatabase;
import io.hotline.flow.Calendar;
import io.hotline.hours.OpeningHours;
import io.hotline.server.Hotline;
import io.hotline.users.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The admin page's opening hours and announcements in headless Chromium, on a clock the test sets (Monday
 * 2026-12-07, 23:30 in Shanghai): the admin gives general support weekday hours, a holiday and a closure through
 * the page's editor, sees the queue closed and when it opens; writes an announcement, switches it on, sees it live;
 * a supervisor sees it on the console. Screenshots at 1440 and 390 px in target/screenshots.
 */
@DisplayName("Opening hours and announcements on the admin page in headless Chromium")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HoursAdminBrowserIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @TempDir
    static Path flows;

    @TempDir
    static Path sounds;

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-07T15:30:00Z"));
    static Hotline hotline;
    static Console console;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("ivr-flows"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.copy(p, flows.resolve(p.getFileName().toString()));
            }
        }
        hotline = Hotline.onDatabase(DB.database(), flows, CLOCK, new MemoryGateway(), WalletConfig.builtin(), sounds);
        Users users = TestUsers.create(DB.dataSource());
        console = Console.start(hotline.consoleSetup(ConsoleConfig.forTests(1_000, Duration.ofSeconds(60)), users));
        browser = new Browser(console.port());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            browser.close();
        } finally {
            console.close();
            hotline.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName(
            "an admin gives a queue hours, a holiday and a closure on the page and sees it closed until it opens; writes an announcement, switches it on and sees it live, as a supervisor does on the console")
    void calendarAndAnnouncement() throws Exception {
        browser.signIn("admin", TestUsers.PASSWORD);
        browser.open("/admin.html");
        browser.until(d -> d.findElement(By.id("serving")).getText().equals("v1"));
        // the shipped calendar: every queue around the clock
        browser.find("#calendar-now tr.cal-queue[data-queue='general-support'][data-now='open']");
        assertThat(browser.text(By.cssSelector("#calendar-now tr.cal-queue[data-queue='fraud'] .cal-week")))
                .isEqualTo("always");

        browser.find("#edit-calendar").click();
        browser.until(d -> d.findElement(By.id("yaml")).getDomProperty("value").contains("general-support: always"));
        assertThat(browser.driver.findElement(By.id("graph")).isDisplayed()).isFalse();
        edit("  general-support: always\n", "  general-support:\n    mon-fri: \"08:00-22:00\"\n");
        edit("holidays: []", "holidays:\n  - { date: 2026-12-25, name: Christmas Day, queues: [general-support] }");
        edit(
                "closures: []",
                "closures:\n  - { from: 2026-12-08T08:00, until: 2026-12-08T12:00, reason: Staff training,"
                        + " queues: [general-support] }");
        browser.driver.findElement(By.id("check")).click();
        browser.until(d -> d.findElement(By.id("status")).getText().equals("no problems"));
        // the check shows what the edit would do, before it is published
        browser.find("#calendar-view tr.cal-queue[data-queue='general-support'][data-now='closed']");
        browser.find("#calendar-now tr.cal-queue[data-queue='general-support'][data-now='open']");

        browser.driver.findElement(By.id("publish")).click();
        browser.until(d -> d.findElement(By.id("status")).getText().equals("published as v2"));
        WebElement gs = browser.find("#calendar-now tr.cal-queue[data-queue='general-support'][data-now='closed']");
        assertThat(gs.findElement(By.cssSelector(".cal-week")).getText()).isEqualTo("Mon–Fri 08:00-22:00");
        // 23:30 on a Monday: Tuesday 08:00 would open it, but training closes it until noon
        assertThat(gs.findElement(By.cssSelector(".cal-opens")).getText()).isEqualTo("Tue 8 Dec 2026 12:00");
        String coming = browser.text(By.cssSelector("#calendar-now .cal-coming"));
        assertThat(coming).contains("2026-12-25 holiday: Christmas Day (general-support)");
        assertThat(coming).contains("2026-12-08 08:00 – 2026-12-08 12:00 closed: Staff training (general-support)");
        assertThat(Files.readString(flows.resolve(Calendar.FILE))).contains("Staff training");
        OpeningHours published = OpeningHours.published(hotline.flows());
        assertThat(published.openAt("general-support", CLOCK.instant())).isFalse();
        assertThat(published.nextOpening("general-support", CLOCK.instant()))
                .contains(Instant.parse("2026-12-08T04:00:00Z"));
        browser.screenshot("admin-calendar", 1440, "#calendar-card");
        browser.screenshot("admin-calendar", 390, "#calendar-card");

        // an announcement for everyone, from now for two hours (the form's defaults)
        scrollTo("#announcements-card");
        browser.find("#ann-text-en");
        browser.type(By.id("ann-title"), "Bank card recharges failing");
        browser.type(
                By.id("ann-text-en"),
                "Recharges by bank card are failing since 14:00. Your money is safe; no need to wait for an agent.");
        browser.type(By.id("ann-text-zh"), "银行卡充值自14点起失败。您的资金安全，无需等待人工服务。");
        browser.driver.findElement(By.id("ann-save")).click();
        browser.until(d -> d.findElement(By.id("ann-status")).getText().startsWith("saved"));
        WebElement row = browser.find("tr.announcement[data-status='off']");
        String id = row.getDomAttribute("data-id");
        assertThat(row.getText()).contains("Bank card recharges failing").contains("everyone");

        // a supervisor's console already open hears of it without reloading
        try (ConsoleClient sam = ConsoleClient.signedIn(console.port(), "sam", TestUsers.PASSWORD)
                .connect()) {
            browser.find("tr.announcement[data-id='" + id + "'] button.ann-on").click();
            JsonObject board = sam.await(
                    m -> "board".equals(m.getString("type"))
                            && !m.getJsonArray("announcements", new JsonArray()).isEmpty(),
                    Duration.ofSeconds(20));
            assertThat(board.getJsonArray("announcements").getJsonObject(0).getString("title"))
                    .isEqualTo("Bank card recharges failing");
        }
        WebElement live = browser.find("tr.announcement[data-id='" + id + "'][data-status='live']");
        assertThat(live.findElement(By.cssSelector(".ann-status")).getText()).isEqualTo("live");
        assertThat(sounds.resolve("en/announcement." + id + ".wav")).exists();
        assertThat(sounds.resolve("zh/announcement." + id + ".wav")).exists();
        assertThat(single("select actor from audit_log where action = 'announcement.on' and subject = 'announcement "
                        + id + "'"))
                .isEqualTo("admin");
        browser.screenshot("admin-announcements", 1440, "#announcements-card");
        browser.screenshot("admin-announcements", 390, "#announcements-card");

        // where supervisors look: the console's board
        browser.signIn("sam", TestUsers.PASSWORD);
        WebElement onBoard = browser.find("#announcements-live li.live-announcement[data-id='" + id + "']");
        assertThat(onBoard.getText()).contains("Bank card recharges failing").contains("everyone");
        browser.screenshot("console-announcement", 1440);
        browser.screenshot("console-announcement", 390);

        // switched off: the board no longer shows it on the next board message (a fresh console)
        browser.signIn("admin", TestUsers.PASSWORD);
        browser.open("/admin.html");
        browser.find("tr.announcement[data-id='" + id + "'] button.ann-off").click();
        browser.find("tr.announcement[data-id='" + id + "'][data-status='off']");
        browser.signIn("sam", TestUsers.PASSWORD);
        browser.find("#board");
        browser.until(d -> !d.findElements(By.cssSelector("#board .queue")).isEmpty());
        assertThat(browser.driver.findElements(By.cssSelector("li.live-announcement")))
                .isEmpty();
    }

    @Test
    @Order(2)
    @DisplayName(
            "an announcement scheduled for later reaches an open console when its time comes and leaves it when it ends, with nobody touching anything")
    void scheduledAnnouncementOnTheBoard() throws Exception {
        Instant start = CLOCK.instant();
        var desk = hotline.announcements();
        Announcement a = desk.create(
                new Draft(
                        "Planned maintenance tonight",
                        Map.of("en", "Card payments pause from 23:00 to 23:30 tonight.", "zh", "今晚23点至23点半暂停银行卡支付。"),
                        Set.of(),
                        start.plus(Duration.ofHours(1)),
                        start.plus(Duration.ofHours(2)),
                        Announcement.Audio.SYNTHESIZED),
                "admin");
        assertThat(desk.prepareAudioNow(a.id())).isTrue();
        desk.switchTo(a.id(), true, "admin");
        browser.driver.get("about:blank"); // no other console opens or closes meanwhile (each sends the board)
        try (ConsoleClient sam = ConsoleClient.signedIn(console.port(), "sam", TestUsers.PASSWORD)
                .connect()) {
            // the board sent on opening (a console is sent the board again only when it differs)
            assertThat(announced(sam.seenOrAwait(m -> "board".equals(m.getString("type")), Duration.ofSeconds(20))))
                    .isEmpty();

            // its start: the open console hears of it, with nothing else happening
            CLOCK.advance(Duration.ofHours(1));
            JsonObject started = sam.await(
                    m -> "board".equals(m.getString("type")) && !announced(m).isEmpty(), Duration.ofSeconds(20));
            assertThat(announced(started)).containsExactly("Planned maintenance tonight");

            // its end: gone again
            CLOCK.advance(Duration.ofHours(1));
            sam.await(m -> "board".equals(m.getString("type")) && announced(m).isEmpty(), Duration.ofSeconds(20));
        } finally {
            desk.switchTo(a.id(), false, "admin");
            CLOCK.set(start);
        }
    }

    static java.util.List<String> announced(JsonObject board) {
        return board.getJsonArray("announcements", new JsonArray()).stream()
                .map(o -> ((JsonObject) o).getString("title"))
                .toList();
    }

    /** Replaces text in the editor as typing would, and lets the page hear the input. */
    static void edit(String from, String to) {
        browser.replaceIn(By.id("yaml"), from, to);
    }

    static void scrollTo(String css) {
        ((JavascriptExecutor) browser.driver)
                .executeScript("arguments[0].scrollIntoView({block: 'start'});", browser.find(css));
    }

    static String single(String sql) {
        try (Connection c = DB.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
