package dev.farewatch.conversation;

import dev.farewatch.bus.StreamPosition;
import dev.farewatch.fanout.Outbox;
import dev.farewatch.fanout.ReplyBacklogFull;
import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightId;
import dev.farewatch.listing.ListingsUnavailable;
import dev.farewatch.protocol.ErrorCode;
import dev.farewatch.protocol.Request;
import dev.farewatch.protocol.RequestError;
import dev.farewatch.protocol.ServerMessage;

import java.math.BigDecimal;

/**
 * One client's requests and their answers: decodes each message, answers it through the client's
 * outbox, and follows or stops following flights through the fan-out. It knows nothing of the
 * transport or of its limits, which are the connection's. Called from one thread at a time (the
 * container delivers one message at a time); the state it changes lives in the outbox and the
 * registry, which are thread-safe.
 */
public final class Conversation {

    private final Conversations node;
    private final Outbox outbox;
    private final HistoryAllowance history;

    Conversation(Conversations node, Outbox outbox) {
        this.node = node;
        this.outbox = outbox;
        this.history = new HistoryAllowance(node.clockMillis.getAsLong());
    }

    /**
     * Answers one request; a request it cannot act on is answered with an {@code error}.
     *
     * @throws ReplyBacklogFull when the client asks faster than it reads
     */
    public void answer(String text) throws ReplyBacklogFull {
        try {
            Request request = node.codec.decode(text);
            // Java 17 has no pattern switch: the chain covers every permitted Request.
            if (request instanceof Request.Subscribe subscribe) {
                subscribe(subscribe.flightId(), subscribe.since());
            } else if (request instanceof Request.Unsubscribe unsubscribe) {
                unsubscribe(unsubscribe.flightId());
            } else if (request instanceof Request.ListFlights) {
                outbox.reply(node.catalogJson());
            } else if (request instanceof Request.History history) {
                history(history.flightId(), history.minutes());
            } else if (request instanceof Request.Alert alert) {
                alert(alert.flightId(), alert.below(), alert.armed());
            } else if (request instanceof Request.Info) {
                reply(node.info.get().sentBy(outbox.sendPath()));
            } else if (request instanceof Request.Ping) {
                reply(new ServerMessage.Pong(node.clockMillis.getAsLong()));
            } else {
                throw new IllegalStateException("Unhandled request " + request);
            }
        } catch (RequestError e) {
            reply(e.toMessage());
        }
    }

    /** Tells the client something it did not ask for, after the replies before it. */
    public void reply(ServerMessage message) throws ReplyBacklogFull {
        outbox.reply(node.codec.encode(message));
    }

    /** Whether the client neither follows a flight nor has an alert on one: it is here for nothing. */
    public boolean watchesNothing() {
        return !node.fanout.watchesAny(outbox);
    }

    /** How long the send in flight has been waiting, at {@code nowNanos}; 0 if none is. */
    public long stalledNanos(long nowNanos) {
        return outbox.stalledNanos(nowNanos);
    }

    /** The client is gone: forgets what it followed and drops what was not sent to it. */
    public void end() {
        node.fanout.close(outbox);
    }

    private void subscribe(FlightId flight, StreamPosition since) throws RequestError, ReplyBacklogFull {
        known(flight);
        switch (node.fanout.follow(outbox, flight, since)) {
            case LIMIT_REACHED -> throw new RequestError(ErrorCode.TOO_MANY_SUBSCRIPTIONS,
                    "A connection may follow at most " + node.fanout.maxSubscriptions()
                            + " flights at once: unsubscribe from one first", flight.toString());
            case SUBSCRIBED, ALREADY_SUBSCRIBED -> {
            }
        }
        if (node.catalog.find(flight).isEmpty()) {
            // Removed between the check and the follow, after its followers were told: told now, as they were.
            node.fanout.retire(new ServerMessage.Unsubscribed(flight, ServerMessage.Unsubscribed.REMOVED));
        }
    }

    private void unsubscribe(FlightId flight) throws RequestError, ReplyBacklogFull {
        known(flight);
        node.fanout.unfollow(outbox, flight);
    }

    private void history(FlightId id, int minutes) throws RequestError, ReplyBacklogFull {
        Flight flight = known(id);
        if (!history.take(minutes, node.clockMillis.getAsLong())) {
            throw new RequestError(ErrorCode.TOO_MUCH_HISTORY, "A connection may ask for "
                    + HistoryAllowance.BURST_MINUTES + " minutes of history at once and " + HistoryAllowance.MINUTES_PER_SECOND
                    + " more each second: ask again in " + history.secondsUntil(minutes) + " s", id.toString());
        }
        try {
            reply(ServerMessage.PriceHistory.of(node.history.of(flight, minutes, node.clockMillis.getAsLong())));
        } catch (ListingsUnavailable e) {
            throw new RequestError(ErrorCode.UNAVAILABLE,
                    "The flight's fares cannot be read now (the cluster's store does not answer): try again in a moment",
                    id.toString());
        }
    }

    private void alert(FlightId flight, BigDecimal below, boolean armed) throws RequestError, ReplyBacklogFull {
        if (below == null) {
            // Clearing needs no known flight: one that just left the catalog may still be cleared.
            node.fanout.clearAlert(outbox, flight);
            return;
        }
        known(flight);
        if (!node.fanout.setAlert(outbox, flight, below, armed)) {
            throw new RequestError(ErrorCode.TOO_MANY_ALERTS, "A connection may have at most "
                    + node.fanout.maxSubscriptions() + " alerts at once: clear one first", flight.toString());
        }
    }

    private Flight known(FlightId flight) throws RequestError {
        return node.catalog.find(flight).orElseThrow(() -> new RequestError(ErrorCode.UNKNOWN_FLIGHT,
                "No flight " + flight + " in the catalog: ask {\"type\":\"flights\"} for the list", flight.toString()));
    }
}
