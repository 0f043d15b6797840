package dev.farewatch.endpoint;

import dev.farewatch.admission.Handshake;
import dev.farewatch.config.Limits;
import dev.farewatch.conversation.Conversation;
import dev.farewatch.fanout.ReplyBacklogFull;
import dev.farewatch.protocol.ErrorCode;
import dev.farewatch.protocol.RequestError;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client's WebSocket, whichever endpoint path it came in on: the transport's rules — message
 * size and rate, liveness, closing — around the {@link Conversation} that answers its requests. The
 * container calls it from one thread at a time; the once-a-second {@link #check} comes from the
 * scheduler, and what both touch is thread-safe ({@link Liveness}, the outbox).
 */
final class Connection {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());
    private static final ByteBuffer PING = ByteBuffer.wrap("farewatch".getBytes(StandardCharsets.US_ASCII));

    private final Session session;
    private final Handshake handshake;
    private final Limits limits;
    private final Connections connections;
    private final Conversation conversation;
    private final RateLimit rateLimit;
    private final Liveness liveness;
    private final AtomicBoolean forgotten = new AtomicBoolean();

    private Connection(Session session, StreamService stream, long openedAt) {
        this.session = session;
        this.handshake = Handshake.of(session.getUserProperties());
        this.limits = stream.limits();
        this.connections = stream.connections();
        this.conversation = stream.conversations().open(stream.transports().of(session));
        this.rateLimit = new RateLimit(limits.messagesPerSecond(), limits.messageBurst(), openedAt);
        this.liveness = new Liveness(limits, openedAt);
    }

    /** @return the connection, or null if it was refused, in which case the session is being closed with 1013 */
    static Connection open(Session session) {
        StreamService stream = StreamService.installed();
        if (stream == null) {
            closeQuietly(session, new CloseReason(CloseCodes.TRY_AGAIN_LATER, "Server is starting or stopping"));
            return null;
        }
        Connection connection = new Connection(session, stream, System.nanoTime());
        String refusal = stream.connections().admit(connection);
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

    String sessionId() {
        return session.getId();
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
        long now = System.nanoTime();
        try {
            switch (rateLimit.take(now)) {
                case ACCEPT -> {
                    conversation.answer(text);
                    liveness.following(!conversation.watchesNothing(), System.nanoTime());
                }
                case REFUSE -> conversation.reply(new RequestError(ErrorCode.RATE_LIMITED, "More than "
                        + limits.messagesPerSecond() + " messages a second (bursts of " + limits.messageBurst()
                        + "): this one was not read").toMessage());
                case CLOSE -> close(new CloseReason(CloseCodes.VIOLATED_POLICY, "Message rate limit exceeded again and again"));
            }
        } catch (ReplyBacklogFull e) {
            close(new CloseReason(Liveness.SLOW_CONSUMER, "Slow consumer: asks faster than it reads"));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Unexpected failure answering connection " + session.getId(), e);
            close(new CloseReason(CloseCodes.UNEXPECTED_CONDITION, "Unexpected server error"));
        }
    }

    /**
     * A frame the client sent that is no text message — a ping, a pong, a continuation — as the
     * runtime's frame hook reports it: it counts against the message rate, so that a ping flood is
     * closed like a message flood. Its pong is already sent; there is nothing to refuse.
     */
    void receivedFrame() {
        if (rateLimit.take(System.nanoTime()) == RateLimit.Verdict.CLOSE) {
            close(new CloseReason(CloseCodes.VIOLATED_POLICY, "Frame rate limit exceeded again and again (pings count too)"));
        }
    }

    /** Called with the first piece of a binary message, so that none is buffered whole. */
    void receivedBinary() {
        close(new CloseReason(CloseCodes.CANNOT_ACCEPT, "Binary messages are not supported: send JSON text"));
    }

    void ponged() {
        liveness.ponged();
    }

    /** The container reports the close: the client's, or the echo of the server's. */
    void closed(CloseReason reason) {
        ended(reason, false);
    }

    /** Logs the close once and forgets the connection, however it ended; later calls do nothing. */
    private void ended(CloseReason reason, boolean byServer) {
        if (!forgotten.compareAndSet(false, true)) {
            return;
        }
        connections.remove(this);
        connections.ended(reason.getCloseCode().getCode(), byServer);
        conversation.end();
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
        ended(reason, true);
    }

    /** The once-a-second look at an open connection: is it idle, stuck or gone, or due a ping? */
    void check(long now) {
        Liveness.Verdict verdict = liveness.check(now, conversation.stalledNanos(now));
        if (verdict instanceof Liveness.Close close) {
            close(close.reason());
        } else if (verdict instanceof Liveness.Ping) {
            ping();
        }
    }

    private void ping() {
        try {
            session.getAsyncRemote().sendPing(PING.duplicate());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Ping to connection " + session.getId() + " failed", e);
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
