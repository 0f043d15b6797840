package dev.farewatch.page;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A traveller's view: Debian's headless Chromium opens the page and follows a flight. */
class BrowserIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer();

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @Test
    void aTravellerFollowsAFlightAndWatchesItsPriceTick() throws Exception {
        ChromeDriver browser = chromium.browser();
        browser.get(server.http("").toString());
        assertThat(browser.getTitle()).contains("Farewatch");
        chromium.until(b -> "live".equals(b.findElement(By.id("status")).getAttribute("data-state")));
        chromium.until(b -> b.findElements(By.cssSelector("li[data-flight-id]")).size() >= 100);

        WebElement row = browser.findElement(By.cssSelector("li[data-flight-id]"));
        String flightId = row.getAttribute("data-flight-id");
        row.findElement(By.cssSelector("button.follow")).click();

        By cardSelector = By.cssSelector("article.quote-card[data-flight-id='" + flightId + "']");
        // The card exists before its first price (data-seq empty); the price text may paint a frame after the seq.
        WebElement card = chromium.until(b -> b.findElements(cardSelector).stream()
                .filter(c -> c.getAttribute("data-seq") != null && !c.getAttribute("data-seq").isEmpty())
                .filter(c -> !c.findElement(By.cssSelector(".price")).getText().isEmpty())
                .findFirst().orElse(null));
        long firstSeq = Long.parseLong(card.getAttribute("data-seq"));
        String firstPrice = card.findElement(By.cssSelector(".price")).getText();
        assertThat(firstPrice).matches(".*\\d.*");

        chromium.until(b -> Long.parseLong(b.findElement(cardSelector).getAttribute("data-seq")) >= firstSeq + 3
                && !b.findElement(cardSelector).findElement(By.cssSelector(".price")).getText().equals(firstPrice));
        WebElement ticking = browser.findElement(cardSelector);
        assertThat(ticking.findElement(By.cssSelector(".change")).getText()).isNotBlank();
        assertThat(ticking.findElement(By.cssSelector(".updated")).getText()).isNotBlank();
        assertThat(ticking.findElements(By.cssSelector(".chart"))).isNotEmpty();

        chromium.screenshot("follows-a-flight");
    }

    @Test
    void aPageThatLostItsConnectionResumesAndItsChartHasNoHole() throws Exception {
        ChromeDriver browser = chromium.browser();
        browser.get(server.http("").toString());
        chromium.until(b -> b.findElements(By.cssSelector("li[data-flight-id]")).size() >= 100);
        WebElement row = browser.findElements(By.cssSelector("li[data-flight-id]")).get(40);
        String flightId = row.getAttribute("data-flight-id");
        row.findElement(By.cssSelector("button.follow")).click();
        String card = "article.quote-card[data-flight-id='" + flightId + "']";
        long[] before = chromium.until(b -> chart(browser, card).filter(c -> c[0] >= 0 && c[1] >= 2).orElse(null));

        // The page's own handler for a lost network: it drops its WebSocket and reconnects.
        browser.executeScript("window.dispatchEvent(new Event('offline'))");
        // Only a resumed subscription is answered with "recovered": set once the page is back.
        chromium.until(b -> "true".equals(b.findElement(By.cssSelector(card)).getAttribute("data-recovered")));
        long[] after = chromium.until(b -> chart(browser, card).filter(c -> c[0] >= before[0] + 3).orElse(null));

        // No hole and no repeat: the card took exactly one price per seq.
        assertThat(after[0] - after[1]).as("seq minus prices the card took").isEqualTo(before[0] - before[1]);
        chromium.screenshot("resumed-after-reconnect");
    }

    /**
     * The card's latest seq and how many prices it has taken (its chart keeps one point a minute, so
     * counts them apart), read in one step so that no price falls between them.
     */
    private static Optional<long[]> chart(ChromeDriver browser, String card) {
        Object read = browser.executeScript("const c = document.querySelector(arguments[0]);"
                + "return c && c.dataset.seq ? [Number(c.dataset.seq), Number(c.dataset.ticks)] : null;", card);
        if (!(read instanceof List<?> pair)) {
            return Optional.empty();
        }
        return Optional.of(new long[] {((Number) pair.get(0)).longValue(), ((Number) pair.get(1)).longValue()});
    }
}
