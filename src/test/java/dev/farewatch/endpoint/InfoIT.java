package dev.farewatch.endpoint;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.Target;
import dev.farewatch.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The info message tells an operator what the node runs on, and proves which scheduler ticks. */
class InfoIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer();

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void reportsTheServerTheVersionAndTheSchedulerInUse() {
        try (WsClient client = server.connect()) {
            JsonObject info = client.send("{\"type\":\"info\"}").next(WAIT).json();

            assertThat(info.getString("type")).isEqualTo("info");
            assertThat(info.getString("server")).isNotBlank();
            assertThat(info.getString("version")).isEqualTo(System.getProperty("farewatch.version"));
            assertThat(info.getString("scheduler")).isEqualTo(Target.current().scheduler());
        }
    }

    @Test
    void namesTheNodeAndTheBusItsStreamsTravelOn() {
        try (WsClient client = server.connect()) {
            JsonObject info = client.send("{\"type\":\"info\"}").next(WAIT).json();

            assertThat(info.getString("node")).matches("[A-Za-z0-9._-]{1,64}");
            assertThat(info.getString("bus")).isEqualTo("memory");
            assertThat(info.getBoolean("busConnected")).isTrue();
        }
    }

    @Test
    void countsLiveSessionsAndFollowedFlights() {
        try (WsClient asking = server.connect(); WsClient other = server.connect()) {
            String flight = server.flightIds().get(0);
            other.send("{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}").next("subscribed", WAIT);

            JsonObject info = asking.send("{\"type\":\"info\"}").next(WAIT).json();

            assertThat(info.getInt("sessions")).isGreaterThanOrEqualTo(2);
            assertThat(info.getInt("flights")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aClosedSessionIsNoLongerCounted() {
        try (WsClient asking = server.connect()) {
            int before = asking.send("{\"type\":\"info\"}").next(WAIT).json().getInt("sessions");
            WsClient leaving = server.connect();
            leaving.send("{\"type\":\"ping\"}").next(WAIT);
            assertThat(asking.send("{\"type\":\"info\"}").next(WAIT).json().getInt("sessions")).isEqualTo(before + 1);

            leaving.close();

            await().atMost(WAIT).until(
                    () -> asking.send("{\"type\":\"info\"}").next(WAIT).json().getInt("sessions") == before);
        }
    }
}
