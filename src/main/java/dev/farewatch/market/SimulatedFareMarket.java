package dev.farewatch.market;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightId;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Airfares that move like real ones: priced on distance, climbing as departure nears, jumping when a
 * fare bucket sells out, with a little noise on every tick. Exchange rates are simulated and fixed.
 * The same seed, flight and ticks give the same prices, whichever other flights are priced.
 *
 * <p>Thread-safe: each flight's fare moves under its own lock, so flights are priced in parallel.
 */
public final class SimulatedFareMarket implements PriceSource {

    private final long seed;
    private final Map<FlightId, FlightFare> fares = new ConcurrentHashMap<>();

    public SimulatedFareMarket(long seed) {
        this.seed = seed;
    }

    /**
     * The first price of a flight is its opening fare at that tick; each later one moves a step on.
     * Empty for a flight sold in a currency the simulation has no exchange rate for.
     */
    @Override
    public Optional<BigDecimal> priceAt(Flight flight, long tickMillis) {
        if (!ExchangeRates.knows(flight.currency())) {
            return Optional.empty();
        }
        return Optional.of(fares.computeIfAbsent(flight.flightId(), id -> new FlightFare(flight, seed)).next(tickMillis));
    }

    @Override
    public void retire(FlightId flight) {
        fares.remove(flight);
    }
}
