package dev.farewatch.wire;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.RawWebSocket;
import dev.farewatch.testing.RawWebSocket.Frame;
import dev.farewatch.testing.Target;
import dev.farewatch.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * By default each message is built once and sent through the runtime's own path for finished bytes
 * (Tyrus raw frames embedded and in Payara, Undertow payloads in WildFly): read byte by byte, every
 * frame is a final, unmasked text frame whose length fits its payload, in the 1-byte form (a confirmation) and
 * the 2-byte one (prices, the catalog); OutgoingTextTest covers the 8-byte one.
 */
class SharedFramesIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer();

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static JsonObject json(Frame frame) {
        return Json.createReader(new StringReader(new String(frame.payload(), StandardCharsets.UTF_8))).readObject();
    }

    private static void assertPlainTextFrame(Frame frame) {
        assertThat(frame.fin()).as("final").isTrue();
        assertThat(frame.rsv()).as("no extension bits").isZero();
        assertThat(frame.opcode()).as("text").isEqualTo(1);
        assertThat(frame.masked()).as("a server's frames are not masked").isFalse();
    }

    @Test
    void infoNamesTheRuntimesOwnPath() {
        try (WsClient client = server.connect()) {
            assertThat(client.send("{\"type\":\"info\"}").next("info", WAIT).json().getString("send"))
                    .isEqualTo(Target.current().sharedFramePath());
        }
    }

    @Test
    void repliesAndPricesArriveAsPlainTextFramesOfEveryLength() throws Exception {
        String flight = server.flightIds().get(3);
        try (RawWebSocket socket = RawWebSocket.connect(server.stream())) {
            socket.sendText("{\"type\":\"flights\"}");
            Frame catalog = socket.readFrame(WAIT);
            assertPlainTextFrame(catalog);
            assertThat(catalog.payload().length).as("the catalog takes the 2-byte length").isBetween(126, 65_535);
            assertThat(json(catalog).getJsonArray("flights")).isNotEmpty();

            socket.sendText("{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}");
            List<JsonObject> messages = new ArrayList<>();
            while (messages.stream().filter(m -> m.getString("type").equals("price")).count() < 3) {
                Frame frame = socket.readFrame(WAIT);
                assertPlainTextFrame(frame);
                messages.add(json(frame));
            }
            assertThat(messages.get(0).getString("type")).isEqualTo("subscribed");
            assertThat(messages.get(0).toString().length()).as("the confirmation takes the 1-byte length").isLessThan(126);
            List<Long> seqs = messages.stream().filter(m -> m.getString("type").equals("price"))
                    .map(m -> m.getJsonNumber("seq").longValue()).toList();
            assertThat(seqs.get(2) - seqs.get(1)).isEqualTo(1);
            assertThat(seqs.get(1) - seqs.get(0)).isEqualTo(1);
        }
    }
}
