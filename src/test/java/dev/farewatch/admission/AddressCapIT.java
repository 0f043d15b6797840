package dev.farewatch.admission;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-address cap (100 by default) on every target: it needs the client's address, which each
 * server exposes differently (Tyrus' handshake request, WildFly through Farewatch's own filter).
 */
class AddressCapIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer();

    private static final int CAP = 100;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aConnectionBeyondTheHundredFromOneAddressIsClosedWith1013() {
        List<WsClient> clients = new ArrayList<>();
        try {
            WsClient.Closed refused = null;
            while (refused == null && clients.size() <= 2 * CAP) {
                WsClient client = server.connect();
                clients.add(client);
                refused = pongOrClose(client);
            }

            assertThat(refused).isNotNull();
            assertThat(refused.code()).isEqualTo(1013);
            assertThat(refused.reason()).contains("your address");
            // Every connection here, and any another test left closing, comes from 127.0.0.1.
            assertThat(clients.get(0).send("{\"type\":\"info\"}").next(WAIT).json().getInt("sessions")).isEqualTo(CAP);
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    /** Null once the connection answers a ping; how it was closed, if it was closed instead. */
    private static WsClient.Closed pongOrClose(WsClient client) {
        try {
            client.send("{\"type\":\"ping\"}");
        } catch (RuntimeException closedAlready) {
            return client.awaitClose(WAIT);
        }
        CompletableFuture<WsClient.Received> pong = CompletableFuture.supplyAsync(() -> client.next("pong", WAIT));
        CompletableFuture.anyOf(pong, client.closed()).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return client.closed().isDone() && !pong.isDone() ? client.closed().join() : null;
    }
}
