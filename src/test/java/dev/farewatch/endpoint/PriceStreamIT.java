package dev.farewatch.endpoint;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.WsClient;
import dev.farewatch.testing.WsClient.Received;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The documented protocol, spoken over a real WebSocket to the server under test. */
class PriceStreamIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer();

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static List<JsonObject> catalog;

    @BeforeAll
    static void readCatalog() {
        try (WsClient client = server.connect()) {
            catalog = client.send("{\"type\":\"flights\"}").next("flights", WAIT).json()
                    .getJsonArray("flights").getValuesAs(JsonObject.class);
        }
    }

    private static String flight(int index) {
        return catalog.get(index).getString("flightId");
    }

    private static String subscribe(String flightId) {
        return "{\"type\":\"subscribe\",\"flightId\":\"" + flightId + "\"}";
    }

    @Test
    void flightsListsACatalogOfRealRoutes() {
        assertThat(catalog).hasSizeGreaterThanOrEqualTo(100);
        for (JsonObject flight : catalog) {
            assertThat(flight.getString("flightId")).matches("[A-Z0-9]{2}[0-9]{1,4}-[0-9]{4}-[0-9]{2}-[0-9]{2}");
            assertThat(flight.getString("flightId")).startsWith(flight.getString("flightNumber") + "-");
            assertThat(flight.getString("origin")).matches("[A-Z]{3}");
            assertThat(flight.getString("destination")).matches("[A-Z]{3}").isNotEqualTo(flight.getString("origin"));
            assertThat(flight.getString("departure")).contains("T");
            assertThat(flight.getString("carrierName")).isNotBlank();
            Currency.getInstance(flight.getString("currency"));
        }
    }

    @Test
    void subscribeIsConfirmedThenTheCurrentPriceFollowsAtOnce() {
        try (WsClient client = server.connect()) {
            client.send(subscribe(flight(0)));
            Received confirmed = client.next(WAIT);
            Received price = client.next(WAIT);

            assertThat(confirmed.json()).isEqualTo(Map.of("type", jsonString("subscribed"), "flightId", jsonString(flight(0)),
                    "epoch", jsonString(price.json().getString("epoch"))));
            assertThat(price.type()).isEqualTo("price");
            assertThat(Duration.ofNanos(price.nanos() - confirmed.nanos())).isLessThan(Duration.ofMillis(300));
        }
    }

    @Test
    void aPriceMessageHasTheDocumentedFields() {
        try (WsClient client = server.connect()) {
            JsonObject price = client.send(subscribe(flight(1))).next("price", WAIT).json();

            assertThat(price.keySet()).containsExactly("type", "flightId", "price", "currency", "ts", "epoch", "seq", "change");
            assertThat(price.getString("epoch")).isNotBlank();
            assertThat(price.getString("flightId")).isEqualTo(flight(1));
            Currency currency = Currency.getInstance(price.getString("currency"));
            assertThat(price.getString("currency")).isEqualTo(catalog.get(1).getString("currency"));
            BigDecimal amount = price.getJsonNumber("price").bigDecimalValue();
            assertThat(amount).isPositive();
            assertThat(amount.scale()).isLessThanOrEqualTo(currency.getDefaultFractionDigits());
            assertThat(price.getJsonNumber("ts").longValueExact()).isCloseTo(System.currentTimeMillis(), within(5_000L));
            assertThat(price.getJsonNumber("seq").isIntegral()).isTrue();
            assertThat(price.getJsonNumber("change").bigDecimalValue().scale()).isLessThanOrEqualTo(currency.getDefaultFractionDigits());
        }
    }

    @Test
    void pricesArriveOncePerSecond() {
        try (WsClient client = server.connect()) {
            client.send(subscribe(flight(2))).prices(flight(2), 1, WAIT);
            List<Received> prices = client.prices(flight(2), 6, Duration.ofSeconds(10));

            for (int i = 1; i < prices.size(); i++) {
                long gapMillis = (prices.get(i).nanos() - prices.get(i - 1).nanos()) / 1_000_000;
                assertThat(gapMillis).as("gap before price %d", i).isBetween(800L, 1_200L);
                long tsStep = prices.get(i).json().getJsonNumber("ts").longValue() - prices.get(i - 1).json().getJsonNumber("ts").longValue();
                assertThat(tsStep).isEqualTo(1_000L);
            }
        }
    }

    @Test
    void eachFlightTicksOnItsOwnInstantOfTheSecond() {
        try (WsClient client = server.connect()) {
            client.send(subscribe(flight(10))).send(subscribe(flight(11)));
            client.prices(flight(10), 1, WAIT);
            client.prices(flight(11), 1, WAIT);
            Set<Long> offsetsOf10 = offsetsInTheSecond(client.prices(flight(10), 3, Duration.ofSeconds(10)));
            Set<Long> offsetsOf11 = offsetsInTheSecond(client.prices(flight(11), 3, Duration.ofSeconds(10)));

            assertThat(offsetsOf10).hasSize(1);
            assertThat(offsetsOf11).hasSize(1).doesNotContainAnyElementsOf(offsetsOf10);
        }
    }

    private static Set<Long> offsetsInTheSecond(List<Received> prices) {
        return prices.stream().map(price -> price.json().getJsonNumber("ts").longValue() % 1_000).collect(Collectors.toSet());
    }

    @Test
    void seqGrowsByExactlyOneEachTickAndChangeIsTheStepInPrice() {
        try (WsClient client = server.connect()) {
            client.send(subscribe(flight(3))).prices(flight(3), 1, WAIT);
            List<JsonObject> prices = client.prices(flight(3), 5, Duration.ofSeconds(10)).stream().map(Received::json).toList();

            for (int i = 1; i < prices.size(); i++) {
                assertThat(seq(prices.get(i))).isEqualTo(seq(prices.get(i - 1)) + 1);
                BigDecimal step = amount(prices.get(i), "price").subtract(amount(prices.get(i - 1), "price"));
                assertThat(amount(prices.get(i), "change")).isEqualByComparingTo(step);
            }
        }
    }

    @Test
    void twoSubscribersOfOneFlightSeeIdenticalQuotes() {
        try (WsClient first = server.connect(); WsClient second = server.connect()) {
            first.send(subscribe(flight(4)));
            second.send(subscribe(flight(4)));
            Map<Long, String> seenByFirst = bySeq(first.prices(flight(4), 4, Duration.ofSeconds(10)));
            Map<Long, String> seenBySecond = bySeq(second.prices(flight(4), 4, Duration.ofSeconds(10)));

            Map<Long, String> common = seenByFirst.entrySet().stream().filter(e -> seenBySecond.containsKey(e.getKey()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(common).hasSizeGreaterThanOrEqualTo(3);
            common.forEach((seq, text) -> assertThat(seenBySecond.get(seq)).isEqualTo(text));
        }
    }

    @Test
    void oneConnectionFollowsSeveralFlights() {
        try (WsClient client = server.connect()) {
            List<String> flights = List.of(flight(5), flight(6), flight(7));
            flights.forEach(flight -> client.send(subscribe(flight)));
            Map<String, Long> pricesPerFlight = new HashMap<>();
            client.next(m -> m.type().equals("price")
                    && pricesPerFlight.merge(m.json().getString("flightId"), 1L, Long::sum) > 0
                    && pricesPerFlight.values().stream().filter(n -> n >= 2).count() == flights.size(),
                    Duration.ofSeconds(10));

            assertThat(pricesPerFlight).containsOnlyKeys(flights);
        }
    }

    @Test
    void unsubscribeStopsThePricesOfThatFlightOnly() {
        try (WsClient client = server.connect()) {
            client.send(subscribe(flight(8))).send(subscribe(flight(9)));
            client.prices(flight(8), 1, WAIT);
            client.send("{\"type\":\"unsubscribe\",\"flightId\":\"" + flight(8) + "\"}");
            Received unsubscribed = client.next("unsubscribed", WAIT);
            assertThat(unsubscribed.json().getString("flightId")).isEqualTo(flight(8));

            client.prices(flight(9), 3, Duration.ofSeconds(10));
            List<Received> later = client.drain();
            assertThat(later).noneMatch(m -> m.type().equals("price") && m.json().getString("flightId").equals(flight(8)));
        }
    }

    @Test
    void theOriginalFlightIdRequestSubscribesToo() {
        try (WsClient client = server.connect()) {
            client.send("{\"flight_id\":\"" + flight(10) + "\"}");

            assertThat(client.next(WAIT).json().getString("type")).isEqualTo("subscribed");
            assertThat(client.prices(flight(10), 2, Duration.ofSeconds(5))).hasSize(2);
        }
    }

    @Test
    void thePathWithATrailingSlashStreamsTheSame() {
        try (WsClient client = WsClient.connect(server.webSocket("ws/flight-price/"))) {
            client.send(subscribe(flight(11)));

            assertThat(client.next(WAIT).type()).isEqualTo("subscribed");
            assertThat(client.prices(flight(11), 2, Duration.ofSeconds(5))).hasSize(2);
        }
    }

    @Test
    void pingIsAnsweredWithPongCarryingTheServerClock() {
        try (WsClient client = server.connect()) {
            JsonObject pong = client.send("{\"type\":\"ping\"}").next(WAIT).json();

            assertThat(pong.getString("type")).isEqualTo("pong");
            assertThat(pong.getJsonNumber("ts").longValueExact()).isCloseTo(System.currentTimeMillis(), within(5_000L));
        }
    }

    @Test
    void subscribingTwiceIsConfirmedAgainWithoutRepeatingAPrice() {
        try (WsClient client = server.connect()) {
            client.send(subscribe(flight(12))).prices(flight(12), 1, WAIT);
            client.send(subscribe(flight(12)));

            assertThat(client.next("subscribed", WAIT).json().getString("flightId")).isEqualTo(flight(12));
            List<Long> seqs = client.prices(flight(12), 2, Duration.ofSeconds(5)).stream().map(m -> seq(m.json())).toList();
            assertThat(seqs.get(1)).isEqualTo(seqs.get(0) + 1);
        }
    }

    @Test
    void aFlightsStreamMovesOnWhileNobodyFollowsItAndItsSeqNeverStartsAgain() {
        try (WsClient client = server.connect(); WsClient clock = server.connect()) {
            long lastSeen = seq(client.send(subscribe(flight(20))).prices(flight(20), 2, WAIT).get(1).json());
            client.send("{\"type\":\"unsubscribe\",\"flightId\":\"" + flight(20) + "\"}").next("unsubscribed", WAIT);

            clock.send(subscribe(flight(21))).prices(flight(21), 4, WAIT);

            long reopened = seq(client.send(subscribe(flight(20))).prices(flight(20), 1, WAIT).get(0).json());
            assertThat(reopened).as("three ticks passed unwatched").isGreaterThanOrEqualTo(lastSeen + 2);
        }
    }

    private static Map<Long, String> bySeq(List<Received> prices) {
        return prices.stream().collect(Collectors.toMap(m -> seq(m.json()), Received::text, (a, b) -> a));
    }

    private static long seq(JsonObject price) {
        return price.getJsonNumber("seq").longValueExact();
    }

    private static BigDecimal amount(JsonObject price, String field) {
        return ((JsonNumber) price.get(field)).bigDecimalValue();
    }

    private static JsonValue jsonString(String text) {
        return jakarta.json.Json.createValue(text);
    }
}
