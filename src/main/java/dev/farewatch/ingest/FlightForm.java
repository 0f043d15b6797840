package dev.farewatch.ingest;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightId;
import dev.farewatch.flight.Timetable;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * The body of {@code PUT /api/flights/{flightId}}, checked field by field: every bad field is named
 * in one answer, so that a fare team fixes them all at once.
 */
final class FlightForm {

    private static final String AIRPORT = "[A-Z]{3}";
    private static final int MAX_NAME_LENGTH = 100;
    private static final String EXAMPLE = "{\"origin\":\"FRA\",\"destination\":\"JFK\","
            + "\"departure\":\"2026-12-24T10:15:00+01:00\",\"currency\":\"EUR\"}";

    private FlightForm() {
    }

    /** @param now departures at or before it are refused: such a flight would leave the catalog at once */
    static Flight check(FlightId id, JsonValue body, Instant now) throws Refusal {
        if (!(body instanceof JsonObject form)) {
            throw new Refusal(400, "INVALID_FLIGHT", "The body must be a flight such as " + EXAMPLE + ", not " + JsonBody.describe(body));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        String origin = airport(form, "origin", errors);
        String destination = airport(form, "destination", errors);
        if (origin != null && origin.equals(destination)) {
            errors.add(new Problem.FieldError("#/destination", "must not be the origin"));
        }
        OffsetDateTime departure = departure(form, id, now, errors);
        Currency currency = currency(form, errors);
        String carrierName = name(form, "carrierName", errors);
        String originCity = name(form, "originCity", errors);
        String destinationCity = name(form, "destinationCity", errors);
        if (!errors.isEmpty()) {
            throw new Refusal(Problem.invalidFields("INVALID_FLIGHT", errors.size() == 1 ? "1 field is invalid"
                    : errors.size() + " fields are invalid", errors));
        }
        return Timetable.describe(id, origin, destination, departure, currency, carrierName, originCity, destinationCity);
    }

    private static String airport(JsonObject form, String field, List<Problem.FieldError> errors) {
        String code = JsonBody.string(form.get(field));
        if (code == null || !code.matches(AIRPORT)) {
            errors.add(new Problem.FieldError("#/" + field, "must be a three-letter IATA airport code such as \"FRA\", not "
                    + JsonBody.describe(form.get(field))));
            return null;
        }
        return code;
    }

    private static OffsetDateTime departure(JsonObject form, FlightId id, Instant now, List<Problem.FieldError> errors) {
        String text = JsonBody.string(form.get("departure"));
        OffsetDateTime departure = null;
        if (text != null) {
            try {
                departure = OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                departure = null;
            }
        }
        if (departure == null) {
            errors.add(new Problem.FieldError("#/departure", "must be the local departure time with its UTC offset, such as "
                    + "\"" + id.departureDate() + "T10:15:00+01:00\", not " + JsonBody.describe(form.get("departure"))));
        } else if (!departure.toLocalDate().equals(id.departureDate())) {
            errors.add(new Problem.FieldError("#/departure", "must be on " + id.departureDate()
                    + ", the date of the flight id, in the origin's local time"));
            departure = null;
        } else if (!departure.toInstant().isAfter(now)) {
            errors.add(new Problem.FieldError("#/departure", "has passed: a departed flight is not on sale"));
            departure = null;
        }
        return departure;
    }

    private static Currency currency(JsonObject form, List<Problem.FieldError> errors) {
        String code = JsonBody.string(form.get("currency"));
        if (code != null && code.matches("[A-Z]{3}")) {
            try {
                return Currency.getInstance(code);
            } catch (IllegalArgumentException unknown) {
                // Told below.
            }
        }
        errors.add(new Problem.FieldError("#/currency", "must be an ISO 4217 currency code such as \"EUR\", not "
                + JsonBody.describe(form.get("currency"))));
        return null;
    }

    /** An optional display name: absent or null leaves it to what the timetable knows. */
    private static String name(JsonObject form, String field, List<Problem.FieldError> errors) {
        JsonValue value = form.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        String name = JsonBody.string(value);
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new Problem.FieldError("#/" + field, "must be a name of 1 to " + MAX_NAME_LENGTH
                    + " characters without control characters, not " + JsonBody.describe(value)));
            return null;
        }
        return name.strip();
    }
}
