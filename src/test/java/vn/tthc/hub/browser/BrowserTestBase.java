package vn.tthc.hub.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.tthc.hub.HubTestBase;

/**
 * Browser tests of the console in Debian's headless Chromium driven by Selenium, against the shared test hub.
 * The browser and its driver are the system's ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}, installed
 * by {@code scripts/ensure-chromium.sh} before the tests); Selenium Manager is never asked to download one.
 * Screenshots of the pages land in {@code target/screenshots/}.
 */
public abstract class BrowserTestBase extends HubTestBase {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("HUB_CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("HUB_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    protected static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(CHROMIUM + " or " + DRIVER + " missing under CI: scripts/ensure-chromium.sh should have installed them");
        }
        Assumptions.assumeTrue(present, "Debian chromium + chromium-driver are not installed: browser tests skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=vi");
        // the browser's console is read after each test: a CSP refusal or a script error fails it
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browser.manage().window().setSize(new Dimension(1400, 1000));
    }

    /**
     * Fails the test when the browser's console reported a refused resource or inline code (Content-Security-Policy)
     * or a script error on any page the test opened.
     */
    @org.junit.jupiter.api.AfterEach
    void noScriptErrorsOrPolicyRefusals() {
        if (browser == null) {
            return;
        }
        List<String> bad = browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()
                        || e.getMessage().contains("Content Security Policy") || e.getMessage().contains("Refused to"))
                // a page answering 403/404 on purpose is logged by the browser as a failed resource
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(m -> !m.contains("the server responded with a status of 4"))
                .toList();
        org.assertj.core.api.Assertions.assertThat(bad).as("browser console errors").isEmpty();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    /** Opens a page of the hub. */
    protected static void open(String path) {
        browser.get(url(path));
    }

    /** Signs out (if signed in) and signs in as the given user through the form. */
    protected static void signIn(String user, String password) {
        browser.manage().deleteAllCookies();
        open("/login?lang=vi");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        waitFor(d -> !d.getCurrentUrl().contains("/login") || !d.findElements(By.cssSelector(".message")).isEmpty());
    }

    protected static WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    protected static List<WebElement> findAll(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    protected static WebElement waitFor(String css) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    protected static <T> T waitFor(java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
        // htmx swaps parts of a page while a test waits: an element replaced under the condition is looked up again
        return new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    protected static Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts the page's confirm dialog (forms with data-confirm). */
    protected static void acceptConfirm() {
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
    }
}
