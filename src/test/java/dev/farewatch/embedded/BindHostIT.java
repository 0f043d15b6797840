package dev.farewatch.embedded;

import dev.farewatch.config.FarewatchConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code farewatch.host} chooses the address the embedded server listens on; by default it listens on
 * every interface. Loopback's 127.0.0.1 and 127.0.0.2 stand in for two interfaces. An address and port
 * it cannot have stop the start.
 */
class BindHostIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void boundTo127001ItAnswersThereAndNowhereElse() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(config(Map.of("farewatch.host", "127.0.0.1")))) {
            assertThat(getStatus("127.0.0.1", server.port())).isEqualTo(200);
            assertThatThrownBy(() -> connect("127.0.0.2", server.port())).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void byDefaultItAnswersOnEveryInterface() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(config(Map.of()))) {
            assertThat(getStatus("127.0.0.1", server.port())).isEqualTo(200);
            assertThat(getStatus("127.0.0.2", server.port())).isEqualTo(200);
        }
    }

    @Test
    void aPortAlreadyTakenStopsTheStartWithTheReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Map<String, String> settings = Map.of("farewatch.host", "127.0.0.1", "farewatch.port", Integer.toString(taken.getLocalPort()));

            assertThatThrownBy(() -> EmbeddedServer.start(config(settings))).isInstanceOf(BindException.class);
        }
        // Nothing of the failed start is left running: a server starts again at once.
        try (EmbeddedServer server = EmbeddedServer.start(config(Map.of()))) {
            assertThat(getStatus("127.0.0.1", server.port())).isEqualTo(200);
        }
    }

    private static FarewatchConfig config(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("farewatch.port", "0");
        all.put("farewatch.webRoot", System.getProperty("farewatch.webapp", "webapp"));
        return FarewatchConfig.from(all::get, Map.of());
    }

    private static int getStatus(String host, int port) {
        return RawHttp.exchange(host, port, "GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n", WAIT).status();
    }

    private static void connect(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) WAIT.toMillis());
        }
    }
}
