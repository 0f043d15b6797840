package dev.farewatch.protocol;

import dev.farewatch.bus.StreamPosition;
import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightId;
import dev.farewatch.history.PriceHistory;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.adapter.JsonbAdapter;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.OptionalLong;

/**
 * Reads client requests and writes server messages, through JSON-B. Thread-safe: one instance
 * serves every connection.
 */
public final class MessageCodec implements AutoCloseable {

    /** Longest piece of a client's input echoed back in an error, so that errors stay small. */
    private static final int ECHO_LIMIT = 64;
    private static final String EXPECTED_TYPES = "expected one of flights, subscribe, unsubscribe, history, alert, ping, info";

    /** Looked up once: {@code Json.createParser} looks the provider up again on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig()
            .withAdapters(new FlightIdAdapter(), new CurrencyAdapter()));

    public String encode(ServerMessage message) {
        return jsonb.toJson(message);
    }

    /** One flight as the {@code flights} message lists it: how nodes of a cluster share the catalog. */
    public String encodeFlight(Flight flight) {
        return jsonb.toJson(flight);
    }

    /** @throws jakarta.json.bind.JsonbException if the text is not a flight as {@link #encodeFlight} writes it */
    public Flight decodeFlight(String json) {
        return jsonb.fromJson(json, Flight.class);
    }

    public Request decode(String text) throws RequestError {
        JsonObject json = parseObject(text);
        JsonValue type = json.get("type");
        if (type == null) {
            if (json.containsKey("flight_id")) {
                return subscribe(json);
            }
            throw new RequestError(ErrorCode.UNKNOWN_TYPE,
                    "Missing \"type\": " + EXPECTED_TYPES);
        }
        if (!(type instanceof JsonString name)) {
            throw new RequestError(ErrorCode.UNKNOWN_TYPE, "\"type\" must be a string: " + EXPECTED_TYPES);
        }
        return switch (name.getString()) {
            case "flights" -> new Request.ListFlights();
            case "subscribe" -> subscribe(json);
            case "unsubscribe" -> new Request.Unsubscribe(flightId(json));
            case "history" -> history(json);
            case "alert" -> alert(json);
            case "ping" -> new Request.Ping();
            case "info" -> new Request.Info();
            default -> throw new RequestError(ErrorCode.UNKNOWN_TYPE, "Unknown type \"" + echo(name.getString())
                    + "\": " + EXPECTED_TYPES);
        };
    }

