package dev.farewatch.protocol;

import dev.farewatch.flight.FlightId;

/** What a client can ask for: one JSON text message each. */
public sealed interface Request {

    /** {@code {"type":"flights"}}: the catalog. */
    record ListFlights() implements Request {
    }

    /** {@code {"type":"subscribe","flightId":"LH400-2026-12-24"}}, or the original {@code {"flight_id":...}}. */
    record Subscribe(FlightId flightId) implements Request {
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
