package dev.farewatch.testing;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/** Debian's Chromium, headless, driven through Debian's chromedriver: nothing downloads a browser. */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    public static ChromeDriver start() throws IOException {
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

    /** Saves what the browser shows under target/screenshots, named for the test and the target. */
    public static void screenshot(ChromeDriver browser, String name) throws IOException {
        Path screenshots = Files.createDirectories(Path.of(System.getProperty("farewatch.screenshots", "target/screenshots")));
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(),
                screenshots.resolve(name + "-" + Target.current().name().toLowerCase(Locale.ROOT) + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
