package dev.farewatch.bus.redis;

import dev.farewatch.bus.Quote;
import dev.farewatch.flight.FlightId;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * A quote as the Lua script writes it, in a flight's stream and on its channel: seven fields
 * separated by single spaces, prices in the currency's minor units so that Lua adds and subtracts
 * them exactly: {@code LH400-2026-12-24 3k9x0q2m 42 1796045189340 41237 -310 EUR}.
 */
final class QuoteFormat {

    private QuoteFormat() {
    }

    /** The price in minor units of its currency, as the script takes it; exact, or an error. */
    static String minorUnits(BigDecimal price, Currency currency) {
        return price.setScale(scale(currency)).unscaledValue().toString();
    }

    /** @throws IllegalArgumentException if the text is not a quote in this format */
    static Quote parse(String text) {
        String[] field = text.split(" ", -1);
        if (field.length != 7) {
            throw new IllegalArgumentException("Not a quote: " + text);
        }
        FlightId flight = FlightId.parse(field[0]).orElseThrow(() -> new IllegalArgumentException("Not a quote: " + text));
        Currency currency = Currency.getInstance(field[6]);
        int scale = scale(currency);
        return new Quote(flight, BigDecimal.valueOf(Long.parseLong(field[4]), scale), currency, Long.parseLong(field[3]),
                field[1], Long.parseLong(field[2]), BigDecimal.valueOf(Long.parseLong(field[5]), scale));
    }

    private static int scale(Currency currency) {
        return Math.max(0, currency.getDefaultFractionDigits());
    }
}
