package dev.farewatch.ingest;

import dev.farewatch.testing.ApiClient;
import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.WsClient;
import dev.farewatch.testing.WsClient.Received;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood of full batches from many clients at once, against the embedded server on two cores: the
 * API answers every request (200, or 503 beyond the four it works on at once) and the price stream
 * of a subscriber beside it goes on, each price within 1.5 s of the one before.
 */
class ApiFloodIT {

    private static final String TOKEN = "flood-token-0123456789";
    private static final int FLOODERS = 16;
    private static final Duration FLOOD = Duration.ofSeconds(8);
    private static final Duration MAX_GAP = Duration.ofMillis(1_500);

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer(Map.of("farewatch.apiToken", TOKEN));

    @Test
    void aFloodOfBatchesNeitherStarvesThePriceStreamNorGoesUnanswered() throws Exception {
        ApiClient api = new ApiClient(server.http(""), TOKEN);
        List<String> flights = server.flightIds();
        String watched = flights.get(0);
        String currency = api.get("api/flights/" + watched).json().getString("currency");
        // A full batch, each fare valid or refused as UNKNOWN_FLIGHT/CURRENCY_MISMATCH: every one is checked.
        String batch = IntStream.range(0, 1_000).mapToObj(i -> "{\"flightId\":\"" + flights.get(i % flights.size())
                + "\",\"price\":" + (100 + i) + ",\"currency\":\"" + currency + "\"}").collect(Collectors.joining(",", "[", "]"));
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService flooders = Executors.newFixedThreadPool(FLOODERS);
        try (WsClient client = server.connect()) {
            client.send("{\"type\":\"subscribe\",\"flightId\":\"" + watched + "\"}").next("subscribed", Duration.ofSeconds(10));
            client.prices(watched, 2, Duration.ofSeconds(10));
            long end = System.nanoTime() + FLOOD.toNanos();
            for (int i = 0; i < FLOODERS; i++) {
                flooders.execute(() -> {
                    while (System.nanoTime() < end) {
                        statuses.computeIfAbsent(api.post("api/fares", batch).status(), s -> new AtomicInteger()).incrementAndGet();
                    }
                });
            }
            List<Received> prices = new ArrayList<>();
            while (System.nanoTime() < end) {
                prices.add(client.next(m -> m.type().equals("price"), Duration.ofSeconds(5)));
            }
            flooders.shutdown();
            assertThat(flooders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            for (int i = 1; i < prices.size(); i++) {
                assertThat(Duration.ofNanos(prices.get(i).nanos() - prices.get(i - 1).nanos())).isLessThan(MAX_GAP);
            }
            assertThat(prices).hasSizeGreaterThanOrEqualTo((int) FLOOD.toSeconds() - 1);
        } finally {
            flooders.shutdownNow();
        }
        assertThat(statuses.keySet()).as("every request answered, accepted or busy: %s", statuses).containsAnyOf(200)
                .allMatch(status -> status == 200 || status == 503);
    }
}
