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
 * The same seed, flight and ticks give the same prices, whichever other flights are priced. A filed
 * fare sets a flight's price, and the simulation moves on from there.
 *
 * <p>Thread-safe: each flight's fare moves under its own lock, so flights are priced in parallel.
 */
public final class SimulatedFareMarket implements PriceSource {

    private final long seed;
    private final Map<FlightId, FlightFare> fares = new ConcurrentHashMap<>();
    /** Fares filed for flights not priced yet: each opens at its filed fare. */
    private final Map<FlightId, BigDecimal> unopened = new ConcurrentHashMap<>();

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
        return Optional.of(fares.computeIfAbsent(flight.flightId(), id -> {
            FlightFare opened = new FlightFare(flight, seed);
            BigDecimal filed = unopened.remove(id);
            if (filed != null) {
                opened.file(filed);
            }
            return opened;
        }).next(tickMillis));
    }

    /**
     * The flight's next tick carries exactly this fare, and the simulation moves on from it: later
     * ticks move from the filed price as they would have moved from the simulated one. Ignored for a
     * flight not yet priced, whose opening fare is then this one.
     */
    @Override
    public void file(Fare fare) {
        // Under the flight's map entry, as the opening in priceAt, so that a fare filed meanwhile is not lost.
        fares.compute(fare.flightId(), (id, flightFare) -> {
            if (flightFare == null) {
                unopened.put(id, fare.price());
            } else {
                flightFare.file(fare.price());
            }
            return flightFare;
        });
    }

    @Override
    public void retire(FlightId flight) {
        fares.remove(flight);
        unopened.remove(flight);
    }
}
