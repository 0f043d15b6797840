package dev.farewatch.page;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A traveller's view: Debian's headless Chromium opens the page and follows a flight. */
class BrowserIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer();

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

        HeadlessChromium.screenshot(browser, "follows-a-flight");
    }
}
