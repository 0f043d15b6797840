package dev.farewatch.endpoint;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.RawWebSocket;
import dev.farewatch.testing.RawWebSocket.Frame;
import dev.farewatch.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server pings every connection and closes one that leaves a ping unanswered with 4008, so a peer
 * that vanished without a TCP goodbye does not linger. Short settings, so the timers fire within the test.
 */
class PingTimeoutIT {

    @RegisterExtension
    final FarewatchServer server = new FarewatchServer(Map.of(
            "farewatch.pingSeconds", "1",
            "farewatch.pongTimeoutSeconds", "3"));

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aClientThatReadsButNeverAnswersPingsIsClosedWith4008() throws Exception {
        List<String> flights = server.flightIds();
        try (RawWebSocket silent = RawWebSocket.connect(server.stream())) {
            silent.sendText(subscribe(flights.get(0)));
            Frame close = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            boolean pinged = false;
            while (close == null && System.nanoTime() < deadline) {
                Frame frame = silent.readFrame(WAIT);
                pinged |= frame.opcode() == RawWebSocket.PING;
                if (frame.opcode() == RawWebSocket.CLOSE) {
                    close = frame;
                }
            }

            assertThat(pinged).isTrue();
            assertThat(close).isNotNull();
            assertThat(close.closeCode()).isEqualTo(4008);
            assertThat(close.closeReason()).contains("No pong");
        }
    }

    @Test
    void aClientThatAnswersPingsStaysConnected() {
        List<String> flights = server.flightIds();
        try (WsClient client = server.connect()) {
            client.send(subscribe(flights.get(0)));

            assertThat(client.prices(flights.get(0), 6, WAIT)).hasSize(6); // pings every second, pong within 3
            assertThat(client.isOpen()).isTrue();
        }
    }

    private static String subscribe(String flight) {
        return "{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}";
    }
}
