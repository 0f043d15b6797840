package dev.farewatch.fanout;

import dev.farewatch.ingest.IngestApiIT;
import dev.farewatch.testing.ApiClient;
import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.WsClient;
import dev.farewatch.testing.WsClient.Received;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Price alerts on every target, driven by fares filed through the API ({@code FAREWATCH_MARKET=none},
 * the ingest tests' settings, so a container is shared with them): each filed fare is the flight's
 * price on every tick until the next.
 */
class AlertIT {

    @RegisterExtension
    static final FarewatchServer server = FarewatchServer.onEveryTarget(IngestApiIT.SETTINGS);

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Long enough for two ticks of a standing fare, either of which could trip an alert again. */
    private static final Duration TWO_TICKS = Duration.ofMillis(2_500);
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).plusDays(12);
    private static final AtomicInteger NUMBERS = new AtomicInteger(100);

    private final ApiClient api = new ApiClient(server.http(""), IngestApiIT.TOKEN);

    private String created() {
        String id = "ZA" + NUMBERS.incrementAndGet() + "-" + DAY;
        String flight = "{\"origin\":\"FRA\",\"destination\":\"JFK\",\"departure\":\"" + DAY + "T10:15:00+01:00\",\"currency\":\"EUR\"}";
        assertThat(api.put("api/flights/" + id, flight).status()).isEqualTo(201);
        return id;
    }

    private void file(String flightId, String price) {
        String fare = "{\"flightId\":\"" + flightId + "\",\"price\":" + price + ",\"currency\":\"EUR\"}";
        assertThat(api.post("api/fares", fare).json().getInt("accepted")).isEqualTo(1);
    }

    private static String alert(String flightId, String below) {
        return "{\"type\":\"alert\",\"flightId\":\"" + flightId + "\",\"below\":" + below + "}";
    }

    private static Received next(WsClient client) {
        return client.next(WAIT);
    }

    private static void nothingFor(WsClient client, Duration quiet) {
        await().during(quiet).atMost(quiet.plusSeconds(2)).until(() -> client.drain().isEmpty());
    }

    @Test
    void anAlertIsConfirmedWithItsThreshold() {
        String flight = created();
        try (WsClient client = server.connect()) {
            JsonObject set = client.send(alert(flight, "400")).next(WAIT).json();

            assertThat(set.getString("type")).isEqualTo("alertSet");
            assertThat(set.getString("flightId")).isEqualTo(flight);
            assertThat(set.getJsonNumber("below").bigDecimalValue()).isEqualByComparingTo("400");
        }
    }

    @Test
    void anIngestedFareAtOrBelowTheThresholdTriggersItOnceThenItReArmsAboveAndClears() {
        String flight = created();
        file(flight, "450.00");
        try (WsClient client = server.connect()) {
            client.send(alert(flight, "400")).next("alertSet", WAIT);
            nothingFor(client, TWO_TICKS);

            file(flight, "389.50");
            JsonObject triggered = next(client).json();
            assertThat(triggered.getString("type")).isEqualTo("alertTriggered");
            assertThat(triggered.getString("flightId")).isEqualTo(flight);
            assertThat(triggered.getJsonNumber("price").bigDecimalValue()).isEqualByComparingTo("389.50");
            assertThat(triggered.getString("currency")).isEqualTo("EUR");
            assertThat(triggered.getJsonNumber("below").bigDecimalValue()).isEqualByComparingTo("400");
            assertThat(triggered.getJsonNumber("ts").longValue()).isPositive();
            // The fare stands, and is the price of every tick: told once only.
            nothingFor(client, TWO_TICKS);

            file(flight, "420.00");
            nothingFor(client, TWO_TICKS);
            file(flight, "400.00");
            assertThat(next(client).json().getJsonNumber("price").bigDecimalValue()).isEqualByComparingTo("400.00");

            JsonObject cleared = client.send(alert(flight, "null")).next(WAIT).json();
            assertThat(cleared.getString("type")).isEqualTo("alertSet");
            assertThat(cleared.get("below")).isEqualTo(JsonValue.NULL);
            // Above, then below, each seen ticking: what would trigger it again, were it not cleared.
            aboveThenBelow(flight, "500.00", "300.00");
            nothingFor(client, TWO_TICKS);
        }
    }

    @Test
    void anAlertSetAgainUnarmedWaitsForAPriceAboveBeforeItTriggers() {
        String flight = created();
        file(flight, "350.00");
        try (WsClient client = server.connect()) {
            client.send("{\"type\":\"alert\",\"flightId\":\"" + flight + "\",\"below\":400,\"armed\":false}")
                    .next("alertSet", WAIT);
            nothingFor(client, TWO_TICKS);

            aboveThenBelow(flight, "450.00", "380.00");

            assertThat(next(client).json().getJsonNumber("price").bigDecimalValue()).isEqualByComparingTo("380.00");
        }
    }

    /** Files a fare above and then one below, each seen on a tick by a follower of the flight. */
    private void aboveThenBelow(String flight, String above, String below) {
        try (WsClient watcher = server.connect()) {
            watcher.send("{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}").next("subscribed", WAIT);
            for (String price : List.of(above, below)) {
                file(flight, price);
                watcher.next(m -> m.type().equals("price")
                        && m.json().getJsonNumber("price").bigDecimalValue().compareTo(new BigDecimal(price)) == 0, WAIT);
            }
        }
    }

    @Test
    void anAlertStreamsNoPricesAndNeedsNoFollow() {
        String flight = created();
        file(flight, "450.00");
        try (WsClient client = server.connect()) {
            client.send(alert(flight, "100")).next("alertSet", WAIT);

            nothingFor(client, TWO_TICKS);
        }
    }

    @Test
    void aThresholdThatIsNotAPositiveNumberIsRefusedAndTheConnectionStaysOpen() {
        String flight = created();
        try (WsClient client = server.connect()) {
            for (String below : List.of("0", "-5", "\"400\"", "true", "1e20", "400.12345")) {
                JsonObject error = client.send(alert(flight, below)).next(WAIT).json();

                assertThat(error.getString("type")).as(below).isEqualTo("error");
                assertThat(error.getString("code")).as(below).isEqualTo("INVALID_PRICE");
            }
            JsonObject missing = client.send("{\"type\":\"alert\",\"flightId\":\"" + flight + "\"}").next(WAIT).json();
            assertThat(missing.getString("code")).isEqualTo("INVALID_PRICE");
            assertThat(client.send("{\"type\":\"ping\"}").next(WAIT).type()).isEqualTo("pong");
        }
    }

    @Test
    void anAlertOnAnUnknownFlightIsRefused() {
        try (WsClient client = server.connect()) {
            assertThat(client.send(alert("ZZ9-2020-01-01", "10")).next(WAIT).json().getString("code")).isEqualTo("UNKNOWN_FLIGHT");
        }
    }

    @Test
    void alertsBelongToTheirConnection() {
        String flight = created();
        file(flight, "450.00");
        try (WsClient alerted = server.connect(); WsClient other = server.connect()) {
            alerted.send(alert(flight, "400")).next("alertSet", WAIT);
            other.send("{\"type\":\"ping\"}").next("pong", WAIT);

            file(flight, "399.00");

            assertThat(next(alerted).type()).isEqualTo("alertTriggered");
            nothingFor(other, TWO_TICKS);
        }
    }

    @Test
    void aRemovedFlightsAlertIsDroppedSayingWhy() {
        String flight = created();
        try (WsClient client = server.connect()) {
            client.send(alert(flight, "400")).next("alertSet", WAIT);

            assertThat(api.delete("api/flights/" + flight).status()).isEqualTo(204);

            JsonObject dropped = next(client).json();
            assertThat(dropped.getString("type")).isEqualTo("alertSet");
            assertThat(dropped.get("below")).isEqualTo(JsonValue.NULL);
            assertThat(dropped.getString("reason")).isEqualTo("removed");
        }
    }

    @Test
    void anIngestedFlightsHistoryStartsAtItsFirstFare() {
        String flight = created();
        try (WsClient client = server.connect()) {
            JsonObject none = client.send("{\"type\":\"history\",\"flightId\":\"" + flight + "\",\"minutes\":60}")
                    .next("history", WAIT).json();
            assertThat(none.getJsonArray("points")).isEmpty();
            assertThat(none.containsKey("insight")).isFalse();

            file(flight, "321.00");
            await().atMost(WAIT).until(() -> {
                JsonObject history = client.send("{\"type\":\"history\",\"flightId\":\"" + flight + "\",\"minutes\":60}")
                        .next("history", WAIT).json();
                JsonArray points = history.getJsonArray("points");
                return !points.isEmpty() && points.getJsonArray(points.size() - 1).getJsonNumber(1).bigDecimalValue()
                        .compareTo(new BigDecimal("321.00")) == 0;
            });
            JsonObject history = client.send("{\"type\":\"history\",\"flightId\":\"" + flight + "\",\"minutes\":60}")
                    .next("history", WAIT).json();
            assertThat(history.getJsonArray("points").size()).isBetween(1, 2);
            assertThat(history.getJsonObject("insight").getString("verdict")).isEqualTo("typical");
        }
    }
}
