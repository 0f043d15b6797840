package dev.farewatch.market;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Units of each currency per euro. Simulated: fixed at plausible levels and never updated, because
 * fares are priced in EUR and only need to look right in the carrier's home currency. The page shows
 * prices converted with the same rates ({@code GET /api/rates}).
 */
public final class ExchangeRates {

    private static final Map<String, Double> PER_EURO = Map.ofEntries(
            Map.entry("EUR", 1.0),
            Map.entry("GBP", 0.85),
            Map.entry("CHF", 0.94),
            Map.entry("SEK", 11.2),
            Map.entry("NOK", 11.6),
            Map.entry("DKK", 7.46),
            Map.entry("PLN", 4.28),
            Map.entry("CZK", 25.0),
            Map.entry("TRY", 38.0),
            Map.entry("USD", 1.09),
            Map.entry("CAD", 1.50),
            Map.entry("MXN", 20.5),
            Map.entry("BRL", 6.10),
            Map.entry("AED", 4.00),
            Map.entry("QAR", 3.97),
            Map.entry("INR", 93.0),
            Map.entry("SGD", 1.46),
            Map.entry("HKD", 8.50),
            Map.entry("CNY", 7.85),
            Map.entry("KRW", 1480.0),
            Map.entry("JPY", 162.0),
            Map.entry("THB", 38.5),
            Map.entry("AUD", 1.66),
            Map.entry("NZD", 1.82),
            Map.entry("ZAR", 19.8));

    private ExchangeRates() {
    }

    /** Every rate, by currency code, sorted: what {@code GET /api/rates} lists. */
    public static SortedMap<String, BigDecimal> perEuro() {
        SortedMap<String, BigDecimal> rates = new TreeMap<>();
        PER_EURO.forEach((code, rate) -> rates.put(code, BigDecimal.valueOf(rate)));
        return rates;
    }

    static boolean knows(Currency currency) {
        return PER_EURO.containsKey(currency.getCurrencyCode());
    }

    /** @throws IllegalArgumentException if the simulation has no rate for the currency */
    static double perEuro(Currency currency) {
        Double rate = PER_EURO.get(currency.getCurrencyCode());
        if (rate == null) {
            throw new IllegalArgumentException("no simulated exchange rate for " + currency);
        }
        return rate;
    }
}
