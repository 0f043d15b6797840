package dev.farewatch.listing.redis;

import dev.farewatch.testing.ApiClient;
import dev.farewatch.testing.Cluster;
import dev.farewatch.testing.EmbeddedNode;
import dev.farewatch.testing.WsClient;
import dev.farewatch.testing.WsClient.Received;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalog and the filed fares of a cluster: two embedded nodes, each a process of its own, on one
 * real Redis, with the API switched on. What is changed through one node holds on every node.
 */
class ClusterListingsIT {

    private static final String TOKEN = "cluster-token-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String DAY = LocalDate.now(ZoneOffset.UTC).plusDays(9).toString();

    @RegisterExtension
    final Cluster cluster = Cluster.of(Map.of("apiToken", TOKEN), "node-a", "node-b");
    private final List<EmbeddedNode> nodes = cluster.nodes();

    private WsClient client(EmbeddedNode node) {
        return cluster.client(node);
    }

    private static ApiClient api(EmbeddedNode node) {
        return new ApiClient(node.http(), TOKEN);
    }

    private static Received subscribed(WsClient client, String flight) {
        return client.send("{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}").next("subscribed", WAIT);
    }

    private static boolean priced(Received message, String flight, String price) {
        return message.type().equals("price") && message.json().getString("flightId").equals(flight)
                && message.json().getJsonNumber("price").bigDecimalValue().compareTo(new BigDecimal(price)) == 0;
    }

    @Test
    void aFarePostedToOneNodeReachesSubscribersOnTheOtherAtTheSameSeq() {
        EmbeddedNode a = nodes.get(0);
        EmbeddedNode b = nodes.get(1);
        String flight = client(a).flightIds(WAIT).get(5);
        String currency = api(a).get("api/flights/" + flight).json().getString("currency");
        WsClient onA = client(a);
        WsClient onB = client(b);
        subscribed(onA, flight);
        subscribed(onB, flight);

        String body = "{\"flightId\":\"" + flight + "\",\"price\":1234,\"currency\":\"" + currency + "\"}";
        assertThat(api(a).post("api/fares", body).json().getInt("accepted")).isEqualTo(1);

        Received seenOnB = onB.next(m -> priced(m, flight, "1234"), WAIT);
        Received seenOnA = onA.next(m -> priced(m, flight, "1234"), WAIT);
        assertThat(seenOnB.text()).isEqualTo(seenOnA.text());
    }

    @Test
    void aFlightCreatedThroughOneNodeIsListedPricedAndRemovedOnTheOther() {
        EmbeddedNode a = nodes.get(0);
        EmbeddedNode b = nodes.get(1);
        String flight = "ZQ77-" + DAY;
        assertThat(api(a).put("api/flights/" + flight, "{\"origin\":\"FRA\",\"destination\":\"JFK\",\"departure\":\"" + DAY
                + "T10:15:00+01:00\",\"currency\":\"EUR\"}").status()).isEqualTo(201);

        await().atMost(WAIT).until(() -> client(b).flightIds(WAIT).contains(flight));
        WsClient onB = client(b);
        subscribed(onB, flight);
        api(a).post("api/fares", "{\"flightId\":\"" + flight + "\",\"price\":321.5,\"currency\":\"EUR\"}");
        onB.next(m -> priced(m, flight, "321.50"), WAIT);

        assertThat(api(a).delete("api/flights/" + flight).status()).isEqualTo(204);

        Received told = onB.next(m -> m.type().equals("unsubscribed"), WAIT);
        assertThat(told.json().getString("reason")).isEqualTo("removed");
        assertThat(api(b).get("api/flights/" + flight).status()).isEqualTo(404);
    }

    @Test
    void whenRedisComesBackEmptyTheCatalogStaysAndNewFaresGoThrough() throws Exception {
        EmbeddedNode a = nodes.get(0);
        EmbeddedNode b = nodes.get(1);
        String flight = "ZQ79-" + DAY;
        api(a).put("api/flights/" + flight, "{\"origin\":\"FRA\",\"destination\":\"JFK\",\"departure\":\"" + DAY
                + "T12:15:00+01:00\",\"currency\":\"EUR\"}");
        api(a).post("api/fares", "{\"flightId\":\"" + flight + "\",\"price\":100,\"currency\":\"EUR\"}");
        List<String> catalog = client(a).flightIds(WAIT);
        WsClient onA = client(a);
        subscribed(onA, flight);

        cluster.redis().kill();
        cluster.redis().start();
        await().atMost(WAIT).until(() -> busConnected(a) && busConnected(b));

        await().atMost(WAIT).untilAsserted(() -> assertThat(api(b).post("api/fares",
                "{\"flightId\":\"" + flight + "\",\"price\":555,\"currency\":\"EUR\"}").json().getInt("accepted")).isEqualTo(1));
        onA.next(m -> priced(m, flight, "555"), WAIT);
        assertThat(client(b).flightIds(WAIT)).isEqualTo(catalog);
        assertThat(client(a).flightIds(WAIT)).isEqualTo(catalog);
    }

