package nl.ggk.hub.portal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's chromium and chromium-driver) driven by Selenium, with what the portal tests do
 * on every page: log in, wait for text, take a screenshot under target/portal-screenshots/, and run axe-core.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMEDRIVER = Path.of(System.getProperty("ggk.test.chromedriver", "/usr/bin/chromedriver"));
    static final Path CHROMIUM = Path.of(System.getProperty("ggk.test.chromium", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");
    static final String PASSWORD = "Welkom-demo-2026";

    final ChromeDriver driver;
    final Path downloads;
    private final String base;
    private final WebDriverWait wait;

    /** Why the browser tests cannot run here, or null when they can. */
    static String missing() {
        if (!Files.isExecutable(CHROMEDRIVER)) {
            return "no chromedriver at " + CHROMEDRIVER + " (Debian package chromium-driver; .ci/run installs it)";
        }
        if (!Files.isExecutable(CHROMIUM)) {
            return "no Chromium at " + CHROMIUM + " (Debian package chromium; .ci/run installs it)";
        }
        return null;
    }

    Browser(int port) throws IOException {
        base = "http://127.0.0.1:" + port;
        downloads = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "downloads-");
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=nl-NL", "--disable-search-engine-choice-screen");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("safebrowsing.enabled", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        wait = new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(100));
    }

    void open(String hash) {
        driver.get(base + "/" + hash);
    }

    /** Logs in through the login form (after logging out whoever was logged in). */
    void logIn(String user) {
        driver.manage().deleteAllCookies();
        // a fresh page load: only the hash differing, the browser would keep the page (and what the form holds)
        driver.get("about:blank");
        open("#/inloggen");
        WebElement name = await(By.id("gebruikersnaam"));
        name.clear();
        name.sendKeys(user);
        driver.findElement(By.id("wachtwoord")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("uitloggen")));
        awaitText(By.id("gebruiker-naam"), "–");
    }

    WebElement await(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void awaitText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    void awaitText(By by, String text, Duration within) {
        new WebDriverWait(driver, within, Duration.ofMillis(200))
                .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** The element's text, found again when the page re-drew it between finding and reading (its figures refresh). */
    String text(By by) {
        return fresh(() -> driver.findElement(by).getText());
    }

    /**
     * {@code read} again (a few times) when the page re-drew an element it found before reading it: pages that refresh
     * their figures replace their rows every few seconds.
     */
    <T> T fresh(java.util.function.Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs {@code script} in the page as an async function whose result comes back (e.g. a fetch). */
    Object asyncScript(String body, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "(async () => { " + body + " })(...arguments).then(done, e => done('error: ' + e));", args);
    }

    /** A full-page PNG under target/portal-screenshots/{name}.png. */
    Path screenshot(String name) {
        Dimension before = driver.manage().window().getSize();
        try {
            long height = ((Number) script("return Math.max(document.documentElement.scrollHeight, "
                    + "document.body.scrollHeight);")).longValue();
            driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(Math.max(height + 140,
                    before.getHeight()), 4000)));
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** axe-core on the page as it is now: no violation of impact serious or critical. */
    void assertAccessible(String page) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
                .analyze(driver);
        List<Rule> bad = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .toList();
        assertThat(bad).as("axe-core on %s: %s", page, bad.stream()
                .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                        + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "))).isEmpty();
    }

    /** The page does not scroll sideways (WCAG 1.4.10 reflow) at the window's current width. */
    boolean scrollsSideways() {
        return (Boolean) script("return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;");
    }

    WebDriver.Window window() {
        return driver.manage().window();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
