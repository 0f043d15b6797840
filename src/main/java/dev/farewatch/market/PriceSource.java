package dev.farewatch.market;

import dev.farewatch.flight.FlightCatalog;
import dev.farewatch.flight.FlightId;

import java.util.Optional;

/**
 * Where prices come from. The ticker calls {@link #tick} once per second for each flight someone
 * follows; a new subscriber is shown {@link #latest} at once. Implementations are thread-safe.
 */
public interface PriceSource {

    /** The flights this source quotes. */
    FlightCatalog catalog();

    /**
     * Moves the flight's price one tick on and returns the new quote.
     *
     * @param tickMillis epoch milliseconds the tick was due, the quote's {@code ts}
     * @throws IllegalArgumentException if the flight is not in the catalog
     */
    Quote tick(FlightId flightId, long tickMillis);

    /**
     * The flight's most recent quote; for a flight never ticked, its opening quote at {@code nowMillis}.
     * Empty if the flight is not in the catalog.
     */
    Optional<Quote> latest(FlightId flightId, long nowMillis);
}
