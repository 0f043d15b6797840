package dev.farewatch.ingest;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightCatalog;
import dev.farewatch.flight.FlightId;
import dev.farewatch.market.Fare;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /api/fares}, checked fare by fare against the catalog: one fare or an
 * array of up to {@value #MAX_FARES}, each valid one accepted and each invalid one refused with its
 * index and why, so that one bad fare does not hold back the others.
 */
final class FareBatch {

    static final int MAX_FARES = 1_000;
    /** A sanity bound far above any fare in any currency, and far below what minor units can count exactly. */
    static final BigDecimal MAX_PRICE = new BigDecimal("1000000000");
    private static final String EXAMPLE = "{\"flightId\":\"LH400-2026-12-24\",\"price\":412.37,\"currency\":\"EUR\"}";

    /**
     * The fares to file, in the order sent, with each one's index in the batch, and the fares refused.
     */
    record Checked(List<Fare> fares, List<Integer> indexes, List<FareReceipt.Rejection> rejected) {

        /**
         * The receipt once the fares were filed.
         *
         * @param notFiled positions in {@link #fares} that were not filed after all, their flight having
         *                 been removed (or changed currency) since the check: refused as unknown
         */
        FareReceipt receipt(List<Integer> notFiled) {
            List<FareReceipt.Rejection> all = new ArrayList<>(rejected);
            for (int position : notFiled) {
                Fare fare = fares.get(position);
                all.add(new FareReceipt.Rejection(indexes.get(position), "UNKNOWN_FLIGHT",
                        "No flight " + fare.flightId() + " sold in " + fare.currency().getCurrencyCode()
                                + " in the catalog any more: it was removed or changed while the fares were checked"));
            }
            all.sort(Comparator.comparingInt(FareReceipt.Rejection::index));
            return new FareReceipt(fares.size() - notFiled.size(), all);
        }
    }

    private FareBatch() {
    }

    static Checked check(JsonValue body, FlightCatalog catalog) throws Refusal {
        List<JsonValue> items;
        if (body instanceof JsonArray array) {
            if (array.size() > MAX_FARES) {
                throw new Refusal(400, "TOO_MANY_FARES", "A batch holds at most " + MAX_FARES + " fares, not "
                        + array.size() + ": send the rest in another request");
            }
            items = array;
        } else if (body instanceof JsonObject) {
            items = List.of(body);
        } else {
            throw new Refusal(400, "NOT_A_FARE", "The body must be a fare or an array of fares, such as " + EXAMPLE
                    + ", not " + JsonBody.describe(body));
        }
        List<Fare> fares = new ArrayList<>(items.size());
        List<Integer> indexes = new ArrayList<>(items.size());
        List<FareReceipt.Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                fares.add(fare(items.get(i), catalog));
                indexes.add(i);
            } catch (Refused e) {
                rejected.add(new FareReceipt.Rejection(i, e.code, e.getMessage()));
            }
        }
        return new Checked(fares, indexes, rejected);
    }

    private static Fare fare(JsonValue item, FlightCatalog catalog) throws Refused {
        if (!(item instanceof JsonObject fare)) {
            throw new Refused("INVALID_FLIGHT_ID", "A fare is an object such as " + EXAMPLE + ", not " + JsonBody.describe(item));
        }
        String id = JsonBody.string(fare.get("flightId"));
        if (id == null) {
            throw new Refused("INVALID_FLIGHT_ID", "\"flightId\" must be a string such as \"LH400-2026-12-24\", not "
                    + JsonBody.describe(fare.get("flightId")));
        }
        Optional<FlightId> flightId = FlightId.parse(id);
        if (flightId.isEmpty()) {
            throw new Refused("INVALID_FLIGHT_ID", "\"" + JsonBody.echo(id)
                    + "\" is not a flight id: expected carrier, number and date such as LH400-2026-12-24");
        }
        Flight flight = catalog.find(flightId.get()).orElseThrow(() -> new Refused("UNKNOWN_FLIGHT",
                "No flight " + flightId.get() + " in the catalog: create it with PUT /api/flights/" + flightId.get()));
        String currency = JsonBody.string(fare.get("currency"));
        if (!flight.currency().getCurrencyCode().equals(currency)) {
            throw new Refused("CURRENCY_MISMATCH", flightId.get() + " is sold in " + flight.currency().getCurrencyCode()
                    + ": \"currency\" must be \"" + flight.currency().getCurrencyCode() + "\", not " + JsonBody.describe(fare.get("currency")));
        }
        return new Fare(flight.flightId(), price(fare.get("price"), flight), flight.currency());
    }

    private static BigDecimal price(JsonValue value, Flight flight) throws Refused {
        if (!(value instanceof JsonNumber number)) {
            throw new Refused("INVALID_PRICE", "\"price\" must be a JSON number such as 412.37, not " + JsonBody.describe(value));
        }
        BigDecimal price = number.bigDecimalValue();
        // Compared before any arithmetic, so that 1e999999999 costs nothing.
        if (price.signum() <= 0 || price.compareTo(MAX_PRICE) > 0) {
            throw new Refused("INVALID_PRICE", "\"price\" must be more than 0 and at most " + MAX_PRICE.toPlainString());
        }
        int digits = Math.max(0, flight.currency().getDefaultFractionDigits());
        BigDecimal exact = price.stripTrailingZeros();
        if (exact.scale() > digits) {
            throw new Refused("INVALID_PRICE", "\"price\" has more decimals than " + flight.currency().getCurrencyCode()
                    + " has (" + digits + ")");
        }
        return exact.setScale(digits);
    }

    /** One fare refused: the rest of the batch goes on. */
    private static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        private final String code;

        Refused(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
