package dev.farewatch.market;

import dev.farewatch.flight.FlightId;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * A fare filed for a flight from outside, through the ingest API: from the flight's next tick on it
 * is the flight's price.
 *
 * @param price in the currency, with no more decimals than its minor unit
 */
public record Fare(FlightId flightId, BigDecimal price, Currency currency) {

    public Fare {
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(currency, "currency");
    }
}
