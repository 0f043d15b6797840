package dev.farewatch.embedded;

import dev.farewatch.testing.FarewatchServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A path that does not decode is a plain 400, never a 500 with a stack trace; the connection then ends. */
class MalformedPathIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String HANDSHAKE = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer(Map.of());

    /** Request paths as sent, bytes above 0x7F included (the request goes out as ISO-8859-1). */
    @ParameterizedTest
    @ValueSource(strings = {"/%zz", "/app.js%", "/%ff%fe", "/\u00ff\u00fe", "/%c0%af"})
    void aPathThatDoesNotDecodeIsAPlain400(String path) {
        RawHttp answer = request("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertPlain(answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ws/flight-price/%zz", "/ws/flight-price|x", "/ws/flight-price/%ff"})
    void aWebSocketHandshakeOnAMalformedPathIsAPlain400(String path) {
        RawHttp answer = request("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + HANDSHAKE + "\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertPlain(answer);
    }

    @Test
    void aPathThatDecodesButNamesNothingIsA404ThatNamesNoServerSoftware() {
        RawHttp answer = request("GET /nothing-here HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.bodyText()).contains("404 Not Found").doesNotContainIgnoringCase("grizzly");
    }

    private static RawHttp request(String request) {
        return RawHttp.exchange(server.http("").getHost(), server.http("").getPort(), request, WAIT);
    }

    private static void assertPlain(RawHttp answer) {
        assertThat(answer.header("Content-Length")).isEqualTo(Integer.toString(answer.body().length));
        assertThat(answer.bodyText()).doesNotContain("Exception").doesNotContain(".java").doesNotContainIgnoringCase("grizzly");
        assertThat(answer.closedByServer()).as("the server closes the connection after a 400").isTrue();
    }
}
