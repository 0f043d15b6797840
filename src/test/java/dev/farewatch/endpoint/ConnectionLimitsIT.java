package dev.farewatch.endpoint;

import dev.farewatch.testing.CloseLog;
import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The per-server and per-address connection caps and the subscribe-within rule, on small settings. */
class ConnectionLimitsIT {

    @RegisterExtension
    final FarewatchServer server = new FarewatchServer(Map.of(
            "farewatch.maxConnections", "4",
            "farewatch.maxConnectionsPerAddress", "3",
            "farewatch.subscribeWithinSeconds", "2"));

    @RegisterExtension
    final CloseLog closes = new CloseLog();

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aConnectionBeyondThePerAddressCapIsClosedWith1013() {
        List<WsClient> clients = connect(3);
        try (WsClient extra = server.connect()) {
            WsClient.Closed closed = extra.awaitClose(WAIT);

            assertThat(closed.code()).isEqualTo(1013);
            assertThat(closed.reason()).contains("address");
            assertThat(clients).allMatch(WsClient::isOpen);
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void aClosedConnectionFreesItsPlace() {
        List<WsClient> clients = connect(3);
        clients.get(0).close();
        try {
            await().atMost(WAIT).until(() -> server.inside().connections().count() == 2);
            try (WsClient again = server.connect()) {
                assertThat(again.send("{\"type\":\"ping\"}").next(WAIT).type()).isEqualTo("pong");
            }
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void aConnectionThatFollowsNothingIsClosedWith1008AfterTheGracePeriod() {
        try (WsClient idle = server.connect(); WsClient following = server.connect()) {
            String flight = server.flightIds().get(0);
            following.send("{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}").next("subscribed", WAIT);
            long start = System.nanoTime();

            WsClient.Closed closed = idle.awaitClose(WAIT);

            assertThat(closed.code()).isEqualTo(1008);
            assertThat(closed.reason()).contains("No flight followed");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1_000), Duration.ofMillis(4_000));
            assertThat(following.isOpen()).isTrue();
        }
    }

    @Test
    void aConnectionWithAnAlertButNoFollowIsKeptPastTheGracePeriodUntilItClearsIt() {
        try (WsClient alerted = server.connect(); WsClient idle = server.connect()) {
            String flight = server.flightIds().get(0);
            alerted.send("{\"type\":\"alert\",\"flightId\":\"" + flight + "\",\"below\":1}").next("alertSet", WAIT);

            // The idle one, opened at the same time, is closed after the grace period; the alerted one is not.
            idle.awaitClose(WAIT);
            assertThat(alerted.send("{\"type\":\"ping\"}").next("pong", WAIT).type()).isEqualTo("pong");

            alerted.send("{\"type\":\"alert\",\"flightId\":\"" + flight + "\",\"below\":null}").next("alertSet", WAIT);
            assertThat(alerted.awaitClose(WAIT).code()).isEqualTo(1008);
        }
    }

    @Test
    void everyCloseIsLoggedOnceWithCodeReasonOriginAndAddress() {
        WsClient client = server.connect();
        client.sendBinary(new byte[] {1});
        client.awaitClose(WAIT);

        await().atMost(WAIT).until(() -> !closes.lines().isEmpty());
        assertThat(closes.lines()).singleElement().asString().contains("127.0.0.1").contains("origin -")
                .contains("1003").contains("Binary messages are not supported");
    }

    private List<WsClient> connect(int count) {
        List<WsClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            WsClient client = server.connect();
            client.send("{\"type\":\"ping\"}").next(WAIT);
            clients.add(client);
        }
        return clients;
    }
}
