package dev.farewatch.admission;

import dev.farewatch.testing.FarewatchServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A page on another site cannot open the stream in its visitor's name; pages on this machine can. */
class OriginIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer();

    @Test
    void aForeignOriginIsRefusedWith403() {
        assertThat(handshakeStatus(server.stream(), "https://evil.example")).isEqualTo(403);
    }

    @Test
    void anOriginThatOnlyContainsAnAllowedOneIsRefused() {
        assertThat(handshakeStatus(server.stream(), "http://localhost.evil.example")).isEqualTo(403);
    }

    @Test
    void theSlashPathRefusesAForeignOriginToo() {
        assertThat(handshakeStatus(server.webSocket("ws/flight-price/"), "https://evil.example")).isEqualTo(403);
    }

    @Test
    void aPageOnThisMachineIsLetIn() {
        assertThat(handshakeStatus(server.stream(), "http://localhost:3000")).isEqualTo(101);
    }

    @Test
    void aClientWithoutOriginIsLetInByDefault() {
        assertThat(handshakeStatus(server.stream(), null)).isEqualTo(101);
    }

    /**
     * The status of a WebSocket handshake, read from the status line as a browser does: Tyrus answers a
     * refused handshake without a body length and leaves the connection open, so a client that waits
     * for the end of the response never sees it.
     */
    static int handshakeStatus(URI uri, String origin) {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 ");
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
