package dev.farewatch.page;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server closes a connection that follows nothing (1008): the page then waits quietly instead of
 * reconnecting in a loop, and connects again when the traveller follows a flight.
 */
class IdlePageIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer(Map.of("farewatch.subscribeWithinSeconds", "2"));

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anIdlePagePausesAndResumesWhenAFlightIsFollowed() throws Exception {
        browser.get(server.http("").toString());
        wait.until(b -> b.findElements(By.cssSelector("li[data-flight-id]")).size() >= 100);

        wait.until(b -> "paused".equals(b.findElement(By.id("status")).getAttribute("data-state")));
        HeadlessChromium.screenshot(browser, "idle-page-paused");
        assertThat(server.inside().connections().count()).isZero();

        var row = browser.findElement(By.cssSelector("li[data-flight-id]"));
        String flightId = row.getAttribute("data-flight-id");
        row.findElement(By.cssSelector("button.follow")).click();

        wait.until(b -> "live".equals(b.findElement(By.id("status")).getAttribute("data-state")));
        By card = By.cssSelector("article.quote-card[data-flight-id='" + flightId + "']");
        wait.until(b -> b.findElement(card).getAttribute("data-seq") != null);
        assertThat(server.inside().connections().count()).isEqualTo(1);
    }
}
