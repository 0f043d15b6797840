package dev.farewatch.endpoint;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.RawWebSocket;
import dev.farewatch.testing.RawWebSocket.Frame;
import dev.farewatch.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
    private final List<String> closes = new ArrayList<>();
    private final Handler closeLog = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (closes) {
                closes.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureCloses() {
        Logger.getLogger(Connection.class.getName()).addHandler(closeLog);
    }

    @AfterEach
    void releaseLog() {
        Logger.getLogger(Connection.class.getName()).removeHandler(closeLog);
    }

    @Test
    void aClientThatReadsButNeverAnswersPingsIsClosedWith4008() throws Exception {
        List<String> flights = catalog();
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
        List<String> flights = catalog();
        try (WsClient client = server.connect()) {
            client.send(subscribe(flights.get(0)));

            assertThat(client.prices(flights.get(0), 6, WAIT)).hasSize(6); // pings every second, pong within 3
            assertThat(client.isOpen()).isTrue();
        }
    }

    private List<String> catalog() {
        try (WsClient client = server.connect()) {
            return client.send("{\"type\":\"flights\"}").next("flights", WAIT).json().getJsonArray("flights")
                    .getValuesAs(JsonObject.class).stream().map(f -> f.getString("flightId")).toList();
        } finally {
            await().atMost(WAIT).until(() -> server.inside().connections().count() == 0);
            synchronized (closes) {
                closes.clear();
            }
        }
    }

    private List<String> loggedCloses() {
        synchronized (closes) {
            return List.copyOf(closes);
        }
    }

    private static String subscribe(String flight) {
        return "{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}";
    }

}
