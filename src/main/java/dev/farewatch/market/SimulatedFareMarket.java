package dev.farewatch.market;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightId;

import java.util.Map;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Airfares that move like real ones: priced on distance, climbing as departure nears, jumping when a
 * fare bucket sells out, with a little noise on every tick. Exchange rates are simulated and fixed.
 * Every price is a function of the seed, the flight, the second and the last fare filed for it
 * ({@link FareModel}), so that the market can replay any flight's past and every node of a cluster
 * agrees on it. A filed fare sets a flight's price, and the simulation moves on from there.
 *
 * <p>Thread-safe: each flight's fare moves under its own lock, so flights are priced in parallel.
 */
public final class SimulatedFareMarket implements PriceSource {

    private final long seed;
    private final Map<FlightId, FlightFare> fares = new ConcurrentHashMap<>();
    /** Fares filed for flights not priced yet: each opens at its filed fare. */
    private final Map<FlightId, Filing> unopened = new ConcurrentHashMap<>();
    /** The filed fares of flights in currencies without an exchange rate, which are not simulated. */
    private final FiledFares unsimulated = new FiledFares();

    public SimulatedFareMarket(long seed) {
        this.seed = seed;
    }

    /**
     * The model's price at this tick, or the fare filed since the last tick. A flight changed to another
     * departure or distance is priced afresh. A flight sold in a currency the simulation has no exchange
     * rate for is not simulated: its price is the fare last filed for it, and it has none until one is.
     */
    @Override
    public Optional<BigDecimal> priceAt(Flight flight, long tickMillis) {
        if (!ExchangeRates.knows(flight.currency())) {
            return unsimulated.priceAt(flight, tickMillis);
        }
        FlightFare fare = fares.get(flight.flightId());
        if (fare == null || !fare.prices(flight)) {
            fare = fares.compute(flight.flightId(), (id, old) -> old != null && old.prices(flight) ? old : open(flight, old));
        }
        return Optional.of(fare.next(tickMillis));
    }

    /** A flight priced afresh, moving on from the last fare filed for it (as its replay does), if in its currency. */
    private FlightFare open(Flight flight, FlightFare changed) {
        FlightFare opened = new FlightFare(flight, seed);
        FiledFare carried = changed != null ? changed.anchor() : null;
        if (carried != null && carried.fare().currency().equals(flight.currency())) {
            opened.recall(carried);
        }
        Filing filing = unopened.remove(flight.flightId());
        if (filing != null && filing.shown()) {
            opened.file(filing.fare());
        } else if (filing != null) {
            opened.recall(filing.fare());
        }
        return opened;
    }

    /**
     * The flight's next tick carries exactly this fare, and the simulation moves on from it: later
     * ticks move from the filed price as the model moved from its own price at the filing. For a
     * flight not yet priced, its opening price is this fare.
     */
    @Override
    public void file(FiledFare filed) {
        take(new Filing(filed, true));
    }

    /** The fare moves the ticks on as a filed one, but the next tick is not this fare: it is old news. */
    @Override
    public void recall(FiledFare filed) {
        take(new Filing(filed, false));
    }

    private void take(Filing filing) {
        FiledFare filed = filing.fare();
        if (!ExchangeRates.knows(filed.fare().currency())) {
            unsimulated.file(filed);
            return;
        }
        // Under the flight's map entry, as the opening in priceAt, so that a fare filed meanwhile is not lost.
        fares.compute(filed.fare().flightId(), (id, flightFare) -> {
            if (flightFare == null) {
                unopened.put(id, filing);
            } else if (filing.shown()) {
                flightFare.file(filed);
            } else {
                flightFare.recall(filed);
            }
            return flightFare;
        });
    }

    /** A fare on its way to a flight's fare, and whether the next tick shows it. */
    private record Filing(FiledFare fare, boolean shown) {
    }

    /** The model's price at each second, moved by the last fare filed before it as a live tick was. */
    @Override
    public PastPrices past(Flight flight) {
        if (!ExchangeRates.knows(flight.currency())) {
            return unsimulated.past(flight);
        }
        FlightFare model = new FlightFare(flight, seed);
        return (millis, lastFiled) -> Optional.of(model.replay(millis,
                lastFiled != null && lastFiled.fare().currency().equals(flight.currency()) ? lastFiled : null));
    }

    @Override
    public void retire(FlightId flight) {
        fares.remove(flight);
        unopened.remove(flight);
        unsimulated.retire(flight);
    }
}
