package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.db.TestDatabase;
import io.hotline.emulator.ami.AmiEmulator;
import io.hotline.emulator.ami.AmiTranscript;
import io.hotline.server.Hotline;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console in a browser with two Asterisk servers behind it (two fake Asterisks, as {@link MultiPbxIT}): the
 * board's waiting callers and the screen pop carry a small label naming the server the call is on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Two Asterisk servers in the console page")
class MultiPbxBrowserIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private Hotline hotline;
    private AmiEmulator pbxA;
    private AmiEmulator pbxB;
    private Console console;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        hotline = Hotline.onDatabase(DB.database(), Path.of("ivr-flows"), Clock.systemDefaultZone());
        pbxA = new AmiEmulator(AmiTranscript.load("ami-queue.txt"), "hotline", "secret-a");
        pbxB = new AmiEmulator(AmiTranscript.load("ami-queue.txt"), "hotline", "secret-b");
        console = MultiPbxIT.console(hotline, DB, pbxA, pbxB);
        browser = new Browser(console.port());
    }

    @AfterAll
    void stop() throws Exception {
        try (Browser b = browser) {
            console.close();
            pbxA.close();
            pbxB.close();
            hotline.close();
        }
    }

    private List<String> shownServers(String css) {
        return browser.driver.findElements(By.cssSelector(css)).stream()
                .filter(WebElement::isDisplayed)
                .map(WebElement::getText)
                .toList();
    }

    @Test
    @DisplayName("the board's callers and alice's pop name the server each call is on")
    void boardAndPopShowTheServer() throws Exception {
        String onA = MultiPbxIT.stolenTicket(hotline);
        String onB = MultiPbxIT.stolenTicket(hotline);
        String sameId = "1795397777." + MultiPbxIT.SEQ.incrementAndGet(); // both Asterisks gave their caller this id
        browser.signIn("alice", TestUsers.PASSWORD);
        browser.until(d -> d.findElement(By.id("ami:pbx-b-state")).getText().contains("connected"));

        pbxA.emit(MultiPbxIT.recorded(onA, sameId, 0, 0.5145));
        pbxB.emit(MultiPbxIT.recorded(onB, sameId, 0, 0.5145));
        browser.until(
                d -> shownServers("[data-queue='fraud'] tr.caller .server-name").size() == 2);
        assertThat(browser.find("[data-queue='fraud'] tr.caller[data-ticket='" + onA + "'] .ticket")
                        .getText())
                .isEqualTo(onA + " pbx-a");
        assertThat(browser.find("[data-queue='fraud'] tr.caller[data-ticket='" + onB + "'] .ticket")
                        .getText())
                .isEqualTo(onB + " pbx-b");
        browser.screenshot("multi-pbx-board", 1440);
        browser.screenshot("multi-pbx-board", 390, "#board");

        // pbx-b's caller rings alice and she is connected: her pop says pbx-b
        pbxB.emit(MultiPbxIT.recorded(onB, sameId, 0.5146, 5));
        WebElement pop = browser.find(".pop[data-state='active'][data-ticket='" + onB + "']");
        assertThat(browser.text(pop, ".server-name")).isEqualTo("pbx-b");
        // app_queue sends QueueCallerLeave after AgentConnect: the board drops the caller just after the pop
        browser.until(
                d -> shownServers("[data-queue='fraud'] tr.caller .server-name").size() == 1);
        assertThat(shownServers("[data-queue='fraud'] tr.caller .server-name")).containsExactly("pbx-a");
        browser.screenshot("multi-pbx-pop", 1440);
        browser.screenshot("multi-pbx-pop", 390, ".pop[data-state='active']");
    }
}
