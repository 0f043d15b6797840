package dev.farewatch.ingest;

import dev.farewatch.testing.ApiClient;
import dev.farewatch.testing.ApiClient.Answer;
import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.WsClient;
import dev.farewatch.testing.WsClient.Received;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP API as a fare team uses it, on every target, with {@code FAREWATCH_MARKET=none}: every
 * flight and every price comes from the API, and reaches WebSocket subscribers.
 */
public class IngestApiIT {

    public static final String TOKEN = "it-token-0123456789abcdef";
    /** The API on, the market off; other tests of filed fares take the same, to share a container's boot. */
    public static final Map<String, String> SETTINGS = Map.of("farewatch.apiToken", TOKEN, "farewatch.market", "none");

    @RegisterExtension
    static final FarewatchServer server = FarewatchServer.onEveryTarget(SETTINGS);

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The promise: a posted fare is on subscribers' screens within this. */
    private static final Duration FARE_TO_SUBSCRIBER = Duration.ofSeconds(2);
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).plusDays(10);
    private static final AtomicInteger NUMBERS = new AtomicInteger(100);

    private final ApiClient api = new ApiClient(server.http(""), TOKEN);

    private static String newFlightId() {
        return "ZQ" + NUMBERS.incrementAndGet() + "-" + DAY;
    }

    private static String flight(String currency) {
        return "{\"origin\":\"FRA\",\"destination\":\"JFK\",\"departure\":\"" + DAY + "T10:15:00+01:00\",\"currency\":\"" + currency + "\"}";
    }

    private String created(String currency) {
        String id = newFlightId();
        assertThat(api.put("api/flights/" + id, flight(currency)).status()).isEqualTo(201);
        return id;
    }

    private static String fare(String flightId, String price, String currency) {
        return "{\"flightId\":\"" + flightId + "\",\"price\":" + price + ",\"currency\":\"" + currency + "\"}";
    }

    private static String subscribe(String flightId) {
        return "{\"type\":\"subscribe\",\"flightId\":\"" + flightId + "\"}";
    }

    private static Received nextOf(WsClient client, String flightId) {
        return client.next(m -> flightId.equals(m.json().getString("flightId", null)), WAIT);
    }

    private static BigDecimal number(Received message, String field) {
        return message.json().getJsonNumber(field).bigDecimalValue();
    }

    @Test
    void aCreatedFlightIsAnswered201AndListedByTheApiAndOnTheWebSocketAtOnce() {
        String id = newFlightId();

        Answer created = api.put("api/flights/" + id, flight("EUR"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/flights/" + id);
        assertThat(created.json().getString("flightId")).isEqualTo(id);
        assertThat(created.json().getString("originCity")).isEqualTo("Frankfurt");
        assertThat(api.get("api/flights/" + id).json().getString("destination")).isEqualTo("JFK");
        JsonArray listed = api.get("api/flights").json().getJsonArray("flights");
        assertThat(listed.getValuesAs(JsonObject.class)).extracting(f -> f.getString("flightId")).contains(id);
        try (WsClient client = server.connect()) {
            assertThat(client.flightIds(WAIT)).contains(id);
        }
    }

    @Test
    void puttingAFlightAgainReplacesItAnswering200() {
        String id = created("EUR");

        Answer replaced = api.put("api/flights/" + id, flight("EUR").replace("JFK", "EWR"));

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(api.get("api/flights/" + id).json().getString("destination")).isEqualTo("EWR");
    }

    @Test
    void aFlightWithBadFieldsIsRefusedNamingEachOne() {
        Answer refused = api.put("api/flights/" + newFlightId(),
                "{\"origin\":\"fra\",\"destination\":\"JFK\",\"departure\":\"" + DAY.plusDays(1) + "T10:15:00+01:00\",\"currency\":\"EURO\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().getString("code")).isEqualTo("INVALID_FLIGHT");
        assertThat(refused.json().getJsonArray("errors").getValuesAs(JsonObject.class)).extracting(e -> e.getString("pointer"))
                .containsExactlyInAnyOrder("#/origin", "#/departure", "#/currency");
    }

    @Test
    void aPostedFareReachesSubscribersWithinTwoSecondsAndTheNextCarriesItsChange() {
        String id = created("EUR");
        try (WsClient client = server.connect()) {
            client.send(subscribe(id));
            assertThat(nextOf(client, id).type()).isEqualTo("subscribed");

            long posted = System.nanoTime();
            assertThat(api.post("api/fares", fare(id, "412.37", "EUR")).json().getInt("accepted")).isEqualTo(1);
            Received first = nextOf(client, id);

            assertThat(Duration.ofNanos(first.nanos() - posted)).isLessThan(FARE_TO_SUBSCRIBER);
            assertThat(number(first, "price")).isEqualByComparingTo("412.37");
            assertThat(number(first, "change")).isEqualByComparingTo("0");

            api.post("api/fares", fare(id, "400.00", "EUR"));
            Received lower = client.next(m -> m.type().equals("price") && number(m, "price").compareTo(new BigDecimal("400")) == 0, WAIT);
            assertThat(number(lower, "change")).isEqualByComparingTo("-12.37");

            Received standing = nextOf(client, id);
            assertThat(number(standing, "price")).isEqualByComparingTo("400.00");
            assertThat(number(standing, "change")).isEqualByComparingTo("0");
            assertThat(standing.json().getJsonNumber("seq").longValue()).isEqualTo(lower.json().getJsonNumber("seq").longValue() + 1);
        }
    }

    @Test
    void aBatchTakesTheValidFaresAndListsEachRefusedOneByIndexAndCode() {
        String eur = created("EUR");
        String jpy = created("JPY");
        String batch = "[" + String.join(",",
                fare(eur, "199.99", "EUR"),
                "{\"flightId\":\"LH4-xx\",\"price\":1,\"currency\":\"EUR\"}",
                fare("ZQ9999-" + DAY, "10", "EUR"),
                fare(eur, "\"12\"", "EUR"),
                fare(eur, "-1", "EUR"),
                fare(eur, "1.234", "EUR"),
                fare(eur, "100", "USD"),
                fare(jpy, "84500.5", "JPY"),
                fare(jpy, "84500", "JPY")) + "]";

        Answer answer = api.post("api/fares", batch);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().getInt("accepted")).isEqualTo(2);
        assertThat(answer.json().getJsonArray("rejected").getValuesAs(JsonObject.class))
                .extracting(r -> r.getInt("index") + " " + r.getString("code"))
                .containsExactly("1 INVALID_FLIGHT_ID", "2 UNKNOWN_FLIGHT", "3 INVALID_PRICE", "4 INVALID_PRICE",
                        "5 INVALID_PRICE", "6 CURRENCY_MISMATCH", "7 INVALID_PRICE");
        assertThat(answer.json().getJsonArray("rejected").getJsonObject(0).getString("message")).contains("LH4-xx");
    }

    @Test
    void theLatestPriceIsReadWithoutATokenAndMayBeCachedForASecond() {
        String id = created("JPY");
        Answer none = api.withToken(null).get("api/fares/" + id);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().getString("code")).isEqualTo("NO_PRICE_YET");

        api.post("api/fares", fare(id, "84500", "JPY"));

        Answer latest = awaitPrice(id);
        assertThat(latest.json().getString("type")).isEqualTo("price");
        assertThat(latest.json().getJsonNumber("price").bigDecimalValue()).isEqualByComparingTo("84500");
        assertThat(latest.header("Cache-Control")).isEqualTo("public, max-age=1");
        assertThat(api.withToken(null).get("api/flights").header("Cache-Control")).isEqualTo("public, max-age=1");
    }

    private Answer awaitPrice(String id) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> api.get("api/fares/" + id), a -> a.status() == 200);
    }

    @Test
    void aFlightWithNoFareYetCanBeFollowedAndGetsItsFirstPriceWithItsFirstFare() {
        String id = created("EUR");
        try (WsClient client = server.connect()) {
            client.send(subscribe(id));
            Received subscribed = nextOf(client, id);
            assertThat(subscribed.type()).isEqualTo("subscribed");
            assertThat(subscribed.json()).doesNotContainKey("epoch");

            api.post("api/fares", fare(id, "99", "EUR"));

            Received first = nextOf(client, id);
            assertThat(first.type()).isEqualTo("price");
            assertThat(number(first, "price")).isEqualByComparingTo("99.00");
            assertThat(first.text()).contains("\"price\":99.00");
        }
    }

    @Test
    void aRemovedFlightsFollowersAreToldAndGetNoPriceAfter() throws Exception {
        String id = created("EUR");
        api.post("api/fares", fare(id, "250", "EUR"));
        try (WsClient client = server.connect()) {
            client.send(subscribe(id));
            client.prices(id, 2, WAIT);

            assertThat(api.delete("api/flights/" + id).status()).isEqualTo(204);

            Received told = client.next(m -> m.type().equals("unsubscribed"), WAIT);
            assertThat(told.json().getString("flightId")).isEqualTo(id);
            assertThat(told.json().getString("reason")).isEqualTo("removed");
            // A removed flight would tick again within a second: two and a half seconds of silence show it does not.
            assertThatThrownBy(() -> client.next(m -> id.equals(m.json().getString("flightId", null)), Duration.ofMillis(2_500)))
                    .hasMessageContaining("No message within");
            assertThat(client.send("{\"type\":\"ping\"}").next("pong", WAIT)).isNotNull();
        }
        assertThat(api.get("api/flights/" + id).status()).isEqualTo(404);
        assertThat(api.delete("api/flights/" + id).status()).isEqualTo(404);
        try (WsClient client = server.connect()) {
            assertThat(client.flightIds(WAIT)).doesNotContain(id);
        }
    }

    @Test
    void aFlightLeavesTheCatalogWhenItDepartsTellingItsFollowers() {
        OffsetDateTime departure = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        String id = "ZQ" + NUMBERS.incrementAndGet() + "-" + departure.toLocalDate();
        assertThat(api.put("api/flights/" + id, "{\"origin\":\"FRA\",\"destination\":\"JFK\",\"departure\":\"" + departure
                + "\",\"currency\":\"EUR\"}").status()).isEqualTo(201);
        try (WsClient client = server.connect()) {
            client.send(subscribe(id));
            assertThat(nextOf(client, id).type()).isEqualTo("subscribed");

            Received told = client.next(m -> m.type().equals("unsubscribed"), WAIT);

            assertThat(told.json().getString("reason")).isEqualTo("departed");
            assertThat(OffsetDateTime.now(ZoneOffset.UTC)).isAfterOrEqualTo(departure);
        }
        assertThat(api.get("api/flights/" + id).status()).isEqualTo(404);
    }

    @Test
    void aWriteWithoutTheTokenIs401WithABearerChallenge() {
        Answer missing = api.withToken(null).post("api/fares", fare(newFlightId(), "1", "EUR"));
        Answer wrong = api.withToken("not-the-token-at-all-0000").delete("api/flights/" + newFlightId());

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(missing.json().getString("code")).isEqualTo("UNAUTHORIZED");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void aBodyThatIsNotJsonIs400ProblemDetails() {
        Answer answer = api.post("api/fares", "{\"flightId\":");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().getInt("status")).isEqualTo(400);
        assertThat(answer.json().getString("title")).isEqualTo("Bad Request");
        assertThat(answer.json().getString("code")).isEqualTo("INVALID_JSON");
    }

    @Test
    void aBodyThatIsNeitherAFareNorAnArrayIs400() {
        assertThat(api.post("api/fares", "\"fares\"").json().getString("code")).isEqualTo("NOT_A_FARE");
    }

    @Test
    void aBatchOfMoreThanAThousandFaresIs400() {
        String id = newFlightId();
        String batch = IntStream.range(0, 1_001).mapToObj(i -> fare(id, "1", "EUR")).collect(Collectors.joining(",", "[", "]"));

        Answer answer = api.post("api/fares", batch);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getString("code")).isEqualTo("TOO_MANY_FARES");
    }

    @Test
    void aBodyOverOneMebibyteIs413() {
        Answer answer = api.post("api/fares", "[" + " ".repeat(1 << 20) + "]");

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().getString("code")).isEqualTo("BODY_TOO_LARGE");
    }

    @Test
    void aBodyOfAnotherContentTypeIs415() {
        Answer answer = api.send("POST", "api/fares", fare(newFlightId(), "1", "EUR"), "text/plain");

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.json().getString("code")).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void anUnknownPathOrMethodGetsAProblemToo() {
        assertThat(api.get("api/nothing-here").status()).isEqualTo(404);
        Answer wrongMethod = api.send("PATCH", "api/flights", "{}", "application/json");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void writesAreCountedOnlyForFlightsInTheCatalog() {
        List<String> ids = List.of(created("EUR"), created("EUR"));
        String batch = ids.stream().map(id -> fare(id, "10.5", "EUR")).collect(Collectors.joining(",", "[", "]"));

        assertThat(api.post("api/fares", batch).json().getInt("accepted")).isEqualTo(2);
    }
}
