package dev.farewatch.endpoint;

import dev.farewatch.testing.CloseLog;
import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.RawWebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 1,000 healthy clients and 50 that never read, for 60 s, on the in-process embedded server. Healthy
 * clients keep their 1 s cadence (gap p99 ≤ 1.2 s, max ≤ 1.5 s), the heap after GC stays flat, and
 * every non-reader is closed with 4008 within the configured bounds, by its stalled send or its
 * unanswered ping. The non-readers have a tiny receive buffer, follow many flights and ask for the
 * 30 KiB catalog, so the stalled-send path really runs within the test.
 */
class NonReadersUnderLoadIT {

    private static final int HEALTHY = 1_000;
    private static final int NON_READERS = 50;
    private static final Duration RUN = Duration.ofSeconds(60);
    private static final int SLOW_CONSUMER_SECONDS = 3;
    private static final int PING_SECONDS = 10;
    private static final int PONG_TIMEOUT_SECONDS = 10;

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer(Map.of(
            "farewatch.slowConsumerSeconds", Integer.toString(SLOW_CONSUMER_SECONDS),
            "farewatch.pingSeconds", Integer.toString(PING_SECONDS),
            "farewatch.pongTimeoutSeconds", Integer.toString(PONG_TIMEOUT_SECONDS),
            "farewatch.maxConnectionsPerAddress", "2000",
            "farewatch.messageBurst", "100"));

    @RegisterExtension
    final CloseLog closes = new CloseLog();

    @Test
    void healthyClientsKeepTheirCadenceAndTheHeapStaysFlatWhileNonReadersAreClosed() throws Exception {
        List<String> flights = server.flightIds();
        HttpClient http = HttpClient.newHttpClient();
        List<Arrivals> healthy = new ArrayList<>();
        for (int i = 0; i < HEALTHY; i++) {
            Arrivals arrivals = new Arrivals();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(server.stream(), arrivals).get(10, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"subscribe\",\"flightId\":\"" + flights.get(i % flights.size()) + "\"}", true);
            healthy.add(arrivals);
        }
        closes.clear();
        long heapBefore = usedHeapAfterGc();
        long start = System.nanoTime();

        List<RawWebSocket> nonReaders = new ArrayList<>();
        for (int i = 0; i < NON_READERS; i++) {
            RawWebSocket nonReader = RawWebSocket.connect(server.stream(), 2048);
            for (String flight : flights.subList(0, 50)) {
                nonReader.sendText("{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}");
            }
            for (int r = 0; r < 60; r++) {
                nonReader.sendText("{\"type\":\"flights\"}");
            }
            nonReaders.add(nonReader);
        }
        // Counting starts once the test's own burst of requests is sent: the 50 stuck connections are
        // there for the whole count, and it is their cost to the server that is measured.
        long counting = System.nanoTime();
        healthy.forEach(Arrivals::startCounting);
        Thread feeder = new Thread(() -> keepAskingForCatalogs(nonReaders), "non-reader-feeder");
        feeder.start();
        long bound = SLOW_CONSUMER_SECONDS + PING_SECONDS + PONG_TIMEOUT_SECONDS + 5;
        await().atMost(Duration.ofSeconds(bound)).until(() -> server.inside().connections().count() == HEALTHY);
        Duration closedAllWithin = Duration.ofNanos(System.nanoTime() - start);
        feeder.interrupt();

        // The rest of the run: what is measured is what arrives meanwhile.
        Thread.sleep(Math.max(0, RUN.toMillis() - Duration.ofNanos(System.nanoTime() - counting).toMillis()));
        healthy.forEach(Arrivals::stopCounting);
        long heapAfter = usedHeapAfterGc();

        long[] gaps = healthy.stream().flatMapToLong(a -> Arrays.stream(a.gapsMillis())).sorted().toArray();
        long p99 = gaps[(int) (gaps.length * 0.99)];
        long max = gaps[gaps.length - 1];
        double heapGrowthMiB = (heapAfter - heapBefore) / (1024.0 * 1024.0);
        System.out.printf("non-readers closed within %d ms; %d healthy gaps: p99 %d ms, max %d ms; heap %+.1f MiB%n",
                closedAllWithin.toMillis(), gaps.length, p99, max, heapGrowthMiB);

        assertThat((long) gaps.length).isGreaterThan(HEALTHY * (RUN.toSeconds() - 3));
        assertThat(p99).isLessThanOrEqualTo(1_200);
        assertThat(max).isLessThanOrEqualTo(1_500);
        assertThat(heapGrowthMiB).isLessThan(16);
        assertThat(closes.lines()).hasSize(NON_READERS).allSatisfy(line -> assertThat(line).contains(" 4008 "));
        assertThat(closes.lines()).anySatisfy(line -> assertThat(line).contains("4008 Slow consumer: "));
        nonReaders.forEach(RawWebSocket::close);
    }

    /**
     * Each non-reader asks for the 30 KiB catalog 9 times a second, under its rate limit, and never
     * reads the answers, until the server closes it: its socket send buffer (up to 4 MiB on Linux)
     * fills in seconds, so its sends stall.
     */
    private static void keepAskingForCatalogs(List<RawWebSocket> nonReaders) {
        List<RawWebSocket> open = new ArrayList<>(nonReaders);
        while (!open.isEmpty() && !Thread.currentThread().isInterrupted()) {
            open.removeIf(nonReader -> {
                try {
                    nonReader.sendText("{\"type\":\"flights\"}");
                    return false;
                } catch (IOException closedByTheServer) {
                    return true;
                }
            });
            try {
                Thread.sleep(111); // the non-readers' own pace
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A healthy client that reads everything and keeps only when each price arrived. */
    private static final class Arrivals implements WebSocket.Listener {
        private final ConcurrentLinkedQueue<Long> gaps = new ConcurrentLinkedQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile boolean counting;
        private long last;

        void startCounting() {
            counting = true;
        }

        void stopCounting() {
            counting = false;
        }

        long[] gapsMillis() {
            return gaps.stream().mapToLong(Long::longValue).toArray();
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean lastPart) {
            partial.append(data);
            if (lastPart) {
                if (partial.indexOf("\"type\":\"price\"") >= 0) {
                    long now = System.nanoTime();
                    if (counting && last != 0) {
                        gaps.add((now - last) / 1_000_000);
                    }
                    last = now;
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }

}
