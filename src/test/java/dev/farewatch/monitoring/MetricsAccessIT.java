package dev.farewatch.monitoring;

import dev.farewatch.testing.ApiClient;
import dev.farewatch.testing.FarewatchServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** FAREWATCH_METRICS_ALLOW keeps the metrics to the scrapers' addresses; health stays open to all. */
class MetricsAccessIT {

    @RegisterExtension
    final FarewatchServer server = new FarewatchServer(Map.of("farewatch.metricsAllow", "10.0.0.0/8"));

    @Test
    void aPeerOutsideTheAllowedAddressesIsRefused403() {
        ApiClient api = new ApiClient(server.http(""), null);

        ApiClient.Answer refused = api.get("api/metrics");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("FAREWATCH_METRICS_ALLOW").doesNotContain("farewatch_sessions");
        assertThat(api.get("api/health/ready").status()).isEqualTo(200);
    }
}
