package dev.farewatch.monitoring;

import dev.farewatch.testing.ApiClient;
import dev.farewatch.testing.ApiClient.Answer;
import dev.farewatch.testing.FarewatchServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Liveness and readiness as a load balancer or Kubernetes probes them, on every target. */
class HealthIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer();

    private final ApiClient api = new ApiClient(server.http(""), null);

    @Test
    void aRunningNodeIsLiveInMicroProfileHealthsShape() {
        Answer live = api.get("api/health/live");

        assertThat(live.status()).isEqualTo(200);
        assertThat(live.header("Content-Type")).startsWith("application/json");
        assertThat(live.header("Cache-Control")).isEqualTo("no-store");
        assertThat(live.json().getString("status")).isEqualTo("UP");
        assertThat(live.json().getJsonArray("checks").getValuesAs(JsonObject.class))
                .extracting(check -> check.getString("name")).containsExactly("farewatch-scheduler");
    }

    @Test
    void aRunningNodeIsReadyWithItsNodeAndBusChecks() {
        Answer ready = api.get("api/health/ready");

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().getString("status")).isEqualTo("UP");
        assertThat(ready.json().getJsonArray("checks").getValuesAs(JsonObject.class))
                .extracting(check -> check.getString("name") + " " + check.getString("status"))
                .containsExactly("farewatch-node UP", "farewatch-bus UP");
        assertThat(ready.json().getJsonArray("checks").getJsonObject(0).getJsonObject("data").getString("phase"))
                .isEqualTo("serving");
    }

    @Test
    void allChecksTogetherAtHealth() {
        assertThat(api.get("api/health").json().getJsonArray("checks")).hasSize(3);
    }

    @Test
    void headAnswersAsGetWithoutABodyAndOtherMethodsAre405() {
        Answer head = api.send("HEAD", "api/health/ready", null, null);
        Answer post = api.send("POST", "api/health/ready", "{}", "application/json");

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
    }
}
