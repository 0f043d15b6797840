package dev.farewatch.page;

import dev.farewatch.testing.ApiClient;
import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A traveller follows a flight and sees its last hour at once, with a verdict on the price; sets an
 * alert below a price; a fare team files a fare under it through the API, and the page says so. After
 * a reload the flight is still followed and the alert still set, on the page and on the server.
 */
class HistoryAlertPageIT {

    private static final String TOKEN = "page-token-0123456789";
    private static final List<String> VERDICTS = List.of("Low price", "Typical", "High price");

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer(Map.of("farewatch.apiToken", TOKEN));

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    private final ApiClient api = new ApiClient(server.http(""), TOKEN);

    @Test
    void aFollowedFlightShowsItsHistoryAtOnceAndAnAlertSurvivesAReload() throws Exception {
        ChromeDriver browser = chromium.browser();
        String flightId = openAndFollow(browser, 7);
        By card = By.cssSelector("article.quote-card[data-flight-id='" + flightId + "']");

        // A simulated flight has a week of history the moment the server starts: the last hour is drawn
        // at once, a point a minute, not built up from live prices one second at a time.
        int historyPoints = chromium.until(b -> number(b, card, "data-history-points"));
        assertThat(historyPoints).isBetween(2, 60);
        int drawn = chromium.until(b -> number(b, By.cssSelector("article.quote-card[data-flight-id='" + flightId + "'] .chart"),
                "data-points"));
        assertThat(drawn).as("points on the chart").isGreaterThanOrEqualTo(historyPoints);
        WebElement verdict = chromium.until(b -> b.findElement(card).findElements(By.cssSelector(".verdict")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertThat(verdict.findElement(By.cssSelector(".verdict-text")).getText()).isIn(VERDICTS);
        assertThat(verdict.getAttribute("data-verdict")).isIn("low", "typical", "high");
        chromium.screenshot("history-at-once");

        // Alert below half the current price, then file a fare at a quarter of it.
        WebElement price = chromium.until(b -> b.findElement(card).findElements(By.cssSelector(".price[data-value]"))
                .stream().findFirst().orElse(null));
        BigDecimal now = new BigDecimal(price.getAttribute("data-value"));
        String currency = price.getAttribute("data-currency");
        BigDecimal below = now.divide(BigDecimal.valueOf(2), 0, RoundingMode.DOWN);
        BigDecimal fare = now.divide(BigDecimal.valueOf(4), 0, RoundingMode.DOWN);
        assertThat(fare).isPositive();
        WebElement input = browser.findElement(card).findElement(By.cssSelector("form.alert-form input.alert-input"));
        assertThat(browser.findElement(By.cssSelector("label[for='" + input.getAttribute("id") + "']")).getText())
                .contains("Alert me below");
        input.sendKeys(below.toPlainString());
        browser.findElement(card).findElement(By.cssSelector("form.alert-form button.alert-set")).click();
        By alertForm = By.cssSelector("article.quote-card[data-flight-id='" + flightId + "'] form.alert-form");
        chromium.until(b -> b.findElement(alertForm).getText().contains("Alert on: below"));
        assertThat(browser.findElement(alertForm).getAttribute("data-below")).isEqualTo(below.toPlainString());

        fileFare(flightId, fare, currency);

        WebElement banner = chromium.until(b -> b.findElements(
                By.cssSelector(".alert-banner[role='alert'][data-flight-id='" + flightId + "']")).stream().findFirst().orElse(null));
        assertThat(banner.getText()).contains(flightId).contains("below your alert");
        chromium.screenshot("alert-banner");

        // The connection drops (the page's handler for a lost network): the client sets the alert again on
        // its new connection, unarmed, as it was told of it already; a price above, then one under it, fire
        // it once more.
        By banners = By.cssSelector(".alert-banner[data-flight-id='" + flightId + "']");
        browser.executeScript("window.dispatchEvent(new Event('offline'))");
        chromium.until(b -> b.findElement(card).getAttribute("data-recovered") != null
                && "live".equals(b.findElement(By.id("status")).getAttribute("data-state")));
        fileFare(flightId, now, currency);
        chromium.until(b -> now.compareTo(new BigDecimal(b.findElement(card).findElement(By.cssSelector(".price[data-value]"))
                .getAttribute("data-value"))) == 0);
        assertThat(browser.findElements(banners)).as("no second banner for the price that stayed under").hasSize(1);
        fileFare(flightId, fare, currency);
        chromium.until(b -> b.findElements(banners).size() >= 2);

        // After a reload: the flight is followed again, its history drawn, its alert set again.
        browser.navigate().refresh();
        chromium.until(b -> number(b, card, "data-history-points") > 1);
        chromium.until(b -> below.toPlainString().equals(b.findElement(alertForm).getAttribute("data-below")));
        // The reloaded page's banners can only come from its new connection, whose alert is armed
        // afresh: a fare under it fires it, so the page set it on the server again.
        fileFare(flightId, fare, currency);
        chromium.until(b -> !b.findElements(banners).isEmpty());
        chromium.screenshot("alert-after-reload");

        // Cleared, it stays cleared over a reload too.
        browser.findElement(alertForm).findElement(By.cssSelector("button.alert-clear")).click();
        chromium.until(b -> "".equals(b.findElement(alertForm).getAttribute("data-below")));
        browser.navigate().refresh();
        chromium.until(b -> number(b, card, "data-history-points") > 1);
        assertThat(browser.findElement(alertForm).getAttribute("data-below")).isEmpty();
    }

    @Test
    void theRangeSwitchRedrawsTheChartWithALongerHistory() throws Exception {
        ChromeDriver browser = chromium.browser();
        String flightId = openAndFollow(browser, 9);
        By card = By.cssSelector("article.quote-card[data-flight-id='" + flightId + "']");
        By chart = By.cssSelector("article.quote-card[data-flight-id='" + flightId + "'] .chart");
        assertThat((int) chromium.until(b -> number(b, card, "data-history-points"))).isLessThanOrEqualTo(60);

        WebElement day = browser.findElement(card).findElement(By.cssSelector(".period-switch button[data-minutes='1440']"));
        day.click();

        // A simulated flight has a week behind it: a day is more than the hour's 60 points.
        int points = chromium.until(b -> {
            Integer n = number(b, card, "data-history-points");
            return n != null && n > 60 ? n : null;
        });
        assertThat(points).isLessThanOrEqualTo(1440);
        assertThat(day.getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.findElement(card).findElement(By.cssSelector(".period-switch button[data-minutes='60']"))
                .getAttribute("aria-pressed")).isEqualTo("false");
        assertThat(number(browser, chart, "data-points")).isGreaterThanOrEqualTo(points);
        chromium.screenshot("history-24h");
    }

    @Test
    void pricesShownInAnotherCurrencyKeepTheQuotedPriceInSightAndTheChoiceSurvivesAReload() throws Exception {
        ChromeDriver browser = chromium.browser();
        String flightId = openAndFollow(browser, 11);
        By card = By.cssSelector("article.quote-card[data-flight-id='" + flightId + "']");
        String quoted = chromium.until(b -> b.findElement(card).findElements(By.cssSelector(".price[data-currency]"))
                .stream().findFirst().map(p -> p.getAttribute("data-currency")).orElse(null));
        String other = quoted.equals("EUR") ? "USD" : "EUR";

        // The options come from GET /api/rates: wait for them, then choose by keyboard as a traveller may.
        WebElement select = chromium.until(b -> b.findElements(By.cssSelector("#currency option[value='" + other + "']"))
                .isEmpty() ? null : b.findElement(By.id("currency")));
        new Select(select).selectByValue(other);

        chromium.until(b -> b.findElement(card).findElement(By.cssSelector(".price")).getText().startsWith("\u2248"));
        WebElement quote = browser.findElement(card).findElement(By.cssSelector(".price-quote"));
        assertThat(quote.isDisplayed()).isTrue();
        assertThat(quote.getText()).as("the quoted price beside the converted one").matches(".*\\d.*");
        chromium.screenshot("prices-converted");

        browser.navigate().refresh();
        chromium.until(b -> other.equals(b.findElement(By.id("currency")).getAttribute("value")));
        chromium.until(b -> b.findElements(card).stream()
                .anyMatch(c -> c.findElement(By.cssSelector(".price")).getText().startsWith("\u2248")));
    }

    @Test
    void aPageRestoringFortyFollowsAndTheirAlertsGetsThemAllDespiteTheServersMessageRate() throws Exception {
        ChromeDriver browser = chromium.browser();
        browser.get(server.http("").toString());
        chromium.until(b -> b.findElements(By.cssSelector("li[data-flight-id]")).size() >= 100);
        List<String> ids = browser.findElements(By.cssSelector("li[data-flight-id]")).subList(20, 60).stream()
                .map(row -> row.getAttribute("data-flight-id")).toList();
        StringBuilder alerts = new StringBuilder("{");
        ids.forEach(id -> alerts.append(alerts.length() > 1 ? "," : "").append('"').append(id).append("\":1"));
        browser.executeScript("localStorage.setItem('farewatch.alerts', arguments[0])", alerts.append('}').toString());

        // 40 follows, 40 histories and 40 alerts on one connection: six times the server's burst, which the
        // client paces at 8 a second after its own burst of 15, so about 13 s.
        browser.get(server.http("").toString() + "#follow=" + String.join(",", ids));
        browser.navigate().refresh();

        WebDriverWait paced = new WebDriverWait(browser, Duration.ofSeconds(40));
        paced.until(b -> b.findElements(By.cssSelector("article.quote-card[data-history-points]")).size() == ids.size());
        paced.until(b -> b.findElements(By.cssSelector("article.quote-card form.alert-form[data-below='1']")).size()
                == ids.size());
        assertThat(browser.findElement(By.id("messages")).getText()).doesNotContain("RATE_LIMITED").doesNotContain("rate");
        assertThat(browser.findElement(By.id("status")).getAttribute("data-state")).isEqualTo("live");
        chromium.screenshot("forty-follows-restored");
    }

    /** Opens the page, waits for the catalog, and follows the flight at that place in the list: its id. */
    private String openAndFollow(ChromeDriver browser, int index) {
        browser.get(server.http("").toString());
        chromium.until(b -> b.findElements(By.cssSelector("li[data-flight-id]")).size() >= 100);
        WebElement row = browser.findElements(By.cssSelector("li[data-flight-id]")).get(index);
        String flightId = row.getAttribute("data-flight-id");
        row.findElement(By.cssSelector("button.follow")).click();
        return flightId;
    }

    private void fileFare(String flightId, BigDecimal price, String currency) {
        ApiClient.Answer filed = api.post("api/fares",
                "{\"flightId\":\"" + flightId + "\",\"price\":" + price.toPlainString() + ",\"currency\":\"" + currency + "\"}");
        assertThat(filed.status()).as(filed.toString()).isEqualTo(200);
        assertThat(filed.json().getInt("accepted")).as(filed.toString()).isEqualTo(1);
    }

    /** The element's whole-number attribute, or null (keep waiting) while it is missing or empty. */
    private static Integer number(WebDriver browser, By element, String attribute) {
        List<WebElement> found = browser.findElements(element);
        if (found.isEmpty()) {
            return null;
        }
        String value = found.get(0).getAttribute(attribute);
        return value == null || value.isEmpty() ? null : Integer.valueOf(value);
    }
}