    private static JsonObject parseObject(String text) throws RequestError {
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                throw new RequestError(ErrorCode.BAD_JSON, "Message must be a JSON object");
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw new RequestError(ErrorCode.BAD_JSON, "Message must be one JSON object, with nothing after it");
            }
            return object;
        } catch (RuntimeException e) {
            // Parsson refuses what it cannot hold with more than JsonException: nesting over 1,000 deep
            // (RuntimeException), exponents beyond an int (NumberFormatException), numbers over 1,100
            // digits (UnsupportedOperationException). MessageDecoderFuzzTest found each of them.
            throw new RequestError(ErrorCode.BAD_JSON, "Message is not valid JSON, or nests or numbers beyond what is read");
        }
    }

    private static FlightId flightId(JsonObject json) throws RequestError {
        JsonValue value = json.containsKey("flightId") ? json.get("flightId") : json.get("flight_id");
        if (value == null || value == JsonValue.NULL) {
            throw new RequestError(ErrorCode.INVALID_FLIGHT_ID, "\"flightId\" is required, e.g. \"LH400-2026-12-24\"");
        }
        if (!(value instanceof JsonString text)) {
            throw new RequestError(ErrorCode.INVALID_FLIGHT_ID, "\"flightId\" must be a string, e.g. \"LH400-2026-12-24\"");
        }
        String raw = text.getString();
        return FlightId.parse(raw).orElseThrow(() -> new RequestError(ErrorCode.INVALID_FLIGHT_ID,
                "\"" + echo(raw) + "\" is not a flight id: expected carrier, number and date like LH400-2026-12-24",
                echo(raw)));
    }

    private static Request.Subscribe subscribe(JsonObject json) throws RequestError {
        FlightId flight = flightId(json);
        return new Request.Subscribe(flight, json.containsKey("since") ? since(json.get("since"), flight) : null);
    }

    private static StreamPosition since(JsonValue value, FlightId flight) throws RequestError {
        if (value instanceof JsonObject since
                && since.get("epoch") instanceof JsonString epoch
                && since.get("seq") instanceof JsonNumber seq) {
            OptionalLong whole = wholeNumber(seq);
            if (whole.isPresent() && whole.getAsLong() >= 0) {
                return new StreamPosition(epoch.getString(), whole.getAsLong());
            }
        }
        throw new RequestError(ErrorCode.INVALID_SINCE, "\"since\" must be an object with the \"epoch\" (a string) and the "
                + "\"seq\" (a whole number, 0 or more) of the last price the client has, "
                + "e.g. {\"epoch\":\"k3x9q2\",\"seq\":41}", flight.toString());
    }

    private static Request.History history(JsonObject json) throws RequestError {
        FlightId flight = flightId(json);
        JsonValue minutes = json.get("minutes");
        if (minutes == null) {
            return new Request.History(flight, PriceHistory.DEFAULT_MINUTES);
        }
        if (minutes instanceof JsonNumber number) {
            OptionalLong whole = wholeNumber(number);
            if (whole.isPresent() && whole.getAsLong() >= 1 && whole.getAsLong() <= PriceHistory.MAX_MINUTES) {
                return new Request.History(flight, (int) whole.getAsLong());
            }
        }
        throw new RequestError(ErrorCode.INVALID_MINUTES, "\"minutes\" must be a whole number from 1 to "
                + PriceHistory.MAX_MINUTES + " (a week), e.g. 60", flight.toString());
    }

    private static Request.Alert alert(JsonObject json) throws RequestError {
        FlightId flight = flightId(json);
        JsonValue below = json.get("below");
        if (below == JsonValue.NULL) {
            return new Request.Alert(flight, null, true);
        }
        if (below instanceof JsonNumber number) {
            BigDecimal value = number.bigDecimalValue();
            // Checked before any arithmetic, so that 1e999999999 costs nothing.
            if (value.signum() > 0 && value.precision() - value.scale() <= 12 && value.stripTrailingZeros().scale() <= 4) {
                // 4e2 is echoed as 400, not 4E+2.
                return new Request.Alert(flight, value.scale() < 0 ? value.setScale(0) : value,
                        json.get("armed") != JsonValue.FALSE);
            }
        }
        throw new RequestError(ErrorCode.INVALID_PRICE, "\"below\" must be a positive price in the flight's currency "
                + "(under 10^12, at most 4 decimals), e.g. 400, or null to clear the alert", flight.toString());
    }

    /** 41 and 41.0 alike; empty for 41.5 or a number beyond a long. */
    private static OptionalLong wholeNumber(JsonNumber number) {
        BigDecimal value = number.bigDecimalValue();
        // Checked before any arithmetic, so that 1e999999999 costs nothing.
        if (value.precision() - value.scale() > 19) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(value.longValueExact());
        } catch (ArithmeticException notWhole) {
            return OptionalLong.empty();
        }
    }

    /**
     * The client's text cut to a length fit for an error message, at most 64 UTF-16 chars and an
     * ellipsis; JSON encoding of the answer escapes it. The HTTP API's errors echo alike.
     */
    public static String echo(String input) {
        if (input.length() <= ECHO_LIMIT) {
            return input;
        }
        // The limit counts UTF-16 chars, as a JavaScript client's length does, so that astral characters cannot
        // double it; the cut steps back rather than leave half an emoji, which cannot be encoded into the reply.
        int end = Character.isHighSurrogate(input.charAt(ECHO_LIMIT - 1)) ? ECHO_LIMIT - 1 : ECHO_LIMIT;
        return input.substring(0, end) + "…";
    }

    @Override
    public void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            throw new IllegalStateException("Closing JSON-B failed", e);
        }
    }

    private static final class FlightIdAdapter implements JsonbAdapter<FlightId, String> {
        @Override
        public String adaptToJson(FlightId id) {
            return id.toString();
        }

        @Override
        public FlightId adaptFromJson(String text) {
            return FlightId.parse(text).orElseThrow(() -> new IllegalArgumentException("Not a flight id: " + text));
        }
    }

    private static final class CurrencyAdapter implements JsonbAdapter<Currency, String> {
        @Override
        public String adaptToJson(Currency currency) {
            return currency.getCurrencyCode();
        }

        @Override
        public Currency adaptFromJson(String code) {
            return Currency.getInstance(code);
        }
    }
}
