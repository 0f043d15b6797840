package dev.farewatch.protocol;

import dev.farewatch.bus.StreamPosition;
import dev.farewatch.flight.FlightId;

import java.math.BigDecimal;

/** What a client can ask for: one JSON text message each. */
public sealed interface Request {

    /** {@code {"type":"flights"}}: the catalog. */
    record ListFlights() implements Request {
    }

    /**
     * {@code {"type":"subscribe","flightId":"LH400-2026-12-24"}}, or the original {@code {"flight_id":...}};
     * with {@code "since":{"epoch":"…","seq":41}} to resume after the last price the client has.
     *
     * @param since where the client's copy of the stream ends; null for a plain subscribe
     */
    record Subscribe(FlightId flightId, StreamPosition since) implements Request {
    }

    /** {@code {"type":"unsubscribe","flightId":"LH400-2026-12-24"}}. */
    record Unsubscribe(FlightId flightId) implements Request {
    }

    /**
     * {@code {"type":"history","flightId":"LH400-2026-12-24","minutes":60}}: the flight's last minutes
     * of prices, a point per minute, and the insight on the latest.
     *
     * @param minutes 1 to 10,080 (a week); 60 when the client gave none
     */
    record History(FlightId flightId, int minutes) implements Request {
    }

    /**
     * {@code {"type":"alert","flightId":"LH400-2026-12-24","below":400}}: tell this connection when a
     * price of the flight is at or below {@code below}; {@code "below":null} clears the alert.
     *
     * @param below the threshold in the flight's currency; null to clear
     * @param armed false ({@code "armed":false}) for an alert the client was told of already and sets
     *              again, as after a reconnect: it trips only after a price above the threshold
     */
    record Alert(FlightId flightId, BigDecimal below, boolean armed) implements Request {
    }

    /** {@code {"type":"info"}}: what this node runs on and how busy it is. */
    record Info() implements Request {
    }

    /** {@code {"type":"ping"}}: an application-level liveness check answered with {@code pong}. */
    record Ping() implements Request {
    }
}
