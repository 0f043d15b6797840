package dev.farewatch.embedded;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.RawWebSocket;
import dev.farewatch.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection that sends no complete HTTP request within the request timeout is closed, whatever it
 * sends short of that; a WebSocket, once upgraded, never is. Here on a 2 s timeout.
 */
class RequestTimeoutIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Grizzly looks for idle connections once a second; the rest is room for two busy cores. */
    private static final Duration MARGIN = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int SOCKETS = 300;

    @RegisterExtension
    final FarewatchServer server = new FarewatchServer(Map.of("farewatch.requestTimeoutSeconds", Long.toString(TIMEOUT.toSeconds())));

    @Test
    void silentSocketsAreClosedWithinTheTimeoutWhileAWebSocketIsServed() throws IOException {
        assertAllClosedInTimeWhileAWebSocketIsServed(socket -> {
        });
    }

    @Test
    void halfSentRequestsAreClosedWithinTheTimeoutWhileAWebSocketIsServed() throws IOException {
        byte[] half = "GET /app.js HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */".getBytes(StandardCharsets.US_ASCII);
        assertAllClosedInTimeWhileAWebSocketIsServed(socket -> socket.write(half));
    }

    @Test
    void aRequestHeadTrickledByteByByteIsClosedAtTheTimeoutAllTheSame() throws IOException {
        byte[] head = ("GET /app.js HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "x".repeat(200)).getBytes(StandardCharsets.US_ASCII);
        try (RawWebSocket socket = RawWebSocket.tcp(server.http(""))) {
            long start = System.nanoTime();
            RawWebSocket.TcpEnd end = RawWebSocket.TcpEnd.STILL_OPEN;
            for (int i = 0; i < head.length && !end.ended(); i++) {
                try {
                    socket.write(new byte[] {head[i]});
                } catch (IOException closed) {
                    end = RawWebSocket.TcpEnd.RESET;
                    break;
                }
                // The wait for the server's end is also the trickle's pace: a byte every quarter second.
                end = socket.awaitTcpEnd(Duration.ofMillis(250));
            }

            assertThat(end.ended()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(MARGIN));
        }
    }

    @Test
    void aKeptAliveConnectionIsClosedWhenNoNextRequestCompletesWithinTheTimeout() throws IOException {
        try (RawWebSocket socket = RawWebSocket.tcp(server.http(""))) {
            socket.write("GET /app.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(socket.readHttpHead(WAIT).status()).isEqualTo(200);

            // Reads the file's bytes as they come, then waits for the end.
            assertThat(socket.awaitTcpEnd(TIMEOUT.plus(MARGIN)).ended()).isTrue();
        }
    }

    @Test
    void aWebSocketFollowingAFlightStreamsOnPastTheTimeout() {
        String flight = server.flightIds().get(0);
        try (WsClient client = server.connect()) {
            client.send(subscribe(flight)).next("subscribed", WAIT);
            long start = System.nanoTime();

            // The opening quote, then a tick a second: well past twice the timeout.
            client.prices(flight, 6, WAIT.plus(WAIT));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(TIMEOUT.multipliedBy(2));
            assertThat(client.isOpen()).isTrue();
        }
    }

    @Test
    void aSilentWebSocketIsNotClosedByTheTimeout() {
        try (WsClient client = server.connect()) {
            // Nothing either way: only Farewatch's own rules (30 s to follow a flight, pings at 25 s) may close it.
            await().during(TIMEOUT.multipliedBy(2).plus(MARGIN)).atMost(TIMEOUT.multipliedBy(3).plus(MARGIN))
                    .until(() -> !client.closed().isDone());

            assertThat(client.send("{\"type\":\"ping\"}").next("pong", WAIT).json().containsKey("ts")).isTrue();
        }
    }

    private interface Opening {
        void start(RawWebSocket socket) throws IOException;
    }

    private record Opened(RawWebSocket socket, long nanos) {
    }

    private void assertAllClosedInTimeWhileAWebSocketIsServed(Opening opening) throws IOException {
        List<Opened> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < SOCKETS; i++) {
                RawWebSocket socket = RawWebSocket.tcp(server.http(""));
                sockets.add(new Opened(socket, System.nanoTime()));
                opening.start(socket);
            }
            String flight = server.flightIds().get(0);
            try (WsClient client = server.connect()) {
                client.send(subscribe(flight)).next("subscribed", WAIT);
                assertThat(client.prices(flight, 2, WAIT)).hasSize(2);
            }

            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < sockets.size(); i++) {
                Opened opened = sockets.get(i);
                long left = opened.nanos() + TIMEOUT.plus(MARGIN).toNanos() - System.nanoTime();
                // A socket the server closed in time reads its end at once, however little time is left.
                if (!opened.socket().awaitTcpEnd(Duration.ofNanos(Math.max(left, Duration.ofMillis(10).toNanos()))).ended()) {
                    open.add(i);
                }
            }
            assertThat(open).as("sockets still open %s after they were opened", TIMEOUT.plus(MARGIN)).isEmpty();
        } finally {
            sockets.forEach(opened -> opened.socket().close());
        }
    }

    private static String subscribe(String flight) {
        return "{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}";
    }
}
