package dev.farewatch.protocol;

import dev.farewatch.bus.StreamPosition;
import dev.farewatch.flight.FlightId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCodecTest {

    private static final FlightId LH400 = FlightId.parse("LH400-2026-12-24").orElseThrow();
    private final MessageCodec codec = new MessageCodec();

    @Test
    void readsEachRequestType() throws RequestError {
        assertThat(codec.decode("{\"type\":\"flights\"}")).isEqualTo(new Request.ListFlights());
        assertThat(codec.decode("{\"type\":\"ping\"}")).isEqualTo(new Request.Ping());
        assertThat(codec.decode("{\"type\":\"info\"}")).isEqualTo(new Request.Info());
        assertThat(codec.decode("{\"type\":\"subscribe\",\"flightId\":\"LH400-2026-12-24\"}")).isEqualTo(new Request.Subscribe(LH400, null));
        assertThat(codec.decode("{\"type\":\"unsubscribe\",\"flightId\":\"LH400-2026-12-24\"}")).isEqualTo(new Request.Unsubscribe(LH400));
    }

    @Test
    void readsTheOriginalFlightIdRequestAsSubscribe() throws RequestError {
        assertThat(codec.decode("{\"flight_id\":\"LH400-2026-12-24\"}")).isEqualTo(new Request.Subscribe(LH400, null));
    }

    @Test
    void ignoresFieldsItDoesNotKnow() throws RequestError {
        assertThat(codec.decode("{\"type\":\"ping\",\"id\":7,\"extra\":{\"a\":[1]}}")).isEqualTo(new Request.Ping());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "nope", "{", "{\"type\":\"ping\"", "{\"type\":\"ping\"}}", "{\"type\":\"ping\"} {}",
            "{type:\"ping\"}", "[]", "[{\"type\":\"ping\"}]", "1", "\"ping\"", "null", "false"})
    void refusesAnythingButOneJsonObjectAsBadJson(String text) {
        assertRefused(text, ErrorCode.BAD_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"type\":\"buy\"}", "{\"type\":null}", "{\"type\":1}", "{\"type\":[\"ping\"]}", "{\"type\":\"Ping\"}"})
    void refusesAMissingOrUnknownTypeAsUnknownType(String text) {
        assertRefused(text, ErrorCode.UNKNOWN_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"subscribe\"}", "{\"type\":\"subscribe\",\"flightId\":null}",
            "{\"type\":\"unsubscribe\",\"flightId\":400}", "{\"type\":\"subscribe\",\"flightId\":\"LH400\"}",
            "{\"flight_id\":\"\"}", "{\"type\":\"subscribe\",\"flightId\":\"LH400-2026-02-30\"}"})
    void refusesAMissingOrMalformedFlightIdAsInvalidFlightId(String text) {
        assertRefused(text, ErrorCode.INVALID_FLIGHT_ID);
    }

    @Test
    void echoesAMalformedFlightIdShortened() {
        String longId = "X".repeat(500);

        assertThatThrownBy(() -> codec.decode("{\"type\":\"subscribe\",\"flightId\":\"" + longId + "\"}"))
                .isInstanceOfSatisfying(RequestError.class, e -> {
                    assertThat(e.flightId()).startsWith("XXXX").hasSizeLessThan(70);
                    assertThat(e.getMessage()).hasSizeLessThan(200);
                });
    }

    @Test
    void writesAPriceWithItsFieldsInTheDocumentedOrder() {
        String json = codec.encode(new ServerMessage.Price(LH400, new BigDecimal("412.37"), Currency.getInstance("EUR"),
                1796045189947L, "k3x9q2", 42, new BigDecimal("-3.10")));

        assertThat(json).isEqualTo("{\"type\":\"price\",\"flightId\":\"LH400-2026-12-24\",\"price\":412.37,"
                + "\"currency\":\"EUR\",\"ts\":1796045189947,\"epoch\":\"k3x9q2\",\"seq\":42,\"change\":-3.10}");
    }

    @Test
    void writesAnErrorWithoutAFlightIdWhenThereIsNone() {
        assertThat(codec.encode(new ServerMessage.ErrorMessage(ErrorCode.BAD_JSON, "Message is not valid JSON", null)))
                .isEqualTo("{\"type\":\"error\",\"code\":\"BAD_JSON\",\"message\":\"Message is not valid JSON\"}");
    }

    @Test
    void writesReplies() {
        assertThat(codec.encode(new ServerMessage.Subscribed(LH400, "k3x9q2", null)))
                .isEqualTo("{\"type\":\"subscribed\",\"flightId\":\"LH400-2026-12-24\",\"epoch\":\"k3x9q2\"}");
        assertThat(codec.encode(new ServerMessage.Subscribed(LH400, "k3x9q2", true)))
                .isEqualTo("{\"type\":\"subscribed\",\"flightId\":\"LH400-2026-12-24\",\"epoch\":\"k3x9q2\",\"recovered\":true}");
        assertThat(codec.encode(new ServerMessage.Unsubscribed(LH400))).isEqualTo("{\"type\":\"unsubscribed\",\"flightId\":\"LH400-2026-12-24\"}");
        assertThat(codec.encode(new ServerMessage.Pong(5))).isEqualTo("{\"type\":\"pong\",\"ts\":5}");
    }

    @Test
    void writesInfoWithItsFieldsInTheDocumentedOrder() {
        assertThat(codec.encode(new ServerMessage.Info("Payara Micro", "1.0", "managed", 3, 2, "node-a", "redis", false,
                "tyrus-raw-frame")))
                .isEqualTo("{\"type\":\"info\",\"server\":\"Payara Micro\",\"version\":\"1.0\","
                        + "\"scheduler\":\"managed\",\"sessions\":3,\"flights\":2,\"node\":\"node-a\",\"bus\":\"redis\","
                        + "\"busConnected\":false,\"send\":\"tyrus-raw-frame\"}");
    }

    @Test
    void readsASubscribeThatResumes() throws RequestError {
        assertThat(codec.decode("{\"type\":\"subscribe\",\"flightId\":\"LH400-2026-12-24\",\"since\":{\"epoch\":\"k3x9q2\",\"seq\":41}}"))
                .isEqualTo(new Request.Subscribe(LH400, new StreamPosition("k3x9q2", 41)));
    }

    @Test
    void takesAWholeSeqWrittenWithADecimalPoint() throws RequestError {
        assertThat(codec.decode("{\"type\":\"subscribe\",\"flightId\":\"LH400-2026-12-24\",\"since\":{\"epoch\":\"e\",\"seq\":41.0}}"))
                .isEqualTo(new Request.Subscribe(LH400, new StreamPosition("e", 41)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "41", "\"k3x9q2:41\"", "[]", "{}", "{\"epoch\":\"e\"}", "{\"seq\":41}",
            "{\"epoch\":7,\"seq\":41}", "{\"epoch\":\"e\",\"seq\":\"41\"}", "{\"epoch\":\"e\",\"seq\":-1}",
            "{\"epoch\":\"e\",\"seq\":41.5}", "{\"epoch\":\"e\",\"seq\":1e999999999}",
            "{\"epoch\":\"e\",\"seq\":9223372036854775808}"})
    void refusesASinceThatIsNotAnEpochAndAWholeSeq(String since) {
        assertThatThrownBy(() -> codec.decode("{\"type\":\"subscribe\",\"flightId\":\"LH400-2026-12-24\",\"since\":" + since + "}"))
                .isInstanceOfSatisfying(RequestError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SINCE);
                    assertThat(e.flightId()).isEqualTo("LH400-2026-12-24");
                });
    }

    private void assertRefused(String text, ErrorCode expected) {
        assertThatThrownBy(() -> codec.decode(text))
                .isInstanceOfSatisfying(RequestError.class, e -> {
                    assertThat(e.code()).isEqualTo(expected);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }
}
