package dev.farewatch.market;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightCatalog;
import dev.farewatch.flight.FlightId;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Airfares that move like real ones: priced on distance, climbing as departure nears, jumping when a
 * fare bucket sells out, with a little noise on every tick. Exchange rates are simulated and fixed.
 * The same catalog, seed and calls give the same quotes.
 *
 * <p>Thread-safe: each flight's fare moves under its own lock, so flights tick in parallel.
 */
public final class SimulatedFareMarket implements PriceSource {

    private final FlightCatalog catalog;
    private final Map<FlightId, FlightFare> fares;

    /** @throws IllegalArgumentException if a flight is sold in a currency the simulation has no rate for */
    public SimulatedFareMarket(FlightCatalog catalog, long seed) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.fares = catalog.flights().stream()
                .collect(Collectors.toUnmodifiableMap(Flight::flightId, flight -> new FlightFare(flight, seed)));
    }

    @Override
    public FlightCatalog catalog() {
        return catalog;
    }

    @Override
    public Quote tick(FlightId flightId, long tickMillis) {
        return fare(flightId)
                .orElseThrow(() -> new IllegalArgumentException("not in the catalog: " + flightId))
                .tick(tickMillis);
    }

    @Override
    public Optional<Quote> latest(FlightId flightId, long nowMillis) {
        return fare(flightId).map(fare -> fare.latest(nowMillis));
    }

    private Optional<FlightFare> fare(FlightId flightId) {
        return Optional.ofNullable(fares.get(Objects.requireNonNull(flightId, "flightId")));
    }
}
