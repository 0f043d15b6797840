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
    /** The filed fares of flights in currencies without an exchange rate, which are not simulated. */
    private final FiledFares unsimulated = new FiledFares();

    public SimulatedFareMarket(long seed) {
        this.seed = seed;
    }

    /**
     * The first price of a flight is its opening fare at that tick; each later one moves a step on. A
     * flight changed to another departure or distance opens again. A flight sold in a currency the
     * simulation has no exchange rate for is not simulated: its price is the fare last filed for it,
     * and it has none until one is.
     */
    @Override
    public Optional<BigDecimal> priceAt(Flight flight, long tickMillis) {
        if (!ExchangeRates.knows(flight.currency())) {
            return unsimulated.priceAt(flight, tickMillis);
        }
        FlightFare fare = fares.get(flight.flightId());
        if (fare == null || !fare.prices(flight)) {
            fare = fares.compute(flight.flightId(), (id, old) -> old != null && old.prices(flight) ? old : open(flight));
        }
        return Optional.of(fare.next(tickMillis));
    }

    private FlightFare open(Flight flight) {
        FlightFare opened = new FlightFare(flight, seed);
        BigDecimal filed = unopened.remove(flight.flightId());
        if (filed != null) {
            opened.file(filed);
        }
        return opened;
    }

    /**
     * The flight's next tick carries exactly this fare, and the simulation moves on from it: later
     * ticks move from the filed price as they would have moved from the simulated one. Ignored for a
     * flight not yet priced, whose opening fare is then this one.
     */
    @Override
    public void file(Fare fare) {
        if (!ExchangeRates.knows(fare.currency())) {
            unsimulated.file(fare);
            return;
        }
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
        unsimulated.retire(flight);
    }
}
