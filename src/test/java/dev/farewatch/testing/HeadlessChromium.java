package dev.farewatch.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (nothing downloads a browser), one
 * per test: {@code @RegisterExtension final HeadlessChromium chromium = new HeadlessChromium();}.
 */
public final class HeadlessChromium implements BeforeEachCallback, AfterEachCallback {

    private ChromeDriver browser;
    private WebDriverWait wait;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        browser = start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    public ChromeDriver browser() {
        return browser;
    }

    /** Waits, up to 15 s, until the condition on the browser holds, and returns what it returned. */
    public <T> T until(Function<WebDriver, T> condition) {
        return wait.until(condition);
    }

    /** Saves what the browser shows under target/screenshots, named for the test and the target. */
    public void screenshot(String name) throws IOException {
        Path screenshots = Files.createDirectories(Path.of(System.getProperty("farewatch.screenshots", "target/screenshots")));
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(),
                screenshots.resolve(name + "-" + Target.current().name().toLowerCase(Locale.ROOT) + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static ChromeDriver start() throws IOException {
        Path chromium = Prerequisites.requireExecutable("/usr/bin/chromium", "apt-get install -y chromium");
        Path driver = Prerequisites.requireExecutable("/usr/bin/chromedriver", "apt-get install -y chromium-driver");
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        // This machine's network is closed: Chromium's own background traffic only fails.
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1280,900",
                        "--user-data-dir=" + Files.createTempDirectory("farewatch-chromium"));
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build(), options);
    }
}
