package dev.farewatch.endpoint;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad input gets a clear answer, and only the connection that sent it is affected. */
class BadInputIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer();

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static List<String> flightIds;

    @BeforeAll
    static void readCatalog() {
        flightIds = server.flightIds();
    }

    private static JsonObject answerTo(String request) {
        try (WsClient client = server.connect()) {
            return client.send(request).next(WAIT).json();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "{\"type\":", "{\"type\":\"ping\"} trailing", "", "{'type':'ping'}"})
    void textThatIsNotJsonIsBadJson(String text) {
        JsonObject error = answerTo(text);

        assertThat(error.getString("type")).isEqualTo("error");
        assertThat(error.getString("code")).isEqualTo("BAD_JSON");
        assertThat(error.getString("message")).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "42", "\"subscribe\"", "null", "true"})
    void jsonThatIsNotAnObjectIsBadJson(String text) {
        assertThat(answerTo(text).getString("code")).isEqualTo("BAD_JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"buy\"}", "{}", "{\"type\":7}", "{\"type\":\"SUBSCRIBE\",\"flightId\":\"LH400-2026-12-24\"}"})
    void aMissingOrUnknownTypeIsUnknownType(String text) {
        JsonObject error = answerTo(text);

        assertThat(error.getString("code")).isEqualTo("UNKNOWN_TYPE");
        assertThat(error.getString("message")).contains("subscribe");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LH400", "lh400-2026-12-24", "LH400-2026-13-01", "LH40000-2026-12-24", "LH400-26-12-24", "L-2026-12-24"})
    void aMalformedFlightIdIsInvalidAndEchoed(String flightId) {
        JsonObject error = answerTo("{\"type\":\"subscribe\",\"flightId\":\"" + flightId + "\"}");

        assertThat(error.getString("code")).isEqualTo("INVALID_FLIGHT_ID");
        assertThat(error.getString("flightId")).isEqualTo(flightId);
        assertThat(error.getString("message")).contains("LH400-2026-12-24");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"subscribe\"}", "{\"type\":\"subscribe\",\"flightId\":null}",
            "{\"type\":\"unsubscribe\",\"flightId\":400}", "{\"flight_id\":[\"LH400-2026-12-24\"]}"})
    void aMissingOrNonTextFlightIdIsInvalid(String request) {
        assertThat(answerTo(request).getString("code")).isEqualTo("INVALID_FLIGHT_ID");
    }

    @Test
    void aWellFormedFlightNotInTheCatalogIsUnknown() {
        JsonObject error = answerTo("{\"type\":\"subscribe\",\"flightId\":\"ZZ9999-2026-12-24\"}");

        assertThat(error.getString("code")).isEqualTo("UNKNOWN_FLIGHT");
        assertThat(error.getString("flightId")).isEqualTo("ZZ9999-2026-12-24");
    }

    @Test
    void followingMoreFlightsThanTheCapIsRefused() throws InterruptedException {
        try (WsClient client = server.connect()) {
            for (String flight : flightIds.subList(0, 50)) {
                pacedUnderTheMessageRateLimit();
                client.send("{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}");
                client.next(m -> m.type().equals("subscribed") && m.json().getString("flightId").equals(flight), WAIT);
            }
            client.send("{\"type\":\"subscribe\",\"flightId\":\"" + flightIds.get(50) + "\"}");
            JsonObject error = client.next("error", WAIT).json();

            assertThat(error.getString("code")).isEqualTo("TOO_MANY_SUBSCRIPTIONS");
            assertThat(error.getString("flightId")).isEqualTo(flightIds.get(50));
            assertThat(error.getString("message")).contains("50");
        }
    }

    /** A client may send 10 messages a second; this test needs 51, as a well-behaved client would send them. */
    private static void pacedUnderTheMessageRateLimit() throws InterruptedException {
        Thread.sleep(110);
    }

    @Test
    void theConnectionStaysUsableAfterErrors() {
        try (WsClient client = server.connect()) {
            client.send("nonsense").send("{\"type\":\"nope\"}").send("{\"type\":\"subscribe\",\"flightId\":\"X\"}");
            assertThat(List.of(client.next(WAIT), client.next(WAIT), client.next(WAIT)))
                    .extracting(m -> m.json().getString("code")).containsExactly("BAD_JSON", "UNKNOWN_TYPE", "INVALID_FLIGHT_ID");

            client.send("{\"type\":\"subscribe\",\"flightId\":\"" + flightIds.get(0) + "\"}");
            assertThat(client.next(WAIT).type()).isEqualTo("subscribed");
            assertThat(client.prices(flightIds.get(0), 2, WAIT)).hasSize(2);
        }
    }

    @Test
    void aTextMessageOver4KiBClosesThatConnectionWith1009() {
        try (WsClient client = server.connect()) {
            client.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(4_100) + "\"}");

            assertThat(client.awaitClose(WAIT).code()).isEqualTo(1009);
        }
    }

    @Test
    void aTextMessageOfExactly4KiBIsRead() {
        String prefix = "{\"type\":\"ping\",\"pad\":\"";
        String suffix = "\"}";
        try (WsClient client = server.connect()) {
            client.send(prefix + "x".repeat(4_096 - prefix.length() - suffix.length()) + suffix);

            assertThat(client.next(WAIT).type()).isEqualTo("pong");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4_096, 1_000_000})
    void aBinaryMessageOfAnySizeClosesThatConnectionWith1003(int size) {
        try (WsClient client = server.connect()) {
            client.sendBinary(new byte[size]);

            assertThat(client.awaitClose(WAIT).code()).isEqualTo(1003);
        }
    }

    @Test
    void theSlashPathClosesOnBinaryWith1003Too() {
        try (WsClient client = WsClient.connect(server.webSocket("ws/flight-price/"))) {
            client.sendBinary(new byte[100_000]);

            assertThat(client.awaitClose(WAIT).code()).isEqualTo(1003);
        }
    }

    @Test
    void theSlashPathClosesOnOversizedTextWith1009Too() {
        try (WsClient client = WsClient.connect(server.webSocket("ws/flight-price/"))) {
            client.send("x".repeat(5_000));

            assertThat(client.awaitClose(WAIT).code()).isEqualTo(1009);
        }
    }

    @Test
    void otherConnectionsKeepStreamingWhileOneMisbehaves() {
        try (WsClient healthy = server.connect(); WsClient binary = server.connect(); WsClient oversized = server.connect()) {
            String flight = flightIds.get(1);
            healthy.send("{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}").prices(flight, 1, WAIT);

            binary.sendBinary(new byte[] {0});
            oversized.send("x".repeat(10_000));
            binary.awaitClose(WAIT);
            oversized.awaitClose(WAIT);

            List<Long> seqs = healthy.prices(flight, 3, WAIT).stream()
                    .map(m -> m.json().getJsonNumber("seq").longValue()).toList();
            assertThat(seqs).containsExactly(seqs.get(0), seqs.get(0) + 1, seqs.get(0) + 2);
        }
    }
}
