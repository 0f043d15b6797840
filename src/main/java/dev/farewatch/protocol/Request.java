package dev.farewatch.protocol;

import dev.farewatch.bus.StreamPosition;
import dev.farewatch.flight.FlightId;

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

    /** {@code {"type":"info"}}: what this node runs on and how busy it is. */
    record Info() implements Request {
    }

    /** {@code {"type":"ping"}}: an application-level liveness check answered with {@code pong}. */
    record Ping() implements Request {
    }
}
