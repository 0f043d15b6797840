package dev.farewatch.endpoint;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;

/** The price stream at {@code /ws/flight-price}; the container makes one instance per connection. */
@ServerEndpoint(FlightPriceEndpoint.PATH)
public class FlightPriceEndpoint {

    public static final String PATH = "/ws/flight-price";

    private Connection connection;

    @OnOpen
    public void open(Session session) {
        connection = Connection.open(session);
    }

    @OnMessage(maxMessageSize = Connection.MAX_TEXT_BYTES)
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

    @OnClose
    public void close() {
        if (connection != null) {
            connection.closed();
        }
    }

    @OnError
    public void error(Throwable error) {
        if (connection != null) {
            connection.failed(error);
        }
    }
}
