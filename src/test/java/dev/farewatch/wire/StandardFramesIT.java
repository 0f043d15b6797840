package dev.farewatch.wire;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code FAREWATCH_FRAMES=standard} every message goes through the standard {@code sendText},
 * the path every other runtime takes: the stream is the same, tick after tick, on every target.
 */
class StandardFramesIT {

    @RegisterExtension
    static final FarewatchServer server = FarewatchServer.onEveryTarget(Map.of("farewatch.frames", "standard"));

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void infoSaysTheStandardPath() {
        try (WsClient client = server.connect()) {
            assertThat(client.send("{\"type\":\"info\"}").next("info", WAIT).json().getString("send")).isEqualTo("standard");
        }
    }

    @Test
    void aFollowerIsConfirmedThenGetsEverySecondsPriceInOrder() {
        String flight = server.flightIds().get(2);
        try (WsClient client = server.connect()) {
            client.send("{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}");
            assertThat(client.next("subscribed", WAIT).json().getString("flightId")).isEqualTo(flight);
            List<WsClient.Received> prices = client.prices(flight, 3, WAIT);
            for (int i = 1; i < prices.size(); i++) {
                assertThat(prices.get(i).json().getJsonNumber("seq").longValue())
                        .isEqualTo(prices.get(i - 1).json().getJsonNumber("seq").longValue() + 1);
            }
        }
    }
}
