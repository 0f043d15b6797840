package dev.farewatch.bus;

import dev.farewatch.flight.FlightId;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * One price of one flight at one position of the flight's stream, as every subscriber gets it.
 *
 * @param price  rounded to the currency's minor unit
 * @param ts     epoch milliseconds of the tick the quote belongs to
 * @param seq    the quote's position in the flight's stream: grows by exactly 1 per quote and never
 *               starts again while the stream lives
 * @param change price minus the previous quote's price, zero for a stream's first quote
 */
public record Quote(FlightId flightId, BigDecimal price, Currency currency, long ts, long seq, BigDecimal change) {
}
