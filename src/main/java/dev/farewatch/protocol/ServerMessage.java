package dev.farewatch.protocol;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightId;
import dev.farewatch.bus.Quote;
import dev.farewatch.history.History;
import dev.farewatch.history.Insight;
import dev.farewatch.history.PricePoint;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/** What the server sends: one JSON text message each, told apart by {@code type}. */
@JsonbTypeInfo(key = "type", value = {
        @JsonbSubtype(alias = "flights", type = ServerMessage.Flights.class),
        @JsonbSubtype(alias = "subscribed", type = ServerMessage.Subscribed.class),
        @JsonbSubtype(alias = "unsubscribed", type = ServerMessage.Unsubscribed.class),
        @JsonbSubtype(alias = "price", type = ServerMessage.Price.class),
        @JsonbSubtype(alias = "pong", type = ServerMessage.Pong.class),
        @JsonbSubtype(alias = "error", type = ServerMessage.ErrorMessage.class),
        @JsonbSubtype(alias = "info", type = ServerMessage.Info.class),
        @JsonbSubtype(alias = "history", type = ServerMessage.PriceHistory.class),
        @JsonbSubtype(alias = "alertSet", type = ServerMessage.AlertSet.class),
        @JsonbSubtype(alias = "alertTriggered", type = ServerMessage.AlertTriggered.class)
})
public sealed interface ServerMessage {

    record Flights(List<Flight> flights) implements ServerMessage {
    }

    /**
     * @param epoch     the stream the prices that follow belong to; omitted while the flight has no price yet
     * @param recovered whether the prices that follow go on from the {@code since} the client gave;
     *                  omitted when it gave none
     */
    @JsonbPropertyOrder({"flightId", "epoch", "recovered"})
    record Subscribed(FlightId flightId, String epoch, Boolean recovered) implements ServerMessage {
    }

    /**
     * @param reason why the server ended the follow itself: {@code removed} (the flight left the
     *               catalog through the API) or {@code departed}; omitted when the client asked
     */
    @JsonbPropertyOrder({"flightId", "reason"})
    record Unsubscribed(FlightId flightId, String reason) implements ServerMessage {

        public static final String REMOVED = "removed";
        public static final String DEPARTED = "departed";

        /** The answer to the client's own {@code unsubscribe}. */
        public Unsubscribed(FlightId flightId) {
            this(flightId, null);
        }
    }

    /** @param epoch names the stream {@code seq} counts in */
    @JsonbPropertyOrder({"flightId", "price", "currency", "ts", "epoch", "seq", "change"})
    record Price(FlightId flightId, BigDecimal price, Currency currency, long ts, String epoch, long seq, BigDecimal change)
            implements ServerMessage {

        public static Price of(Quote quote) {
            return new Price(quote.flightId(), quote.price(), quote.currency(), quote.ts(), quote.epoch(), quote.seq(),
                    quote.change());
        }
    }

    /**
     * The answer to {@code history}: a point per minute, written {@code [ts, price]}, ascending, the last
     * the current minute's latest price; the insight is omitted when there are no points.
     */
    @JsonbPropertyOrder({"flightId", "minutes", "currency", "points", "insight"})
    record PriceHistory(FlightId flightId, int minutes, Currency currency, List<PricePoint> points, Insight insight)
            implements ServerMessage {

        public static PriceHistory of(History history) {
            return new PriceHistory(history.flightId(), history.minutes(), history.currency(), history.points(),
                    history.insight());
        }
    }

    /**
     * The alert on the flight as it now stands: {@code below} its threshold, or null once cleared.
     *
     * @param reason why the server cleared it itself: {@code removed} or {@code departed}, as
     *               {@link Unsubscribed}; omitted when the client asked
     */
    @JsonbPropertyOrder({"flightId", "below", "reason"})
    record AlertSet(FlightId flightId, @JsonbNillable BigDecimal below, String reason) implements ServerMessage {
    }

    /** A price of the flight reached the alert's threshold: sent once until a price is above it again. */
    @JsonbPropertyOrder({"flightId", "price", "currency", "below", "ts"})
    record AlertTriggered(FlightId flightId, BigDecimal price, Currency currency, BigDecimal below, long ts)
            implements ServerMessage {
    }

    /** @param ts the server's clock, epoch milliseconds */
    record Pong(long ts) implements ServerMessage {
    }

    /**
     * What an operator wants to know about this node.
     *
     * @param server    the server software
     * @param version   Farewatch's version
     * @param scheduler {@code managed} (the container's) or {@code embedded}
     * @param sessions  open WebSocket connections
     * @param flights   flights followed by at least one connection
     * @param node      this node's name in a cluster
     * @param bus       what carries the price streams: {@code memory} or {@code redis}
     * @param busConnected whether the bus can carry prices now
     * @param send      how this connection's messages leave the node: {@code tyrus-raw-frame},
     *                  {@code undertow-payload} or {@code standard}; null in the node's own copy
     */
    @JsonbPropertyOrder({"server", "version", "scheduler", "sessions", "flights", "node", "bus", "busConnected", "send"})
    record Info(String server, String version, String scheduler, int sessions, int flights, String node, String bus,
                boolean busConnected, String send) implements ServerMessage {

        /** This node's info as one connection is told it, naming how its messages are sent. */
        public Info sentBy(String path) {
            return new Info(server, version, scheduler, sessions, flights, node, bus, busConnected, path);
        }
    }

    /** @param flightId the flight id the refused request named, as sent; omitted when there was none */
    @JsonbPropertyOrder({"code", "message", "flightId"})
    record ErrorMessage(ErrorCode code, String message, String flightId) implements ServerMessage {
    }
}
