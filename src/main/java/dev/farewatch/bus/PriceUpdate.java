package dev.farewatch.bus;

import dev.farewatch.flight.FlightId;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * What a producer publishes: a flight's price at a tick. The bus places it in the flight's stream,
 * giving it its {@code seq} and {@code change}, so that producers need not agree on either.
 *
 * @param price rounded to the currency's minor unit
 * @param ts    epoch milliseconds of the tick
 */
public record PriceUpdate(FlightId flightId, BigDecimal price, Currency currency, long ts) {

    public PriceUpdate {
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(currency, "currency");
    }
}
