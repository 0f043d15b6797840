package dev.farewatch.listing.redis;

import java.math.BigDecimal;
import java.util.Currency;

/** A price as a whole number of its currency's minor unit, the way Redis keeps filed fares. */
final class MinorUnits {

    private MinorUnits() {
    }

    /** @throws ArithmeticException if the price has more decimals than the currency's minor unit */
    static String of(BigDecimal price, Currency currency) {
        return price.movePointRight(digits(currency)).toBigIntegerExact().toString();
    }

    /** @throws NumberFormatException if {@code minor} is not a whole number of at most 18 digits */
    static BigDecimal parse(String minor, Currency currency) {
        return BigDecimal.valueOf(Long.parseLong(minor), digits(currency));
    }

    private static int digits(Currency currency) {
        return Math.max(0, currency.getDefaultFractionDigits());
    }
}
