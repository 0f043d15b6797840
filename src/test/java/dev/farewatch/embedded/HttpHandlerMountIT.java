package dev.farewatch.embedded;

import dev.farewatch.config.FarewatchConfig;
import dev.farewatch.testing.WsClient;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HTTP handlers mounted by path share the port with the page and the WebSocket endpoints. */
class HttpHandlerMountIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Answers with the context path and the rest of the path it was given. */
    private static final class Echo extends HttpHandler {
        @Override
        public void service(Request request, Response response) throws Exception {
            response.setContentType("text/plain");
            response.getWriter().write(request.getContextPath() + " " + request.getPathInfo());
        }
    }

    @Test
    void aMountedHandlerAnswersUnderItsPathBesideThePageAndTheStream() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(config(), Map.of("/extra", new Echo()))) {
            assertThat(get(server, "/extra/quotes").bodyText()).isEqualTo("/extra /quotes");
            assertThat(get(server, "/app.js").status()).isEqualTo(200);
            try (WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws/flight-price"))) {
                assertThat(client.send("{\"type\":\"ping\"}").next("pong", WAIT).type()).isEqualTo("pong");
            }
        }
    }

    @Test
    void aHandlerThatFailsAnswers500WithoutAStackTrace() throws Exception {
        HttpHandler failing = new HttpHandler() {
            @Override
            public void service(Request request, Response response) {
                throw new IllegalStateException("a bug with a secret in its message");
            }
        };
        try (EmbeddedServer server = EmbeddedServer.start(config(), Map.of("/extra", failing))) {
            RawHttp answer = get(server, "/extra/boom");

            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.bodyText()).contains("500 Internal Server Error")
                    .doesNotContain("secret").doesNotContain("Exception").doesNotContain(".java");
        }
    }

    @Test
    void aMountPathWithATrailingSlashIsRefused() {
        assertThatThrownBy(() -> EmbeddedServer.start(config(), Map.of("/extra/", new Echo())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"/extra/\"");
    }

    private static FarewatchConfig config() {
        return FarewatchConfig.from(Map.of("farewatch.port", "0", "farewatch.host", "127.0.0.1",
                "farewatch.webRoot", System.getProperty("farewatch.webapp", "webapp"))::get, Map.of());
    }

    private static RawHttp get(EmbeddedServer server, String path) {
        return RawHttp.exchange("127.0.0.1", server.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", WAIT);
    }
}
