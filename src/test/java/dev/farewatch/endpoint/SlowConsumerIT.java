package dev.farewatch.endpoint;

import dev.farewatch.testing.CloseLog;
import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.RawWebSocket;
import dev.farewatch.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
            "farewatch.messagesPerSecond", "30",
            "farewatch.messageBurst", "100"));

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Long enough to fill the largest socket send buffer Linux grants (2 × 4 MiB) at 25 catalogs a second. */
    private static final Duration FILL = Duration.ofSeconds(40);
    @RegisterExtension
    final CloseLog closes = new CloseLog();

    @Test
    void aClientThatStopsReadingIsClosedWith4008WhileOthersKeepTheirCadence() throws Exception {
        List<String> flights = catalog();
        try (WsClient healthy = server.connect()) {
            healthy.send(subscribe(flights.get(0))).prices(flights.get(0), 1, WAIT);
            RawWebSocket nonReader = RawWebSocket.connect(server.stream(), 2048);
            await().atMost(WAIT).until(() -> server.inside().connections().count() == 2);
            for (String flight : flights.subList(0, 50)) {
                nonReader.sendText(subscribe(flight));
            }
            long start = System.nanoTime();
            askForCatalogsUntilClosed(nonReader);

            List<WsClient.Received> prices = healthy.prices(flights.get(0), 8, WAIT);

            await().atMost(WAIT).until(() -> server.inside().connections().count() == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FILL);
            // A stalled send, or replies piling up behind it: both are the slow-consumer check.
            assertThat(closes.lines()).singleElement().asString().contains(" 4008 Slow consumer: ");
            for (int i = 1; i < prices.size(); i++) {
                long gapMillis = (prices.get(i).nanos() - prices.get(i - 1).nanos()) / 1_000_000;
                assertThat(gapMillis).as("healthy gap %d", i).isLessThan(1_500);
            }
            nonReader.close();
        }
    }

    /**
     * Asks for the 30 KiB catalog 25 times a second, under its rate limit, and never reads: the
     * server's socket send buffer fills within seconds and its sends stall.
     */
    private void askForCatalogsUntilClosed(RawWebSocket nonReader) throws InterruptedException {
        long deadline = System.nanoTime() + FILL.toNanos();
        try {
            while (server.inside().connections().count() > 1 && System.nanoTime() < deadline) {
                nonReader.sendText("{\"type\":\"flights\"}");
                Thread.sleep(40); // the client's own pace, under the rate limit
            }
        } catch (IOException closedByTheServer) {
            // the server closed the connection: what this is waiting for
        }
    }

    /** The catalog, read before the test begins: that connection's close is not the test's. */
    private List<String> catalog() {
        List<String> flights = server.flightIds();
        await().atMost(WAIT).until(() -> server.inside().connections().count() == 0);
        closes.clear();
        return flights;
    }

    private static String subscribe(String flight) {
        return "{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}";
    }

}
