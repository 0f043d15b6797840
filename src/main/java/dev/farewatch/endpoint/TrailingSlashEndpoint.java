package dev.farewatch.endpoint;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;

/**
 * The same price stream at {@code /ws/flight-price/}, the path clients of the original Django
 * Channels design use. Neither Payara nor WildFly maps an annotated endpoint's path with a trailing
 * slash, and registering the annotated class twice breaks Payara, so this path is a programmatic
 * endpoint over the same {@link Connection}.
 */
public class TrailingSlashEndpoint extends Endpoint {

    public static final String PATH = FlightPriceEndpoint.PATH + "/";

    private Connection connection;

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        connection = Connection.open(session);
        if (connection != null) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) connection::received);
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> connection.receivedBinary());
            session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> connection.ponged());
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (connection != null) {
            connection.closed(closeReason);
            // A container may hold on to a closed session, and so to its endpoint: let go of the rest.
            connection = null;
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        if (connection != null) {
            connection.failed(error);
        }
    }
}
