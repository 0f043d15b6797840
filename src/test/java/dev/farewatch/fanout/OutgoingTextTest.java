package dev.farewatch.fanout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class OutgoingTextTest {

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static String json(int utf8Length) {
        return "\"" + "x".repeat(utf8Length - 2) + "\"";
    }

    @Test
    void aShortMessageIsOneUnmaskedFinalTextFrameWithItsLengthInTheSecondByte() {
        byte[] frame = bytes(new OutgoingText("{\"a\":1}").frame());

        assertThat(frame[0]).isEqualTo((byte) 0x81);
        assertThat(frame[1]).isEqualTo((byte) 7);
        assertThat(new String(frame, 2, frame.length - 2, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 125})
    void upTo125BytesTheLengthFitsTheSecondByte(int length) {
        byte[] frame = bytes(new OutgoingText(json(length)).frame());

        assertThat(frame).hasSize(2 + length);
        assertThat(frame[1]).isEqualTo((byte) length);
    }

    @ParameterizedTest
    @ValueSource(ints = {126, 65_535})
    void from126To65535BytesTheLengthTakesTwoMoreBytes(int length) {
        byte[] frame = bytes(new OutgoingText(json(length)).frame());

        assertThat(frame).hasSize(4 + length);
        assertThat(frame[1]).isEqualTo((byte) 126);
        assertThat(((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF)).isEqualTo(length);
    }

    @Test
    void beyond65535BytesTheLengthTakesEightMoreBytes() {
        int length = 65_536 + 300_000;
        byte[] frame = bytes(new OutgoingText(json(length)).frame());

        assertThat(frame).hasSize(10 + length);
        assertThat(frame[1]).isEqualTo((byte) 127);
        assertThat(ByteBuffer.wrap(frame, 2, 8).getLong()).isEqualTo(length);
    }

    @Test
    void theLengthCountsUtf8BytesNotCharacters() {
        OutgoingText message = new OutgoingText("{\"city\":\"Zürich – 東京\"}");

        byte[] payload = bytes(message.payload());

        assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo(message.text());
        assertThat(bytes(message.frame())[1]).isEqualTo((byte) payload.length);
    }

    @Test
    void thePayloadIsTheFrameWithoutItsHeader() {
        OutgoingText message = new OutgoingText(json(200));

        byte[] frame = bytes(message.frame());
        byte[] payload = bytes(message.payload());

        assertThat(payload).hasSize(frame.length - 4);
        assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo(json(200));
    }

    @Test
    void eachSendGetsABufferOfItsOwnOverTheSameBytes() {
        OutgoingText message = new OutgoingText("{\"a\":1}");

        ByteBuffer first = message.frame();
        first.position(first.limit());
        ByteBuffer second = message.frame();

        assertThat(second.remaining()).isEqualTo(9);
        assertThat(second.array()).isSameAs(first.array());
    }
}
