package dev.farewatch.page;

import dev.farewatch.testing.ApiClient;
import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A traveller follows a flight that a fare team then takes off sale through the API. */
class RemovedFlightPageIT {

    private static final String TOKEN = "page-token-0123456789";

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer(Map.of("farewatch.apiToken", TOKEN));

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @Test
    void aFollowedFlightTakenOffSaleLeavesThePageWithAMessage() throws Exception {
        ChromeDriver browser = chromium.browser();
        browser.get(server.http("").toString());
        chromium.until(b -> b.findElements(By.cssSelector("li[data-flight-id]")).size() >= 100);
        int listed = browser.findElements(By.cssSelector("li[data-flight-id]")).size();
        WebElement row = browser.findElements(By.cssSelector("li[data-flight-id]")).get(3);
        String flightId = row.getAttribute("data-flight-id");
        row.findElement(By.cssSelector("button.follow")).click();
        By card = By.cssSelector("article.quote-card[data-flight-id='" + flightId + "']");
        chromium.until(b -> b.findElements(card).stream().anyMatch(c -> !c.getAttribute("data-seq").isEmpty()));

        assertThat(new ApiClient(server.http(""), TOKEN).delete("api/flights/" + flightId).status()).isEqualTo(204);

        chromium.until(b -> b.findElements(card).isEmpty());
        WebElement message = chromium.until(b -> b.findElements(By.cssSelector(".message[data-code='REMOVED']")).stream()
                .findFirst().orElse(null));
        assertThat(message.getText()).contains(flightId).contains("taken off sale");
        chromium.until(b -> b.findElements(By.cssSelector("li[data-flight-id]")).size() == listed - 1);
        assertThat(browser.findElements(By.cssSelector("li[data-flight-id='" + flightId + "']"))).isEmpty();
        chromium.screenshot("flight-taken-off-sale");
    }
}
