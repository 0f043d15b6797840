package dev.farewatch.protocol;

import dev.farewatch.flight.FlightId;
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
import java.util.Currency;

/**
 * Reads client requests and writes server messages, through JSON-B. Thread-safe: one instance
 * serves every connection.
 */
public final class MessageCodec implements AutoCloseable {

    /** Longest piece of a client's input echoed back in an error, so that errors stay small. */
    private static final int ECHO_LIMIT = 64;
    private static final String EXPECTED_TYPES = "expected one of flights, subscribe, unsubscribe, ping, info";

    /** Looked up once: {@code Json.createParser} looks the provider up again on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig()
            .withAdapters(new FlightIdAdapter(), new CurrencyAdapter()));

    public String encode(ServerMessage message) {
        return jsonb.toJson(message);
    }

    public Request decode(String text) throws RequestError {
        JsonObject json = parseObject(text);
        JsonValue type = json.get("type");
        if (type == null) {
            if (json.containsKey("flight_id")) {
                return new Request.Subscribe(flightId(json));
            }
            throw new RequestError(ErrorCode.UNKNOWN_TYPE,
                    "Missing \"type\": " + EXPECTED_TYPES);
        }
        if (!(type instanceof JsonString name)) {
            throw new RequestError(ErrorCode.UNKNOWN_TYPE, "\"type\" must be a string: " + EXPECTED_TYPES);
        }
        return switch (name.getString()) {
            case "flights" -> new Request.ListFlights();
            case "subscribe" -> new Request.Subscribe(flightId(json));
            case "unsubscribe" -> new Request.Unsubscribe(flightId(json));
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

    private static String echo(String input) {
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
