package dev.farewatch.endpoint;

import dev.farewatch.Farewatch;
import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Connections come and go without leaving anything behind; shutdown says goodbye with 1001. */
class SessionLifecycleIT {

    @RegisterExtension
    final FarewatchServer server = new FarewatchServer();

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void closedAndDroppedConnectionsLeaveNoSubscriptionBehind() {
        Farewatch inside = server.inside();
        List<String> flights = server.flightIds().subList(0, 5);
        List<WsClient> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            WsClient client = server.connect();
            for (String flight : flights) {
                client.send("{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}");
            }
            client.next(m -> m.type().equals("subscribed") && m.json().getString("flightId").equals(flights.get(4)), WAIT);
            clients.add(client);
        }
        assertThat(inside.connections().count()).isEqualTo(20);
        assertThat(inside.fanout().followedFlights()).isEqualTo(5);

        for (int i = 0; i < clients.size(); i++) {
            if (i % 2 == 0) {
                clients.get(i).close();
            } else {
                clients.get(i).abort();
            }
        }

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(inside.fanout().isIdle()).isTrue();
            assertThat(inside.connections().count()).isZero();
        });
    }

    @Test
    void shutdownClosesEveryConnectionWith1001() {
        WsClient idle = server.connect();
        WsClient subscribed = server.connect();
        subscribed.send("{\"type\":\"flights\"}").next("flights", WAIT);

        server.embedded().close();

        assertThat(idle.awaitClose(WAIT).code()).isEqualTo(1001);
        assertThat(subscribed.awaitClose(WAIT).code()).isEqualTo(1001);
        assertThat(StreamService.installed()).as("no stream left installed").isNull();
    }
}
