package dev.farewatch.endpoint;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The server-wide connection cap, on a server configured for two connections. */
class ServerFullIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer(Map.of("farewatch.maxConnections", "2"));

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aConnectionBeyondTheServerCapIsClosedWith1013AndTheOthersCarryOn() {
        try (WsClient first = server.connect(); WsClient second = server.connect(); WsClient third = server.connect()) {
            WsClient.Closed closed = third.awaitClose(WAIT);

            assertThat(closed.code()).isEqualTo(1013);
            assertThat(closed.reason()).contains("Server full");
            assertThat(first.send("{\"type\":\"ping\"}").next(WAIT).type()).isEqualTo("pong");
            assertThat(second.send("{\"type\":\"ping\"}").next(WAIT).type()).isEqualTo("pong");
        }
    }
}
