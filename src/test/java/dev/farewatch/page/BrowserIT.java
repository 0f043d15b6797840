package dev.farewatch.page;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.Prerequisites;
import dev.farewatch.testing.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** A traveller's view: Debian's headless Chromium opens the page and follows a flight. */
class BrowserIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer();

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws Exception {
        Path chromium = Prerequisites.requireExecutable("/usr/bin/chromium", "apt-get install -y chromium");
        Path driver = Prerequisites.requireExecutable("/usr/bin/chromedriver", "apt-get install -y chromium-driver");
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1280,900",
                        "--user-data-dir=" + Files.createTempDirectory("farewatch-chromium"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build(), options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aTravellerFollowsAFlightAndWatchesItsPriceTick() throws Exception {
        browser.get(server.http("").toString());
        assertThat(browser.getTitle()).contains("Farewatch");
        wait.until(b -> "live".equals(b.findElement(By.id("status")).getAttribute("data-state")));
        wait.until(b -> b.findElements(By.cssSelector("li[data-flight-id]")).size() >= 100);

        WebElement row = browser.findElement(By.cssSelector("li[data-flight-id]"));
        String flightId = row.getAttribute("data-flight-id");
        row.findElement(By.cssSelector("button.follow")).click();

        By cardSelector = By.cssSelector("article.quote-card[data-flight-id='" + flightId + "']");
        WebElement card = wait.until(b -> b.findElements(cardSelector).stream()
                .filter(c -> c.getAttribute("data-seq") != null).findFirst().orElse(null));
        long firstSeq = Long.parseLong(card.getAttribute("data-seq"));
        String firstPrice = card.findElement(By.cssSelector(".price")).getText();
        assertThat(firstPrice).matches(".*\\d.*");

        wait.until(b -> Long.parseLong(b.findElement(cardSelector).getAttribute("data-seq")) >= firstSeq + 3
                && !b.findElement(cardSelector).findElement(By.cssSelector(".price")).getText().equals(firstPrice));
        WebElement ticking = browser.findElement(cardSelector);
        assertThat(ticking.findElement(By.cssSelector(".change")).getText()).isNotBlank();
        assertThat(ticking.findElement(By.cssSelector(".updated")).getText()).isNotBlank();
        assertThat(ticking.findElements(By.cssSelector(".chart"))).isNotEmpty();

        Path screenshots = Files.createDirectories(Path.of(System.getProperty("farewatch.screenshots", "target/screenshots")));
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshots.resolve("follows-a-flight-" + Target.current().name().toLowerCase(Locale.ROOT) + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
