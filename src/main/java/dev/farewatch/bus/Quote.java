package dev.farewatch.bus;

import dev.farewatch.flight.FlightId;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * One price of one flight at one position of the flight's stream, as every subscriber gets it.
 *
 * @param price  rounded to the currency's minor unit
 * @param ts     epoch milliseconds of the tick the quote belongs to
 * @param epoch  names the stream: a stream that lost its history starts again under a new epoch
 * @param seq    the quote's position in its epoch: grows by exactly 1 per quote and never starts again
 *               within the epoch
 * @param change price minus the previous quote's price, zero for an epoch's first quote
 */
public record Quote(FlightId flightId, BigDecimal price, Currency currency, long ts, String epoch, long seq,
                    BigDecimal change) {

    public StreamPosition position() {
        return new StreamPosition(epoch, seq);
    }
}
