package dev.farewatch.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The load sessions read prices in any field order and tell replies apart, without misreading nested fields. */
class ServerMessageTest {

    private final ServerMessage message = new ServerMessage();

    @Test
    void readsAPriceWhateverTheFieldOrder() {
        message.read("{\"seq\":18,\"change\":-1.20,\"ts\":1764500001000,\"currency\":\"EUR\",\"price\":412.37,"
                + "\"flightId\":\"LH400-2026-12-03\",\"type\":\"price\"}");

        assertThat(message.type).isEqualTo(ServerMessage.Type.PRICE);
        assertThat(message.ts).isEqualTo(1_764_500_001_000L);
        assertThat(message.seq).isEqualTo(18);
    }

    @Test
    void aFieldNestedDeeperIsNotTakenForTheMessagesOwn() {
        message.read("{ \"type\" : \"price\", \"extra\": {\"a\": [1, {\"ts\": 5, \"seq\": 6}]}, \"ts\": 2000, \"seq\": 3 }");

        assertThat(message.ts).isEqualTo(2000);
        assertThat(message.seq).isEqualTo(3);
    }

    @Test
    void aReusedMessageForgetsThePreviousOnesFields() {
        message.read("{\"type\":\"price\",\"ts\":1000,\"seq\":1}");
        message.read("{\"type\":\"subscribed\",\"flightId\":\"LH400-2026-12-03\"}");

        assertThat(message.type).isEqualTo(ServerMessage.Type.SUBSCRIBED);
        assertThat(message.ts).isEqualTo(-1);
        assertThat(message.seq).isEqualTo(-1);
    }

    @Test
    void tellsErrorsOtherRepliesAndNonsenseApart() {
        assertThat(message.read("{\"type\":\"error\",\"code\":\"RATE_LIMITED\",\"message\":\"\\u00e9\"}").type)
                .isEqualTo(ServerMessage.Type.ERROR);
        assertThat(message.read("{\"type\":\"pong\",\"ts\":1}").type).isEqualTo(ServerMessage.Type.OTHER);
        assertThat(message.read("not json").type).isEqualTo(ServerMessage.Type.UNREADABLE);
        assertThat(message.read("[1]").type).isEqualTo(ServerMessage.Type.UNREADABLE);
    }
}
