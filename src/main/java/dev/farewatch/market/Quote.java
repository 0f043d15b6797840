package dev.farewatch.market;

import dev.farewatch.flight.FlightId;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * One price of one flight at one tick.
 *
 * @param price  rounded to the currency's minor unit
 * @param ts     epoch milliseconds of the tick the quote belongs to
 * @param seq    grows by exactly 1 per tick of this flight
 * @param change price minus the previous tick's price, zero for the first quote
 */
public record Quote(FlightId flightId, BigDecimal price, Currency currency, long ts, long seq, BigDecimal change) {
}
