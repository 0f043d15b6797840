package dev.farewatch.market;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightId;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What a flight costs at each tick: the producer behind a flight's stream. The ticker asks once per
 * tick for every catalog flight, in tick order, and publishes the answer. Implementations are
 * thread-safe: flights are asked in parallel.
 */
public interface PriceSource {

    /**
     * The flight's price at this tick, in the flight's currency and rounded to its minor unit; empty
     * when this source has no price for the flight, so that none is published for this tick.
     *
     * @param tickMillis epoch milliseconds the tick was due
     */
    Optional<BigDecimal> priceAt(Flight flight, long tickMillis);

    /**
     * A fare filed for the flight: its price from the flight's next tick on, until the next fare or,
     * for a simulated flight, until the simulation moves on from it. Both markets Farewatch runs take
     * filed fares; a source that prices on its own alone (as a test's) may leave them.
     */
    default void file(FiledFare filed) {
    }

    /**
     * A fare filed earlier, read again (a node joining the cluster or reconnecting to it reads every
     * flight's last fare): the prices go on from it as from a filed fare, but, being old news, the next
     * tick need not show it exactly. By default, the same as {@link #file}.
     */
    default void recall(FiledFare filed) {
        file(filed);
    }

    /**
     * The flight's past as this source priced it, given the fares filed for it: the price history is
     * replayed from it rather than recorded. By default, the last fare filed in the flight's currency.
     */
    default PastPrices past(Flight flight) {
        return (millis, lastFiled) -> lastFiled != null && lastFiled.fare().currency().equals(flight.currency())
                ? Optional.of(lastFiled.fare().price()) : Optional.empty();
    }

    /** The flight left the catalog: whatever the source keeps for it can go. */
    default void retire(FlightId flight) {
    }
}
