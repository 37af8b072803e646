package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.CallInfo;
import io.hotline.db.TestDatabase;
import io.hotline.server.Hotline;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.Transcript;
import io.hotline.users.Users;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

@DisplayName("The admin flow pages in headless Chromium")
class AdminPagesBrowserIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @TempDir
    static Path flows;

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
        hotline = Hotline.onDatabase(DB.database(), flows, Clock.systemDefaultZone());
        for (String keys : List.of("1 2468#", "0", "5 2 2")) {
            var info = new CallInfo("adm-" + keys.hashCode(), "13800138000", "", "en", "main", "sim", Map.of());
            hotline.engine().run(new SimCall(info, new ScriptedCaller(keys), null), new Transcript());
        }
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
    @DisplayName(
            "an admin opens a flow, sees it drawn, breaks it and sees the error at its line, fixes it and publishes")
    void editCheckFixPublish() throws IOException {
        int startLine = lineOf(flows.resolve("main.yaml"), "start: welcome");
        browser.signIn("admin", TestUsers.PASSWORD);
        browser.find("#admin-link").click();
        browser.until(d -> d.getCurrentUrl().endsWith("/admin.html"));
        browser.until(d -> d.findElement(By.id("serving")).getText().equals("v1"));
        browser.find("button.flow[data-flow='main']").click();
        browser.until(d -> d.findElement(By.id("yaml")).getDomProperty("value").contains("start: welcome"));
        browser.find("#graph g.gnode[data-node='main_menu']");
        browser.find("#graph path.edge[data-from='main_menu'][data-to='recharge']");

        edit("start: welcome", "start: welcom");
        browser.driver.findElement(By.id("check")).click();
        WebElement problem = browser.find("li.problem.here[data-line='" + startLine + "']");
        assertThat(problem.getText()).contains("line " + startLine).contains("'welcom'");
        browser.find("#gutter .bad[data-line='" + startLine + "']");
        browser.until(d -> d.findElement(By.id("status")).getText().contains("not publishable"));

        edit("start: welcom\n", "start: welcome\n");
        edit("Welcome to Wallet customer service.", "Welcome to Wallet, edited by an admin.");
        browser.driver.findElement(By.id("check")).click();
        browser.until(d -> d.findElement(By.id("status")).getText().equals("no problems"));
        assertThat(browser.driver.findElements(By.cssSelector("li.problem"))).isEmpty();
        browser.driver.findElement(By.id("publish")).click();
        browser.until(d -> d.findElement(By.id("status")).getText().equals("published as v2"));

        browser.until(d -> d.findElement(By.id("serving")).getText().equals("v2"));
        assertThat(browser.find("tr.version[data-version='2'] .by").getText()).isEqualTo("admin");
        assertThat(hotline.flows().current().version()).isEqualTo(2);
        assertThat(Files.readString(flows.resolve("main.yaml"))).contains("Welcome to Wallet, edited by an admin.");
        assertThat(single("select actor from audit_log where action = 'flows.publish' and subject = 'flows v2'"))
                .isEqualTo("admin");
        browser.find("tr.journey[data-journey='recharge']");
    }

    @Test
    @DisplayName("an agent or a supervisor cannot reach the admin pages or their API")
    void othersAreRefused() {
        for (String login : List.of("alice", "sam")) {
            browser.signIn(login, TestUsers.PASSWORD);
            assertThat(browser.driver.findElement(By.id("admin-link")).isDisplayed())
                    .isFalse();
            assertThat(browser.api("GET", "/api/admin/flows", null)).isEqualTo("403 admins only");
            assertThat(browser.api("POST", "/api/admin/rollback", "{\"version\": 1}"))
                    .isEqualTo("403 admins only");
            browser.open("/admin.html");
            assertThat(browser.driver.findElement(By.tagName("body")).getText())
                    .contains("403")
                    .contains("admins only");
        }
        assertThat(hotline.publisher().versions().list(10))
                .extracting(v -> v.publishedBy())
                .doesNotContain("alice", "sam");
    }

    /** Replaces text in the editor as typing would, and lets the page hear the input. */
    static void edit(String from, String to) {
        browser.replaceIn(By.id("yaml"), from, to);
    }

    static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
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
