package dev.farewatch.history;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.WsClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Price history over the protocol, on every target, from a node of the simulated market that has just started. */
class HistoryIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer();

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long MINUTE = 60_000;

    private static String history(String flightId, String minutes) {
        return "{\"type\":\"history\",\"flightId\":\"" + flightId + "\"" + (minutes == null ? "" : ",\"minutes\":" + minutes) + "}";
    }


    @Test
    void aFreshNodeAnswersAWeekOfMinutesAscendingToTheCurrentOne() {
        try (WsClient client = server.connect()) {
            String flight = server.flightIds().get(0);
            long before = System.currentTimeMillis() / MINUTE * MINUTE;

            JsonObject history = client.send(history(flight, "10080")).next("history", WAIT).json();
            long after = System.currentTimeMillis() / MINUTE * MINUTE;

            assertThat(history.getString("flightId")).isEqualTo(flight);
            assertThat(history.getInt("minutes")).isEqualTo(10_080);
            assertThat(history.getString("currency")).matches("[A-Z]{3}");
            List<JsonArray> points = history.getJsonArray("points").getValuesAs(JsonArray.class);
            assertThat(points).hasSize(10_080);
            long last = points.get(points.size() - 1).getJsonNumber(0).longValueExact();
            assertThat(last).isBetween(before, after);
            for (int i = 0; i < points.size(); i++) {
                JsonArray point = points.get(i);
                assertThat(point).hasSize(2);
                assertThat(point.getJsonNumber(0).longValueExact()).isEqualTo(last - (points.size() - 1 - i) * MINUTE);
                assertThat(point.getJsonNumber(1).bigDecimalValue()).isPositive();
            }
        }
    }

    @Test
    void theLastPointIsTheLatestPriceTheStreamSent() {
        try (WsClient client = server.connect()) {
            String flight = server.flightIds().get(1);
            client.send("{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}").next("subscribed", WAIT);
            BigDecimal before = client.prices(flight, 1, WAIT).get(0).json().getJsonNumber("price").bigDecimalValue();

            client.send(history(flight, "5"));
            // The connection's messages keep their order: the stream's latest price when the history was
            // answered is the last price sent before it, or, if it was ticked meanwhile, the first after.
            WsClient.Received message = client.next(WAIT);
            while (!message.type().equals("history")) {
                before = message.json().getJsonNumber("price").bigDecimalValue();
                message = client.next(WAIT);
            }
            JsonArray points = message.json().getJsonArray("points");
            BigDecimal after = client.prices(flight, 1, WAIT).get(0).json().getJsonNumber("price").bigDecimalValue();

            BigDecimal last = points.getJsonArray(points.size() - 1).getJsonNumber(1).bigDecimalValue();
            assertThat(last).isIn(before, after);
        }
    }

    @Test
    void theInsightGivesTheQuartilesAndAVerdictOnTheLatestPrice() {
        try (WsClient client = server.connect()) {
            String flight = server.flightIds().get(2);

            JsonObject history = client.send(history(flight, "1440")).next("history", WAIT).json();

            JsonObject insight = history.getJsonObject("insight");
            BigDecimal low = insight.getJsonNumber("low").bigDecimalValue();
            BigDecimal typical = insight.getJsonNumber("typical").bigDecimalValue();
            BigDecimal high = insight.getJsonNumber("high").bigDecimalValue();
            assertThat(low).isLessThanOrEqualTo(typical);
            assertThat(typical).isLessThanOrEqualTo(high);
            List<JsonArray> points = history.getJsonArray("points").getValuesAs(JsonArray.class);
            BigDecimal[] sorted = points.stream().map(point -> point.getJsonNumber(1).bigDecimalValue()).sorted()
                    .toArray(BigDecimal[]::new);
            int digits = sorted[0].scale();
            assertThat(low).isEqualByComparingTo(percentileInc(sorted, 0.25, digits));
            assertThat(typical).isEqualByComparingTo(percentileInc(sorted, 0.5, digits));
            assertThat(high).isEqualByComparingTo(percentileInc(sorted, 0.75, digits));
            BigDecimal current = points.get(points.size() - 1).getJsonNumber(1).bigDecimalValue();
            String expected = current.compareTo(low) <= 0 ? "low" : current.compareTo(high) >= 0 ? "high" : "typical";
            assertThat(insight.getString("verdict")).isEqualTo(low.compareTo(high) == 0 ? "typical" : expected);
        }
    }

    /** A spreadsheet's PERCENTILE.INC, written out again from its definition: rank (n - 1) p, interpolated. */
    private static BigDecimal percentileInc(BigDecimal[] sorted, double p, int digits) {
        double rank = (sorted.length - 1) * p;
        int below = (int) rank;
        BigDecimal next = sorted[Math.min(below + 1, sorted.length - 1)];
        return sorted[below].add(next.subtract(sorted[below]).multiply(BigDecimal.valueOf(rank - below)))
                .setScale(digits, java.math.RoundingMode.HALF_EVEN);
    }

    @Test
    void withoutMinutesItAnswersTheLastHour() {
        try (WsClient client = server.connect()) {
            JsonObject history = client.send(history(server.flightIds().get(0), null)).next("history", WAIT).json();

            assertThat(history.getInt("minutes")).isEqualTo(60);
            assertThat(history.getJsonArray("points")).hasSize(60);
        }
    }

    @Test
    void minutesOutOfRangeAreRefusedAndTheConnectionStaysOpen() {
        try (WsClient client = server.connect()) {
            String flight = server.flightIds().get(0);
            for (String minutes : List.of("0", "10081", "1.5", "\"60\"", "-3")) {
                JsonObject error = client.send(history(flight, minutes)).next(WAIT).json();

                assertThat(error.getString("type")).as(minutes).isEqualTo("error");
                assertThat(error.getString("code")).as(minutes).isEqualTo("INVALID_MINUTES");
                assertThat(error.getString("flightId")).isEqualTo(flight);
            }
            assertThat(client.send("{\"type\":\"ping\"}").next(WAIT).type()).isEqualTo("pong");
        }
    }

    @Test
    void anUnknownFlightIsRefused() {
        try (WsClient client = server.connect()) {
            JsonObject error = client.send(history("XX1-2020-01-01", "60")).next(WAIT).json();

            assertThat(error.getString("code")).isEqualTo("UNKNOWN_FLIGHT");
            assertThat(client.isOpen()).isTrue();
        }
    }

    @Test
    void historyNeedsNoFollowAndStreamsNothing() {
        try (WsClient client = server.connect()) {
            String flight = server.flightIds().get(3);
            client.send(history(flight, "2")).next("history", WAIT);

            // Two and a half seconds hold two or three of the flight's ticks, none of which may come.
            await().during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(4)).until(() -> client.drain().isEmpty());
        }
    }
}
