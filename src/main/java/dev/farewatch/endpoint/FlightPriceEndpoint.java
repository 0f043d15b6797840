package dev.farewatch.endpoint;

import dev.farewatch.config.Limits;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;

/** The price stream at {@code /ws/flight-price}; the container makes one instance per connection. */
@ServerEndpoint(value = FlightPriceEndpoint.PATH, configurator = HandshakeCheck.class)
public class FlightPriceEndpoint {

    public static final String PATH = "/ws/flight-price";

    private Connection connection;

    @OnOpen
    public void open(Session session) {
        connection = Connection.open(session);
    }

    /** The configured limit is enforced by {@link Connection}; this only bounds what the container buffers. */
    @OnMessage(maxMessageSize = Limits.MAX_MESSAGE_BYTES)
    public void text(String message) {
        if (connection != null) {
            connection.received(message);
        }
    }

    @OnMessage
    public void binary(ByteBuffer part, boolean last) {
        if (connection != null) {
            connection.receivedBinary();
        }
    }

    @OnMessage
    public void pong(PongMessage pong) {
        if (connection != null) {
            connection.ponged();
        }
    }

    @OnClose
    public void close(CloseReason reason) {
        if (connection != null) {
            connection.closed(reason);
            // A container may hold on to a closed session, and so to its endpoint: let go of the rest.
            connection = null;
        }
    }

    @OnError
    public void error(Throwable error) {
        if (connection != null) {
            connection.failed(error);
        }
    }
}
