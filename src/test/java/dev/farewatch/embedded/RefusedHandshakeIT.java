package dev.farewatch.embedded;

import dev.farewatch.testing.FarewatchServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refused WebSocket handshake gets a whole answer, whose end the client can see, and the server
 * closes the connection at once, long before the request timeout (10 s) would.
 */
class RefusedHandshakeIT {

    private static final Duration SOON = Duration.ofSeconds(3);

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer(Map.of("farewatch.requestTimeoutSeconds", "10"));

    @Test
    void aForeignOriginGetsAWhole403AndTheConnectionClosed() {
        RawHttp answer = handshake("Origin: https://evil.example\r\nSec-WebSocket-Version: 13\r\n");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("Content-Length")).isEqualTo("0");
        assertThat(answer.body()).isEmpty();
        assertThat(answer.closedByServer()).isTrue();
    }

    @Test
    void anUnsupportedProtocolVersionGetsAWhole426AndTheConnectionClosed() {
        RawHttp answer = handshake("Sec-WebSocket-Version: 7\r\n");

        assertThat(answer.status()).isEqualTo(426);
        assertThat(answer.header("Sec-WebSocket-Version")).isEqualTo("13");
        assertThat(answer.header("Content-Length")).isEqualTo("0");
        assertThat(answer.closedByServer()).isTrue();
    }

    private static RawHttp handshake(String headers) {
        return RawHttp.exchange(server.http("").getHost(), server.http("").getPort(), "GET /ws/flight-price HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + headers + "\r\n", SOON);
    }
}
