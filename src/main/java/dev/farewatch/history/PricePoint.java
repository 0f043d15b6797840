package dev.farewatch.history;

import jakarta.json.bind.annotation.JsonbTypeSerializer;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;

import java.math.BigDecimal;

/**
 * A flight's price over one minute, written {@code [ts, price]}: a week of them is 10,080, so that a
 * pair costs a third of an object's bytes.
 *
 * @param ts    the minute's start, epoch milliseconds, a multiple of 60,000
 * @param price the minute's last price
 */
@JsonbTypeSerializer(PricePoint.AsPair.class)
public record PricePoint(long ts, BigDecimal price) {

    /** Writes a point as a two-element array. */
    public static final class AsPair implements JsonbSerializer<PricePoint> {
        @Override
        public void serialize(PricePoint point, JsonGenerator generator, SerializationContext context) {
            generator.writeStartArray().write(point.ts()).write(point.price()).writeEnd();
        }
    }
}
