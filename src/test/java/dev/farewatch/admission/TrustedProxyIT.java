package dev.farewatch.admission;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a trusted proxy (here, a client on 127.0.0.1 playing one) the per-address cap counts the
 * client its {@code X-Forwarded-For} names, so the cap still means something; from anywhere else the
 * header is not believed.
 */
class TrustedProxyIT {

    @RegisterExtension
    final FarewatchServer server = new FarewatchServer(Map.of(
            "farewatch.trustedProxies", "127.0.0.1",
            "farewatch.maxConnectionsPerAddress", "2"));

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<WsClient> clients = new ArrayList<>();

    private WsClient forwardedFor(String client) {
        WsClient connection = WsClient.connect(server.stream(), Map.of("X-Forwarded-For", client));
        clients.add(connection);
        return connection;
    }

    private static boolean answers(WsClient client) {
        try {
            return client.send("{\"type\":\"ping\"}").next(WAIT).type().equals("pong");
        } catch (AssertionError | RuntimeException closed) {
            return false;
        }
    }

    @Test
    void theCapCountsTheForwardedClientNotTheProxy() {
        try {
            assertThat(answers(forwardedFor("198.51.100.1"))).isTrue();
            assertThat(answers(forwardedFor("198.51.100.1"))).isTrue();
            WsClient third = forwardedFor("198.51.100.1");

            assertThat(third.awaitClose(WAIT).code()).isEqualTo(1013);
            // Two more through the same proxy, for another client: the proxy's own address is not what is capped.
            assertThat(answers(forwardedFor("198.51.100.2"))).isTrue();
            assertThat(answers(forwardedFor("203.0.113.5, 198.51.100.3"))).isTrue();
        } finally {
            clients.forEach(WsClient::close);
        }
    }
}
