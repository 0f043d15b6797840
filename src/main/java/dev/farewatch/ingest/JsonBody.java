package dev.farewatch.ingest;

import dev.farewatch.protocol.MessageCodec;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Reads a request body as one JSON value, through JSON-P, and echoes pieces of it back safely. */
final class JsonBody {

    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonBody() {
    }

    static JsonValue parse(byte[] body) throws Refusal {
        try (JsonParser parser = JSON.createParser(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8))) {
            if (!parser.hasNext()) {
                throw new Refusal(400, "INVALID_JSON", "The body is empty: expected JSON");
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new Refusal(400, "INVALID_JSON", "The body must be one JSON value, with nothing after it");
            }
            return value;
        } catch (RuntimeException e) {
            // Parsson refuses what it cannot hold with more than JsonException (deep nesting, huge exponents).
            throw new Refusal(400, "INVALID_JSON", "The body is not valid JSON, or nests or numbers beyond what is read");
        }
    }

    /** The text of a string value, else null. */
    static String string(JsonValue value) {
        return value instanceof JsonString text ? text.getString() : null;
    }

    /** The client's text cut to a length fit for an error message, as the WebSocket's errors cut it. */
    static String echo(String input) {
        return MessageCodec.echo(input);
    }

    /**
     * The client's text as a log line may carry it: cut short, and every control character written as
     * {@code \\uXXXX}, so that no input can forge or break a line of the log.
     */
    static String loggable(String input) {
        StringBuilder shown = new StringBuilder();
        echo(input).chars().forEach(c -> {
            if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.append((char) c);
            }
        });
        return shown.toString();
    }

    /** How a value the client sent is named in an error: its JSON type, or the string itself, cut short. */
    static String describe(JsonValue value) {
        if (value == null) {
            return "nothing";
        }
        return switch (value.getValueType()) {
            case STRING -> "\"" + echo(((JsonString) value).getString()) + "\"";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
        };
    }
}
