package dev.farewatch.market;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightId;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The market of {@code FAREWATCH_MARKET=none}: every price is a filed one. A flight's price is the
 * latest fare filed for it, repeated on every tick while it stands; a flight with none has no price
 * yet. Thread-safe: the fares are a concurrent map, replaced per flight.
 */
public final class FiledFares implements PriceSource {

    private final Map<FlightId, Fare> latest = new ConcurrentHashMap<>();

    /** Empty too when the fare was filed in another currency than the flight's, as after the flight was changed. */
    @Override
    public Optional<BigDecimal> priceAt(Flight flight, long tickMillis) {
        Fare fare = latest.get(flight.flightId());
        return fare != null && fare.currency().equals(flight.currency()) ? Optional.of(fare.price()) : Optional.empty();
    }

    @Override
    public void file(FiledFare filed) {
        latest.put(filed.fare().flightId(), filed.fare());
    }

    @Override
    public void retire(FlightId flight) {
        latest.remove(flight);
    }
}
