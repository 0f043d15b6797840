package dev.farewatch.flight;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A flight on one day: IATA carrier code, flight number and departure date, written
 * {@code LH400-2026-12-24}.
 */
public record FlightId(String carrier, int flightNumber, LocalDate departureDate) {

    private static final Pattern FORMAT =
            Pattern.compile("([A-Z0-9]{2})([1-9][0-9]{0,3})-([0-9]{4}-[0-9]{2}-[0-9]{2})");

    public FlightId {
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(departureDate, "departureDate");
        if (!carrier.matches("[A-Z0-9]{2}")) {
            throw new IllegalArgumentException("carrier must be a 2-character IATA code: " + carrier);
        }
        if (flightNumber < 1 || flightNumber > 9999) {
            throw new IllegalArgumentException("flight number must be 1-9999: " + flightNumber);
        }
    }

    /**
     * Reads {@code LH400-2026-12-24}; empty when the text is not a flight id of that form. A flight
     * number with a leading zero is refused, so that every id has one spelling.
     */
    public static Optional<FlightId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new FlightId(m.group(1), Integer.parseInt(m.group(2)), LocalDate.parse(m.group(3))));
        } catch (DateTimeException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The flight designator, e.g. {@code LH400}. */
    public String designator() {
        return carrier + flightNumber;
    }

    @Override
    public String toString() {
        return designator() + "-" + departureDate;
    }
}
