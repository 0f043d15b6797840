package dev.farewatch.endpoint;

import dev.farewatch.Farewatch;
import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ten thousand connections come, subscribe and go — politely, abruptly, or mid-stream — and leave no
 * subscription, no connection, no thread and no heap behind in the (embedded, in-process) server.
 */
class ConnectionChurnIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer();

    private static final int CYCLES = 10_000;
    private static final int WARM_UP = 1_000;
    private static final int PARALLEL = 16;
    private static final long MIB = 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void tenThousandConnectSubscribeDisconnectCyclesLeaveNothingBehind() throws Exception {
        Farewatch inside = server.inside();
        List<String> flights = server.flightIds().subList(0, 20);
        runCycles(WARM_UP, flights);
        awaitEmpty(inside);
        long heapBefore = usedHeapAfterGc();
        int threadsBefore = serverThreads();

        runCycles(CYCLES, flights);

        awaitEmpty(inside);
        long heapAfter = usedHeapAfterGc();
        assertThat(inside.fanout().followedFlights()).isZero();
        assertThat(serverThreads()).isLessThanOrEqualTo(threadsBefore);
        assertThat((heapAfter - heapBefore) / (double) MIB).as("heap growth in MiB").isLessThan(16);
    }

    private static void runCycles(int cycles, List<String> flights) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (int i = 0; i < cycles; i++) {
                int cycle = i;
                work.add(CompletableFuture.runAsync(() -> cycle(cycle, flights), pool));
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdown();
        }
    }

    /** One client's life: connect, follow a flight, maybe see a price, then leave one of three ways. */
    private static void cycle(int cycle, List<String> flights) {
        WsClient client = server.connect();
        String flight = flights.get(cycle % flights.size());
        client.send("{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}").next("subscribed", WAIT);
        switch (cycle % 3) {
            case 0 -> client.close();
            case 1 -> client.abort();
            default -> {
                client.next("price", WAIT);
                client.abort();
            }
        }
    }

    private static void awaitEmpty(Farewatch inside) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(inside.connections().count()).isZero();
            assertThat(inside.fanout().isIdle()).isTrue();
        });
    }

    private static long usedHeapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Live threads that are not the test's own WebSocket client's. */
    private static int serverThreads() {
        return (int) Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                .filter(thread -> !thread.getThreadName().startsWith("HttpClient-"))
                .filter(thread -> !thread.getThreadName().startsWith("pool-"))
                .count();
    }
}
