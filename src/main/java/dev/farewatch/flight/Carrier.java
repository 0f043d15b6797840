package dev.farewatch.flight;

import java.util.Currency;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** An airline, selling its fares in its home currency. */
record Carrier(String code, String name, Currency currency) {

    private static final Map<String, Carrier> BY_CODE = Stream.of(
            of("LH", "Lufthansa", "EUR"),
            of("BA", "British Airways", "GBP"),
            of("AF", "Air France", "EUR"),
            of("KL", "KLM", "EUR"),
            of("IB", "Iberia", "EUR"),
            of("LX", "Swiss", "CHF"),
            of("OS", "Austrian Airlines", "EUR"),
            of("AY", "Finnair", "EUR"),
            of("SK", "SAS Scandinavian Airlines", "SEK"),
            of("TK", "Turkish Airlines", "TRY"),
            of("U2", "easyJet", "GBP"),
            of("FR", "Ryanair", "EUR"),
            of("UA", "United Airlines", "USD"),
            of("AA", "American Airlines", "USD"),
            of("DL", "Delta Air Lines", "USD"),
            of("AC", "Air Canada", "CAD"),
            of("EK", "Emirates", "AED"),
            of("QR", "Qatar Airways", "QAR"),
            of("SQ", "Singapore Airlines", "SGD"),
            of("CX", "Cathay Pacific", "HKD"),
            of("NH", "ANA All Nippon Airways", "JPY"),
            of("JL", "Japan Airlines", "JPY"),
            of("QF", "Qantas", "AUD"))
            .collect(Collectors.toUnmodifiableMap(Carrier::code, Function.identity()));

    private static Carrier of(String code, String name, String currency) {
        return new Carrier(code, name, Currency.getInstance(currency));
    }

    static Optional<Carrier> find(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    static Carrier byCode(String code) {
        Carrier carrier = BY_CODE.get(code);
        if (carrier == null) {
            throw new NoSuchElementException("no carrier " + code);
        }
        return carrier;
    }
}
