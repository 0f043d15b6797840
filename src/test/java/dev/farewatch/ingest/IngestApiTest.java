package dev.farewatch.ingest;

import dev.farewatch.bus.InMemoryPriceBus;
import dev.farewatch.flight.FlightCatalog;
import dev.farewatch.listing.InMemoryListings;
import dev.farewatch.listing.Shelf;
import dev.farewatch.market.FiledFares;
import dev.farewatch.protocol.MessageCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class IngestApiTest {

    private static final String TOKEN = "unit-token-0123456789";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
    private static final String FLIGHT = "{\"origin\":\"FRA\",\"destination\":\"JFK\",\"departure\":\"2026-12-24T10:15:00+01:00\",\"currency\":\"EUR\"}";

    private final FlightCatalog catalog = new FlightCatalog(List.of());
    private final MessageCodec codec = new MessageCodec();
    private final IngestApi api = new IngestApi(Optional.of(TOKEN), catalog,
            new InMemoryListings(new Shelf(catalog, new FiledFares(), (flight, why) -> { }), CLOCK::millis),
            new InMemoryPriceBus(10), codec, () -> "{\"type\":\"flights\"}", CLOCK);
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        clients.shutdownNow();
        api.close();
        codec.close();
    }

    private static ApiRequest request(String method, String path, String authorization, String body) {
        return new ApiRequest(method, path, "application/json", authorization,
                limit -> body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", false);
    }

    private static String text(ApiResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void theTokenIsTakenWithTheSchemeInAnyCase() {
        ApiResponse response = api.handle(request("PUT", "/flights/LH400-2026-12-24", "bEaReR " + TOKEN, FLIGHT));

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void aTokenThatOnlyStartsLikeTheRightOneIsRefused() {
        ApiResponse response = api.handle(request("PUT", "/flights/LH400-2026-12-24", "Bearer " + TOKEN.substring(0, 10), FLIGHT));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"farewatch\", error=\"invalid_token\"");
        assertThat(text(response)).doesNotContain(TOKEN.substring(0, 10));
    }

    @Test
    void anotherSchemeIsRefused() {
        assertThat(api.handle(request("PUT", "/flights/LH400-2026-12-24", "Basic " + TOKEN, FLIGHT)).status()).isEqualTo(401);
    }

    @Test
    void aFlightThatHasAlreadyDepartedIsRefused() {
        String departed = FLIGHT.replace("2026-12-24T10:15:00+01:00", "2026-12-06T12:00:00Z").replace("JFK", "CDG");

        ApiResponse response = api.handle(request("PUT", "/flights/LH400-2026-12-06", "Bearer " + TOKEN, departed));

        assertThat(response.status()).isEqualTo(400);
        assertThat(text(response)).contains("#/departure").contains("has passed");
    }

    @Test
    void aDepartureOnAnotherDateThanTheFlightIdsIsRefused() {
        ApiResponse response = api.handle(request("PUT", "/flights/LH400-2026-12-25", "Bearer " + TOKEN, FLIGHT));

        assertThat(response.status()).isEqualTo(400);
        assertThat(text(response)).contains("must be on 2026-12-25");
    }

    @Test
    void aListedFlightCannotChangeItsCurrency() {
        api.handle(request("PUT", "/flights/LH400-2026-12-24", "Bearer " + TOKEN, FLIGHT));

        ApiResponse response = api.handle(request("PUT", "/flights/LH400-2026-12-24", "Bearer " + TOKEN, FLIGHT.replace("EUR", "USD")));

        assertThat(response.status()).isEqualTo(409);
        assertThat(text(response)).contains("CURRENCY_CHANGE");
    }

    @Test
    void aHeadRequestIsAnsweredWithTheLengthOfTheBodyItOmits() {
        ApiResponse response = api.handle(request("HEAD", "/flights", null, null));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyOmitted()).isTrue();
        assertThat(response.body()).isEqualTo(api.handle(request("GET", "/flights", null, null)).body());
    }

    @Test
    void requestsBeyondTheFourWorkedOnAreAnswered503AtOnce() throws Exception {
        CountDownLatch reading = new CountDownLatch(IngestApi.MAX_CONCURRENT);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<ApiResponse>> slow = new ArrayList<>();
        for (int i = 0; i < IngestApi.MAX_CONCURRENT; i++) {
            ApiRequest uploading = new ApiRequest("POST", "/fares", "application/json", "Bearer " + TOKEN, limit -> {
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                return "[]".getBytes(StandardCharsets.UTF_8);
            }, "127.0.0.1", false);
            slow.add(CompletableFuture.supplyAsync(() -> api.handle(uploading), clients));
        }
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();

        ApiResponse refused = api.handle(request("GET", "/flights", null, null));
        release.countDown();

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers()).containsEntry("Retry-After", "1");
        for (CompletableFuture<ApiResponse> upload : slow) {
            assertThat(upload.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        assertThat(api.handle(request("GET", "/flights", null, null)).status()).isEqualTo(200);
    }
}
