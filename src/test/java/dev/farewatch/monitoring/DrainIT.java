package dev.farewatch.monitoring;

import dev.farewatch.config.FarewatchConfig;
import dev.farewatch.embedded.EmbeddedServer;
import dev.farewatch.testing.ApiClient;
import dev.farewatch.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A stopping node drains: not ready first, then every client told 1001 "reconnect now", the closes
 * spread over the drain time rather than all in one instant.
 */
class DrainIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int CLIENTS = 40;

    private EmbeddedServer server;
    private final List<WsClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(WsClient::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aStoppingNodeTurnsNotReadyAndClosesItsClientsWith1001SpreadOverTheDrainTime() throws Exception {
        server = EmbeddedServer.start(FarewatchConfig.from(Map.of("farewatch.port", "0", "farewatch.drainSeconds", "3",
                "farewatch.webRoot", System.getProperty("farewatch.webapp", "webapp"))::get, Map.of()));
        URI base = URI.create("http://127.0.0.1:" + server.port() + "/");
        ApiClient api = new ApiClient(base, null);
        Map<WsClient, Long> closedAt = new ConcurrentHashMap<>();
        for (int i = 0; i < CLIENTS; i++) {
            WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws/flight-price"));
            client.send("{\"type\":\"subscribe\",\"flightId\":\"" + client.flightIds(WAIT).get(i) + "\"}").next("subscribed", WAIT);
            client.closed().thenRun(() -> closedAt.put(client, System.nanoTime()));
            clients.add(client);
        }
        assertThat(api.get("api/health/ready").status()).isEqualTo(200);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);

        // Not ready while most clients are still connected: a load balancer sends no one new meanwhile.
        await().atMost(WAIT).until(() -> api.get("api/health/ready").status() == 503);
        assertThat(closedAt.size()).isLessThan(CLIENTS / 2);
        // A new stream is refused with 503 before it opens, which a proxy retries on another node.
        assertThatThrownBy(() -> WsClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws/flight-price")))
                .rootCause().hasMessageContaining("status code 503");
        stopping.get(30, java.util.concurrent.TimeUnit.SECONDS);
        server = null;

        assertThat(clients).allSatisfy(client -> {
            WsClient.Closed closed = client.awaitClose(WAIT);
            assertThat(closed.code()).isEqualTo(1001);
            assertThat(closed.reason()).isEqualTo("Draining: reconnect now");
        });
        List<Long> times = closedAt.values().stream().sorted(Comparator.naturalOrder()).toList();
        assertThat(Duration.ofNanos(times.get(times.size() - 1) - times.get(0))).as("first to last close")
                .isGreaterThan(Duration.ofMillis(2_000));
    }
}
