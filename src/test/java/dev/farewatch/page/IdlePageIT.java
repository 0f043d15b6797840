package dev.farewatch.page;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server closes a connection that follows nothing (1008): the page then waits quietly instead of
 * reconnecting in a loop, and connects again when the traveller follows a flight.
 */
class IdlePageIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer(Map.of("farewatch.subscribeWithinSeconds", "2"));

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @Test
    void anIdlePagePausesAndResumesWhenAFlightIsFollowed() throws Exception {
        ChromeDriver browser = chromium.browser();
        browser.get(server.http("").toString());
        chromium.until(b -> b.findElements(By.cssSelector("li[data-flight-id]")).size() >= 100);

        chromium.until(b -> "paused".equals(b.findElement(By.id("status")).getAttribute("data-state")));
        chromium.screenshot("idle-page-paused");
        assertThat(server.inside().connections().count()).isZero();

        var row = browser.findElement(By.cssSelector("li[data-flight-id]"));
        String flightId = row.getAttribute("data-flight-id");
        row.findElement(By.cssSelector("button.follow")).click();

        chromium.until(b -> "live".equals(b.findElement(By.id("status")).getAttribute("data-state")));
        By card = By.cssSelector("article.quote-card[data-flight-id='" + flightId + "']");
        chromium.until(b -> b.findElement(card).getAttribute("data-seq") != null);
        assertThat(server.inside().connections().count()).isEqualTo(1);
    }
}