    @Test
    void everyNodeAnswersTheSameWeekOfHistoryAndAFareFiledOnOneMovesItOnAll() {
        EmbeddedNode a = nodes.get(0);
        EmbeddedNode b = nodes.get(1);
        WsClient onA = client(a);
        WsClient onB = client(b);
        String flight = onA.flightIds(WAIT).get(5);
        // Kept open over the minute this waits: a connection that follows nothing is closed after 30 s.
        subscribed(onA, flight);
        subscribed(onB, flight);
        assertSamePast(history(onA, flight, 10_080), history(onB, flight, 10_080));

        JsonArray before = history(onA, flight, 3);
        String tenfold = before.getJsonArray(0).getJsonNumber(1).bigDecimalValue().multiply(BigDecimal.TEN).toPlainString();
        String currency = onA.send("{\"type\":\"history\",\"flightId\":\"" + flight + "\",\"minutes\":1}")
                .next("history", WAIT).json().getString("currency");
        assertThat(api(b).post("api/fares", "{\"flightId\":\"" + flight + "\",\"price\":" + tenfold + ",\"currency\":\""
                + currency + "\"}").json().getInt("accepted")).isEqualTo(1);

        // Past minutes are replayed from the fare log in Redis: both nodes read the same one.
        await().atMost(Duration.ofSeconds(75)).until(() -> {
            JsonArray points = history(onA, flight, 2);
            return points.getJsonArray(0).getJsonNumber(1).doubleValue() > 5 * before.getJsonArray(0).getJsonNumber(1).doubleValue();
        });
        assertSamePast(history(onA, flight, 60), history(onB, flight, 60));
    }

    @Test
    void anAlertFiresOnANodeThatDoesNotRunTheMarket() {
        EmbeddedNode a = nodes.get(0);
        EmbeddedNode b = nodes.get(1);
        String flight = "ZQ80-" + DAY;
        api(a).put("api/flights/" + flight, "{\"origin\":\"FRA\",\"destination\":\"JFK\",\"departure\":\"" + DAY
                + "T13:15:00+01:00\",\"currency\":\"EUR\"}");
        await().atMost(WAIT).until(() -> client(b).flightIds(WAIT).contains(flight));
        WsClient onA = client(a);
        WsClient onB = client(b);
        onA.send("{\"type\":\"alert\",\"flightId\":\"" + flight + "\",\"below\":50}").next("alertSet", WAIT);
        onB.send("{\"type\":\"alert\",\"flightId\":\"" + flight + "\",\"below\":50}").next("alertSet", WAIT);

        api(a).post("api/fares", "{\"flightId\":\"" + flight + "\",\"price\":49,\"currency\":\"EUR\"}");

        assertThat(onA.next("alertTriggered", WAIT).json().getJsonNumber("price").intValue()).isEqualTo(49);
        assertThat(onB.next("alertTriggered", WAIT).json().getJsonNumber("price").intValue()).isEqualTo(49);
    }

    private static JsonArray history(WsClient client, String flight, int minutes) {
        return client.send("{\"type\":\"history\",\"flightId\":\"" + flight + "\",\"minutes\":" + minutes + "}")
                .next("history", WAIT).json().getJsonArray("points");
    }

    /**
     * The same price at every past minute both answers hold. Their current minutes are each node's
     * latest price, which two reads a moment apart may not share, and a minute may turn between them.
     */
    private static void assertSamePast(JsonArray one, JsonArray other) {
        Map<Long, JsonValue> a = pastByMinute(one);
        Map<Long, JsonValue> b = pastByMinute(other);
        a.keySet().retainAll(b.keySet());
        b.keySet().retainAll(a.keySet());
        assertThat(a).hasSizeGreaterThanOrEqualTo(one.size() - 3).isEqualTo(b);
    }

    private static Map<Long, JsonValue> pastByMinute(JsonArray points) {
        Map<Long, JsonValue> byMinute = new java.util.TreeMap<>();
        for (JsonArray point : points.subList(0, points.size() - 1).stream().map(JsonValue::asJsonArray).toList()) {
            byMinute.put(point.getJsonNumber(0).longValueExact(), point.get(1));
        }
        return byMinute;
    }

    private boolean busConnected(EmbeddedNode node) {
        return client(node).send("{\"type\":\"info\"}").next("info", WAIT).json().getBoolean("busConnected");
    }

    @Test
    void aNodeThatJoinsLaterReadsTheCatalogAsTheClusterChangedIt() throws Exception {
        EmbeddedNode a = nodes.get(0);
        String removed = client(a).flightIds(WAIT).get(0);
        String added = "ZQ78-" + DAY;
        api(a).put("api/flights/" + added, "{\"origin\":\"FRA\",\"destination\":\"JFK\",\"departure\":\"" + DAY
                + "T11:15:00+01:00\",\"currency\":\"EUR\"}");
        assertThat(api(a).delete("api/flights/" + removed).status()).isEqualTo(204);

        EmbeddedNode c = cluster.join("node-c");

        List<String> onC = client(c).flightIds(WAIT);
        assertThat(onC).contains(added).doesNotContain(removed);
        assertThat(onC).isEqualTo(client(a).flightIds(WAIT));
    }
}
