package io.hotline.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for a test class (Debian's {@code chromium} and {@code chromium-driver}, installed by
 * {@code scripts/install-test-deps.sh}), with a throw-away profile.
 */
public final class Browser implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);
    final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    final String base;

    public Browser(int port) throws IOException {
        profile = Files.createTempDirectory("hotline-chromium-");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=1400,1000");
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
        base = "http://127.0.0.1:" + port;
    }

    /**
     * Saves what the browser shows as {@code target/screenshots/<name>-<width>.png} at {@code width} px wide
     * (for a person to look at), and puts the window back as it was.
     */
    public void screenshot(String name, int width) throws IOException {
        var size = driver.manage().window().getSize();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, width < 600 ? 844 : 900));
        Path dir = Files.createDirectories(Path.of("target/screenshots"));
        Files.write(
                dir.resolve(name + "-" + width + ".png"), driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        driver.manage().window().setSize(size);
    }

    /** As {@link #screenshot(String, int)}, with the element {@code css} scrolled to the top first. */
    public void screenshot(String name, int width, String css) throws IOException {
        var size = driver.manage().window().getSize();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, width < 600 ? 844 : 900));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'});", find(css));
        Path dir = Files.createDirectories(Path.of("target/screenshots"));
        Files.write(
                dir.resolve(name + "-" + width + ".png"), driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        driver.manage().window().setSize(size);
    }

    /** Replaces {@code from} by {@code to} in a text area as typing would, and lets the page hear the input. */
    public void replaceIn(By area, String from, String to) {
        ((JavascriptExecutor) driver).executeScript("""
                const a = arguments[0];
                if (!a.value.includes(arguments[1])) throw new Error('not in the editor: ' + arguments[1]);
                a.value = a.value.replace(arguments[1], arguments[2]);
                a.dispatchEvent(new Event('input'));""", driver.findElement(area), from, to);
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public void signOutEverywhere() {
        open("/signin.html");
        driver.manage().deleteAllCookies();
    }

    public void signIn(String login, String password) {
        signOutEverywhere();
        open("/signin.html");
        until(d -> d.findElement(By.id("login")).isDisplayed());
        type(By.id("login"), login);
        type(By.id("password"), password);
        driver.findElement(By.id("signin")).click();
        until(d -> d.getCurrentUrl().endsWith("/console.html")
                && !d.findElement(By.id("me")).getText().isEmpty());
    }

    public void type(By by, String text) {
        WebElement e = driver.findElement(by);
        e.clear();
        e.sendKeys(text);
    }

    public <T> T until(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT)
                .withMessage(() -> "page " + driver.getCurrentUrl() + ": "
                        + driver.findElement(org.openqa.selenium.By.tagName("body"))
                                .getText())
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    /** Waits until the element has some text and returns it. */
    public String text(By by) {
        return until(d -> {
            String t = d.findElement(by).getText();
            return t.isEmpty() ? null : t;
        });
    }

    /** As {@link #text(By)}, inside an element. */
    public String text(WebElement in, String css) {
        return until(d -> {
            String t = in.findElement(By.cssSelector(css)).getText();
            return t.isEmpty() ? null : t;
        });
    }

    /**
     * On a supervisor's board, gives the waiting caller of the row {@code callerRow} (CSS) to {@code login} with the
     * row's Give, once the agent is offered there. The board is drawn again on every change: the row is picked and
     * clicked as it is at that moment.
     */
    public void give(String callerRow, String login) {
        until(d -> {
            WebElement row = d.findElement(By.cssSelector(callerRow));
            if (row.findElements(By.cssSelector("select.assign-to option[value='" + login + "']"))
                    .isEmpty()) {
                return false;
            }
            new org.openqa.selenium.support.ui.Select(row.findElement(By.cssSelector("select.assign-to")))
                    .selectByValue(login);
            row.findElement(By.cssSelector("button.assign")).click();
            return true;
        });
    }

    /** On the card of {@code ticket}: types {@code note}, saves it with Add note, and waits until the card lists it. */
    public void addNote(String ticket, String note) {
        String pop = ".pop[data-ticket='" + ticket + "']";
        find(pop + " textarea.note").sendKeys(note);
        find(pop + " button.add-note").click();
        until(d -> d.findElement(By.cssSelector(pop + " .notes-list")).getText().contains(note));
    }

    /**
     * On the active card of {@code ticket}: types {@code note} for the next agent and transfers the call to
     * {@code to} (a value of the card's transfer list: {@code queue:<name>} or {@code agent:<login>}).
     */
    public void transfer(String ticket, String note, String to) {
        WebElement active = find(".pop[data-ticket='" + ticket + "'][data-state='active']");
        active.findElement(By.cssSelector("textarea.note")).sendKeys(note);
        new org.openqa.selenium.support.ui.Select(active.findElement(By.cssSelector("select.transfer-to")))
                .selectByValue(to);
        active.findElement(By.cssSelector("button.transfer")).click();
    }

    public WebElement find(String css) {
        return until(d -> d.findElement(By.cssSelector(css)));
    }

    /** Runs the page's own {@code Hotline.api} and returns "status message" of what came back. */
    public String api(String method, String path, String jsonBody) {
        Object r = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                Hotline.api(arguments[0], arguments[1], arguments[2] ? JSON.parse(arguments[2]) : undefined)
                  .then(() => done("200 ok"), (e) => done(e.status + " " + e.message));""", method, path, jsonBody);
        return String.valueOf(r);
    }

    public WebDriver driver() {
        return driver;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
