package dev.farewatch.endpoint;

import dev.farewatch.Farewatch;
import dev.farewatch.flight.FlightId;
import dev.farewatch.market.Quote;
import dev.farewatch.protocol.ErrorCode;
import dev.farewatch.protocol.MessageCodec;
import dev.farewatch.protocol.Request;
import dev.farewatch.protocol.RequestError;
import dev.farewatch.protocol.ServerMessage;
import dev.farewatch.subscription.Subscriber;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client's conversation, whichever endpoint path it came in on: answers its requests and keeps
 * its subscriptions. The container calls it from one thread at a time per connection.
 */
final class Connection {

    /**
     * Largest text message accepted. The containers are told so too, but Payara ignores a limit set
     * on a programmatic endpoint's session, so the check in {@link #received} is the one that holds.
     */
    static final int MAX_TEXT_BYTES = 4096;

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());

    private final Farewatch farewatch;
    private final Session session;
    private final Subscriber subscriber;
    private final MessageCodec codec;

    private Connection(Farewatch farewatch, Session session) {
        this.farewatch = farewatch;
        this.session = session;
        this.subscriber = new Subscriber(session.getAsyncRemote());
        this.codec = farewatch.codec();
    }

    /** @return the connection, or null if Farewatch is not running, in which case the session is closed */
    static Connection open(Session session) {
        Farewatch farewatch = Farewatch.running();
        if (farewatch == null) {
            close(session, CloseCodes.TRY_AGAIN_LATER, "Server is starting or stopping");
            return null;
        }
        session.setMaxTextMessageBufferSize(MAX_TEXT_BYTES);
        farewatch.sessions().add(session);
        return new Connection(farewatch, session);
    }

    void received(String text) {
        if (text.length() > MAX_TEXT_BYTES / 3 && text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
            close(session, CloseCodes.TOO_BIG, "Text messages are limited to " + MAX_TEXT_BYTES + " bytes");
            return;
        }
        try {
            answer(codec.decode(text));
        } catch (RequestError e) {
            subscriber.reply(codec.encode(e.toMessage()));
        }
    }

    /** Called with the first piece of a binary message, so that none is buffered whole. */
    void receivedBinary() {
        close(session, CloseCodes.CANNOT_ACCEPT, "Binary messages are not supported: send JSON text");
    }

    void closed() {
        farewatch.sessions().remove(session);
        farewatch.subscriptions().removeAll(subscriber);
        subscriber.close();
    }

    void failed(Throwable error) {
        LOG.log(Level.FINE, "WebSocket error on session " + session.getId(), error);
    }

    private void answer(Request request) throws RequestError {
        // Java 17 has no pattern switch: the chain covers every permitted Request.
        if (request instanceof Request.Subscribe subscribe) {
            subscribe(subscribe.flightId());
        } else if (request instanceof Request.Unsubscribe unsubscribe) {
            unsubscribe(unsubscribe.flightId());
        } else if (request instanceof Request.ListFlights) {
            subscriber.reply(farewatch.catalogJson());
        } else if (request instanceof Request.Info) {
            subscriber.reply(codec.encode(farewatch.info()));
        } else if (request instanceof Request.Ping) {
            subscriber.reply(codec.encode(new ServerMessage.Pong(System.currentTimeMillis())));
        } else {
            throw new IllegalStateException("Unhandled request " + request);
        }
    }

    private void subscribe(FlightId flight) throws RequestError {
        requireKnown(flight);
        switch (farewatch.subscriptions().subscribe(subscriber, flight)) {
            case LIMIT_REACHED -> throw new RequestError(ErrorCode.TOO_MANY_SUBSCRIPTIONS,
                    "A connection may follow at most " + farewatch.config().maxSubscriptions()
                            + " flights at once: unsubscribe from one first", flight.toString());
            case SUBSCRIBED, ALREADY_SUBSCRIBED -> {
                subscriber.reply(codec.encode(new ServerMessage.Subscribed(flight)));
                // Following only after the reply keeps "subscribed" ahead of the first price.
                subscriber.follow(flight);
                Quote latest = farewatch.prices().latest(flight, System.currentTimeMillis()).orElseThrow();
                subscriber.price(flight, latest.seq(), codec.encode(ServerMessage.Price.of(latest)));
            }
        }
    }

    private void unsubscribe(FlightId flight) throws RequestError {
        requireKnown(flight);
        farewatch.subscriptions().unsubscribe(subscriber, flight);
        subscriber.unfollow(flight);
        subscriber.reply(codec.encode(new ServerMessage.Unsubscribed(flight)));
    }

    private void requireKnown(FlightId flight) throws RequestError {
        if (farewatch.prices().catalog().find(flight).isEmpty()) {
            throw new RequestError(ErrorCode.UNKNOWN_FLIGHT,
                    "No flight " + flight + " in the catalog: ask {\"type\":\"flights\"} for the list", flight.toString());
        }
    }

    private static void close(Session session, CloseCodes code, String reason) {
        try {
            session.close(new CloseReason(code, reason));
        } catch (IOException e) {
            LOG.log(Level.FINE, "Closing session " + session.getId() + " failed", e);
        }
    }
}
