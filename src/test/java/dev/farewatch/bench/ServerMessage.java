package dev.farewatch.bench;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;

/**
 * The fields of one server message a load session needs, read with a streaming JSON-P parser in any
 * field order. One instance per session is reused for every message it gets, and the provider is
 * looked up once for the process (a lookup scans the classpath, tens of microseconds), so reading a
 * price allocates little beyond the parser and the key strings.
 */
final class ServerMessage {

    enum Type { SUBSCRIBED, PRICE, ERROR, OTHER, UNREADABLE }

    private static final JsonProvider JSON = JsonProvider.provider();

    Type type;
    /** {@code ts} of a price: epoch ms of the instant its tick was due; -1 when absent. */
    long ts;
    /** {@code seq} of a price; -1 when absent. */
    long seq;

    /** Reads {@code text} into this message's fields. */
    ServerMessage read(String text) {
        type = Type.OTHER;
        ts = -1;
        seq = -1;
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                type = Type.UNREADABLE;
                return this;
            }
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event != JsonParser.Event.KEY_NAME) {
                    break;  // END_OBJECT: the message is read
                }
                String key = parser.getString();
                JsonParser.Event value = parser.next();
                switch (key) {
                    case "type" -> type = value == JsonParser.Event.VALUE_STRING ? typeOf(parser.getString()) : Type.OTHER;
                    case "ts" -> ts = value == JsonParser.Event.VALUE_NUMBER ? parser.getLong() : -1;
                    case "seq" -> seq = value == JsonParser.Event.VALUE_NUMBER ? parser.getLong() : -1;
                    default -> skip(parser, value);
                }
            }
        } catch (JsonParsingException e) {
            type = Type.UNREADABLE;
        }
        return this;
    }

    private static void skip(JsonParser parser, JsonParser.Event value) {
        if (value == JsonParser.Event.START_OBJECT) {
            parser.skipObject();
        } else if (value == JsonParser.Event.START_ARRAY) {
            parser.skipArray();
        }
    }

    private static Type typeOf(String type) {
        return switch (type) {
            case "price" -> Type.PRICE;
            case "subscribed" -> Type.SUBSCRIBED;
            case "error" -> Type.ERROR;
            default -> Type.OTHER;
        };
    }

    /** The subscribe request for one flight, built once per session. */
    static String subscribe(String flightId) {
        return JSON.createObjectBuilder().add("type", "subscribe").add("flightId", flightId).build().toString();
    }
}
