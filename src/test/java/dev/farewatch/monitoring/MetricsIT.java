package dev.farewatch.monitoring;

import dev.farewatch.testing.ApiClient;
import dev.farewatch.testing.ApiClient.Answer;
import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Prometheus scrapes every target's metrics, which change as sessions come and go. */
class MetricsIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer();

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ApiClient api = new ApiClient(server.http(""), null);

    private String scrape() {
        Answer metrics = api.get("api/metrics");
        assertThat(metrics.status()).as(metrics.body()).isEqualTo(200);
        return metrics.body();
    }

    /** The value of a sample: its name with any labels, as written. */
    private static double value(String scrape, String sample) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    @Test
    void theMetricsAreInPrometheusTextFormatWithTheNamesTheReadmeLists() {
        Answer metrics = api.get("api/metrics");

        assertThat(metrics.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body()).contains(
                "# TYPE farewatch_sessions gauge", "# TYPE farewatch_followed_flights gauge",
                "# TYPE farewatch_prices_sent_total counter", "# TYPE farewatch_closes_total counter",
                "# TYPE farewatch_tick_seconds histogram", "# TYPE farewatch_slow_consumers_total counter",
                "# TYPE farewatch_bus_connected gauge", "# TYPE farewatch_fares_accepted_total counter",
                "# TYPE farewatch_fares_rejected_total counter",
                "jvm_memory_used_bytes", "jvm_threads_current", "process_cpu_seconds_total");
        assertThat(value(metrics.body(), "farewatch_bus_connected")).isEqualTo(1);
        // A client's close is counted as the client's, whatever code it chose; the server's codes start at 0.
        assertThat(value(metrics.body(), "farewatch_closes_total{code=\"4008\"}")).isNotNaN();
        assertThat(metrics.body()).doesNotContain("code=\"1000\"");
    }

    @Test
    void aRequestAProxyPassedOnIsRefusedEvenFromAnAllowedPeer() throws Exception {
        java.net.http.HttpResponse<String> proxied = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(java.net.http.HttpRequest.newBuilder(server.http("api/metrics"))
                        .header("X-Forwarded-For", "203.0.113.7").build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(proxied.statusCode()).isEqualTo(403);
        assertThat(proxied.body()).doesNotContain("farewatch_sessions");
    }

    @Test
    void sessionsFollowsAndPricesChangeAsAClientComesFollowsAndGoes() {
        double sessions = value(scrape(), "farewatch_sessions");
        double sent = value(scrape(), "farewatch_prices_sent_total");
        WsClient client = server.connect();
        String flight = server.flightIds().get(0);
        client.send("{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}").next("subscribed", WAIT);
        client.prices(flight, 2, WAIT);

        String during = scrape();
        assertThat(value(during, "farewatch_sessions")).isGreaterThanOrEqualTo(sessions + 1);
        assertThat(value(during, "farewatch_followed_flights")).isGreaterThanOrEqualTo(1);
        assertThat(value(during, "farewatch_prices_sent_total")).isGreaterThan(sent);
        assertThat(value(during, "farewatch_tick_seconds_count")).isPositive();
        double clientCloses = value(during, "farewatch_closes_total{code=\"client\"}");

        client.close();

        // At least: another test's connection may still be on its way out meanwhile.
        await().atMost(WAIT).untilAsserted(() -> {
            String after = scrape();
            assertThat(value(after, "farewatch_sessions")).isLessThanOrEqualTo(value(during, "farewatch_sessions") - 1);
            assertThat(value(after, "farewatch_closes_total{code=\"client\"}")).isGreaterThanOrEqualTo(clientCloses + 1);
        });
    }
}
