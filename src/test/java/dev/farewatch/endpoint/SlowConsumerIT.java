package dev.farewatch.endpoint;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.RawWebSocket;
import dev.farewatch.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
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
 * A client that stops reading costs the server a bounded amount and is closed with 4008 once a send
 * has made no progress for the configured time, while everyone else keeps the 1 s cadence. A tiny
 * receive buffer and 30 KiB catalogs fill the kernel's socket buffers within the test; pings are off,
 * so the stalled send is what closes it.
 */
class SlowConsumerIT {

    @RegisterExtension
    final FarewatchServer server = new FarewatchServer(Map.of(
            "farewatch.slowConsumerSeconds", "2",
            "farewatch.pingSeconds", "600",
            "farewatch.messageBurst", "100"));

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
    void aClientThatStopsReadingIsClosedWith4008WhileOthersKeepTheirCadence() throws Exception {
        List<String> flights = catalog();
        try (WsClient healthy = server.connect()) {
            healthy.send(subscribe(flights.get(0))).prices(flights.get(0), 1, WAIT);
            RawWebSocket nonReader = RawWebSocket.connect(server.stream(), 2048);
            for (String flight : flights.subList(0, 50)) {
                nonReader.sendText(subscribe(flight));
            }
            long start = System.nanoTime();
            askForCatalogsUntilClosed(nonReader);

            List<WsClient.Received> prices = healthy.prices(flights.get(0), 8, WAIT);

            await().atMost(WAIT).until(() -> server.inside().connections().count() == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(loggedCloses()).singleElement().asString().contains(" 4008 Slow consumer: no send progress");
            for (int i = 1; i < prices.size(); i++) {
                long gapMillis = (prices.get(i).nanos() - prices.get(i - 1).nanos()) / 1_000_000;
                assertThat(gapMillis).as("healthy gap %d", i).isLessThan(1_500);
            }
            nonReader.close();
        }
    }

    /**
     * Asks for the 30 KiB catalog as fast as the message rate allows (a burst of 100, then 9 a second)
     * and never reads: the server's socket send buffer, up to 4 MiB on Linux, fills within seconds.
     */
    private void askForCatalogsUntilClosed(RawWebSocket nonReader) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            for (int i = 0; i < 90; i++) {
                nonReader.sendText("{\"type\":\"flights\"}");
            }
            while (server.inside().connections().count() > 1 && System.nanoTime() < deadline) {
                nonReader.sendText("{\"type\":\"flights\"}");
                Thread.sleep(111); // the client's own pace, under the rate limit
            }
        } catch (IOException closedByTheServer) {
            // the server closed the connection: what this is waiting for
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
