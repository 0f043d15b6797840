package dev.farewatch.endpoint;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.RawWebSocket;
import dev.farewatch.testing.WsClient;
import dev.farewatch.testing.WsClient.Received;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static dev.farewatch.testing.RawWebSocket.FrameBuilder.frame;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that floods ping frames, thousands a second, is closed like a message flooder, with 1008,
 * while its neighbour's stream keeps its once-a-second cadence. Runs embedded and in Payara, whose
 * Tyrus reports every frame; WildFly's Undertow offers no hook that shows incoming pings (README).
 */
class PingFloodIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer();

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int PINGS_PER_BURST = 16;

    @Test
    void aPingFloodIsClosedWith1008WhileANeighboursPricesKeepTheirCadence() throws Exception {
        String flight = server.flightIds().get(7);
        try (WsClient neighbour = server.connect();
             RawWebSocket flooder = RawWebSocket.connect(server.stream())) {
            neighbour.send("{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}").prices(flight, 2, WAIT);
            AtomicLong sent = new AtomicLong();
            AtomicBoolean ended = new AtomicBoolean();
            Thread flood = new Thread(() -> {
                byte[] ping = frame(RawWebSocket.PING).payload(new byte[] {1, 2, 3, 4}).bytes();
                byte[] burst = new byte[ping.length * PINGS_PER_BURST];
                for (int i = 0; i < PINGS_PER_BURST; i++) {
                    System.arraycopy(ping, 0, burst, i * ping.length, ping.length);
                }
                try {
                    // Paced, not flat out: a socket closed with unread input is reset by the kernel, and a
                    // reset discards whatever the server had not yet put on the wire, the close frame too.
                    // Bursts 5 ms apart still ask for 3,200 frames a second against a limit of 10.
                    for (int i = 0; i < 2_000 && !ended.get(); i++) {
                        flooder.write(burst);
                        sent.addAndGet(PINGS_PER_BURST);
                        LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
                    }
                } catch (IOException closedByServer) {
                    // What the test waits for.
                }
            }, "ping-flooder");
            long started = System.nanoTime();
            flood.start();

            RawWebSocket.Ending ending = flooder.awaitEnding(Duration.ofSeconds(10), Duration.ofSeconds(2));
            ended.set(true);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            flood.join(Duration.ofSeconds(10).toMillis());

            assertThat(ending.close()).as("a close frame, after %d pings: %s", sent.get(), ending.describe()).isNotNull();
            assertThat(ending.close().closeCode()).isEqualTo(1008);
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            List<Received> prices = neighbour.prices(flight, 4, WAIT);
            for (int i = 1; i < prices.size(); i++) {
                assertThat(Duration.ofNanos(prices.get(i).nanos() - prices.get(i - 1).nanos()))
                        .as("gap between the neighbour's prices").isLessThan(Duration.ofMillis(1_500));
            }
        }
    }
}
