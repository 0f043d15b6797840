package dev.farewatch.endpoint;

import dev.farewatch.Farewatch;
import dev.farewatch.admission.Handshake;
import dev.farewatch.config.Limits;
import dev.farewatch.flight.FlightId;
import dev.farewatch.market.Quote;
import dev.farewatch.protocol.ErrorCode;
import dev.farewatch.protocol.MessageCodec;
import dev.farewatch.protocol.Request;
import dev.farewatch.protocol.RequestError;
import dev.farewatch.protocol.ServerMessage;
import dev.farewatch.subscription.Subscriber;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCode;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client's conversation, whichever endpoint path it came in on: answers its requests, keeps its
 * subscriptions and enforces its limits. The container calls it from one thread at a time; the
 * once-a-second {@link #check} comes from the scheduler, so what both touch is volatile.
 */
final class Connection {

    /** An application close code: the client stopped reading (no send progress, or no pong). */
    static final CloseCode SLOW_CONSUMER = CloseCodes.getCloseCode(4008);

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());
    private static final ByteBuffer PING = ByteBuffer.wrap("farewatch".getBytes(StandardCharsets.US_ASCII));

    private final Farewatch farewatch;
    private final Session session;
    private final Handshake handshake;
    private final Limits limits;
    private final Subscriber subscriber;
    private final MessageCodec codec;
    private final RateLimit rateLimit;
    private final long openedAt = System.nanoTime();
    private final AtomicBoolean forgotten = new AtomicBoolean();
    /** When the connection last followed no flight (nanoTime); 0 while it follows one. */
    private volatile long followingNothingSince = openedAt;
    private volatile long lastPingAt = openedAt;
    /** When the unanswered ping was sent (nanoTime); 0 when none is unanswered. */
    private volatile long pingUnansweredSince;

    private Connection(Farewatch farewatch, Session session) {
        this.farewatch = farewatch;
        this.session = session;
        this.handshake = Handshake.of(session.getUserProperties());
        this.limits = farewatch.config().limits();
        this.subscriber = new Subscriber(session.getAsyncRemote());
        this.codec = farewatch.codec();
        this.rateLimit = new RateLimit(limits.messagesPerSecond(), limits.messageBurst(), openedAt);
    }

    /** @return the connection, or null if it was refused, in which case the session is being closed with 1013 */
    static Connection open(Session session) {
        Farewatch farewatch = Farewatch.running();
        if (farewatch == null) {
            closeQuietly(session, new CloseReason(CloseCodes.TRY_AGAIN_LATER, "Server is starting or stopping"));
            return null;
        }
        Connection connection = new Connection(farewatch, session);
        String refusal = farewatch.connections().admit(connection);
        if (refusal != null) {
            connection.close(new CloseReason(CloseCodes.TRY_AGAIN_LATER, refusal));
            return null;
        }
        session.setMaxTextMessageBufferSize(connection.limits.maxMessageBytes());
        // Negative, not 0: both mean "never", but Tyrus schedules a no-op idle task on every send unless
        // it is negative. Liveness is ours anyway: the sweep's pings and stall checks.
        session.setMaxIdleTimeout(-1);
        return connection;
    }

    String remoteAddress() {
        return handshake.remoteAddress();
    }

    void received(String text) {
        int limit = limits.maxMessageBytes();
        if (text.length() > limit / 3 && text.getBytes(StandardCharsets.UTF_8).length > limit) {
            close(new CloseReason(CloseCodes.TOO_BIG, "Text messages are limited to " + limit + " bytes"));
            return;
        }
        switch (rateLimit.take(System.nanoTime())) {
            case ACCEPT -> answerOrClose(text);
            case REFUSE -> reply(new RequestError(ErrorCode.RATE_LIMITED, "More than " + limits.messagesPerSecond()
                    + " messages a second (bursts of " + limits.messageBurst() + "): this one was not read").toMessage());
            case CLOSE -> close(new CloseReason(CloseCodes.VIOLATED_POLICY, "Message rate limit exceeded again and again"));
        }
    }

    /** Called with the first piece of a binary message, so that none is buffered whole. */
    void receivedBinary() {
        close(new CloseReason(CloseCodes.CANNOT_ACCEPT, "Binary messages are not supported: send JSON text"));
    }

    void ponged() {
        pingUnansweredSince = 0;
    }

    /** Logs the close once and forgets the connection, however it ended; later calls do nothing. */
    void closed(CloseReason reason) {
        if (!forgotten.compareAndSet(false, true)) {
            return;
        }
        farewatch.connections().remove(this);
        farewatch.subscriptions().removeAll(subscriber);
        subscriber.close();
        LOG.info(() -> "Connection " + session.getId() + " from " + handshake.remoteAddress() + " (origin "
                + handshake.origin() + ") closed: " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
    }

    void failed(Throwable error) {
        LOG.log(Level.FINE, "WebSocket error on connection " + session.getId(), error);
    }

    /**
     * Closes the session and forgets the connection at once: a client that stopped reading may never
     * take the close frame, and the container then never reports the close.
     */
    void close(CloseReason reason) {
        closeQuietly(session, reason);
        closed(reason);
    }

    /** The once-a-second look at an open connection: is it idle, stuck or gone, or due a ping? */
    void check(long now) {
        long idleSince = followingNothingSince;
        if (subscriber.stalledNanos(now) > limits.slowConsumerAfter().toNanos()) {
            close(new CloseReason(SLOW_CONSUMER, "Slow consumer: no send progress for "
                    + limits.slowConsumerAfter().toSeconds() + " s"));
        } else if (pingUnansweredSince != 0 && now - pingUnansweredSince > limits.pongWithin().toNanos()) {
            close(new CloseReason(SLOW_CONSUMER, "No pong within " + limits.pongWithin().toSeconds() + " s"));
        } else if (idleSince != 0 && now - idleSince > limits.subscribeWithin().toNanos()) {
            close(new CloseReason(CloseCodes.VIOLATED_POLICY, "No flight followed for "
                    + limits.subscribeWithin().toSeconds() + " s"));
        } else if (pingUnansweredSince == 0 && now - lastPingAt >= limits.pingEvery().toNanos()) {
            ping(now);
        }
    }

    private void ping(long now) {
        lastPingAt = now;
        pingUnansweredSince = now;
        try {
            session.getAsyncRemote().sendPing(PING.duplicate());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Ping to connection " + session.getId() + " failed", e);
        }
    }

    private void answerOrClose(String text) {
        try {
            answer(text);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Unexpected failure answering connection " + session.getId(), e);
            close(new CloseReason(CloseCodes.UNEXPECTED_CONDITION, "Unexpected server error"));
        }
    }

    private void answer(String text) {
        try {
            Request request = codec.decode(text);
            // Java 17 has no pattern switch: the chain covers every permitted Request.
            if (request instanceof Request.Subscribe subscribe) {
                subscribe(subscribe.flightId());
            } else if (request instanceof Request.Unsubscribe unsubscribe) {
                unsubscribe(unsubscribe.flightId());
            } else if (request instanceof Request.ListFlights) {
                reply(farewatch.catalogJson());
            } else if (request instanceof Request.Info) {
                reply(farewatch.info());
            } else if (request instanceof Request.Ping) {
                reply(new ServerMessage.Pong(System.currentTimeMillis()));
            } else {
                throw new IllegalStateException("Unhandled request " + request);
            }
        } catch (RequestError e) {
            reply(e.toMessage());
        }
    }

    private void subscribe(FlightId flight) throws RequestError {
        requireKnown(flight);
        switch (farewatch.subscriptions().subscribe(subscriber, flight)) {
            case LIMIT_REACHED -> throw new RequestError(ErrorCode.TOO_MANY_SUBSCRIPTIONS,
                    "A connection may follow at most " + limits.maxSubscriptions()
                            + " flights at once: unsubscribe from one first", flight.toString());
            case SUBSCRIBED, ALREADY_SUBSCRIBED -> {
                followingNothingSince = 0;
                reply(new ServerMessage.Subscribed(flight));
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
        if (farewatch.subscriptions().flightsOf(subscriber).isEmpty()) {
            followingNothingSince = System.nanoTime();
        }
        reply(new ServerMessage.Unsubscribed(flight));
    }

    private void requireKnown(FlightId flight) throws RequestError {
        if (farewatch.prices().catalog().find(flight).isEmpty()) {
            throw new RequestError(ErrorCode.UNKNOWN_FLIGHT,
                    "No flight " + flight + " in the catalog: ask {\"type\":\"flights\"} for the list", flight.toString());
        }
    }

    private void reply(ServerMessage message) {
        reply(codec.encode(message));
    }

    private void reply(String json) {
        if (!subscriber.reply(json)) {
            close(new CloseReason(SLOW_CONSUMER, "Slow consumer: asks faster than it reads"));
        }
    }

    private static void closeQuietly(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Closing session " + session.getId() + " failed", e);
        }
    }
}
