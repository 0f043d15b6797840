package dev.farewatch.bench;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import org.HdrHistogram.Histogram;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;

/**
 * What one load process saw, the line it prints when the window is over: counts, the close codes its
 * sessions were closed with, and both distributions whole (HdrHistogram's compressed encoding in
 * Base64), so the coordinator merges distributions rather than averaging percentiles.
 *
 * @param connected       sessions that connected and were confirmed {@code subscribed}
 * @param failed          sessions that did not get there (refused, timed out, closed, answered with an error)
 * @param delivered       prices whose {@code ts} lies in the window
 * @param seqGaps         ticks missed in the window: {@code seq − previous − 1} summed where it skipped
 * @param seqOutOfOrder   in-window prices whose {@code seq} was not above the previous one (must be 0)
 * @param closedDuringRun subscribed sessions closed before the load process closed them
 * @param errors          {@code error} messages received after subscribing
 * @param closeCodes      close codes the server sent, by code
 * @param latency         tick-to-client latency of in-window prices, microseconds
 * @param gaps            time between consecutive in-window prices of one session, microseconds
 * @param handshakes      from when each session was due to start connecting to its completed WebSocket
 *                        handshake, microseconds (under a ramp, counted from the schedule, so a server that
 *                        falls behind is not excused by the sessions it kept waiting)
 */
record ClientReport(long connected, long failed, long delivered, long seqGaps, long seqOutOfOrder, long closedDuringRun,
                    long errors, Map<Integer, Long> closeCodes, Histogram latency, Histogram gaps, Histogram handshakes) {

    static final JsonProvider JSON = JsonProvider.provider();

    ClientReport {
        closeCodes = Map.copyOf(closeCodes);
    }

    static ClientReport empty() {
        return new ClientReport(0, 0, 0, 0, 0, 0, 0, Map.of(), histogram(), histogram(), histogram());
    }

    /** An auto-resizing histogram of microseconds to 3 significant digits. */
    static Histogram histogram() {
        return new Histogram(3);
    }

    /** Both reports added up: counts summed, distributions merged. */
    ClientReport plus(ClientReport other) {
        Map<Integer, Long> codes = new TreeMap<>(closeCodes);
        other.closeCodes.forEach((code, count) -> codes.merge(code, count, Long::sum));
        return new ClientReport(connected + other.connected, failed + other.failed, delivered + other.delivered,
                seqGaps + other.seqGaps, seqOutOfOrder + other.seqOutOfOrder, closedDuringRun + other.closedDuringRun,
                errors + other.errors, codes, merged(latency, other.latency), merged(gaps, other.gaps),
                merged(handshakes, other.handshakes));
    }

    private static Histogram merged(Histogram one, Histogram other) {
        Histogram merged = histogram();
        merged.add(one);
        merged.add(other);
        return merged;
    }

    /** The close codes as a JSON object, in code order: {@code {"1001":3,"4008":1}}. */
    JsonObjectBuilder closeCodesJson() {
        JsonObjectBuilder codes = JSON.createObjectBuilder();
        new TreeMap<>(closeCodes).forEach((code, count) -> codes.add(Integer.toString(code), count));
        return codes;
    }

    JsonObject toJson() {
        return JSON.createObjectBuilder()
                .add("connected", connected)
                .add("failed", failed)
                .add("delivered", delivered)
                .add("seqGaps", seqGaps)
                .add("seqOutOfOrder", seqOutOfOrder)
                .add("closedDuringRun", closedDuringRun)
                .add("errors", errors)
                .add("closeCodes", closeCodesJson())
                .add("latencyMicros", encode(latency))
                .add("gapMicros", encode(gaps))
                .add("handshakeMicros", encode(handshakes))
                .build();
    }

    static ClientReport fromJson(String line) {
        JsonObject json;
        try (var reader = JSON.createReader(new StringReader(line))) {
            json = reader.readObject();
        }
        Map<Integer, Long> codes = new TreeMap<>();
        json.getJsonObject("closeCodes").forEach((code, count) -> codes.put(Integer.valueOf(code), ((JsonNumber) count).longValue()));
        return new ClientReport(json.getJsonNumber("connected").longValue(), json.getJsonNumber("failed").longValue(),
                json.getJsonNumber("delivered").longValue(), json.getJsonNumber("seqGaps").longValue(),
                json.getJsonNumber("seqOutOfOrder").longValue(), json.getJsonNumber("closedDuringRun").longValue(),
                json.getJsonNumber("errors").longValue(), codes,
                decode(json.getString("latencyMicros")), decode(json.getString("gapMicros")),
                decode(json.getString("handshakeMicros")));
    }

    private static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    private static Histogram decode(String base64) {
        try {
            Histogram histogram = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
            histogram.setAutoResize(true);
            return histogram;
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("A load process sent a histogram that does not decode", e);
        }
    }
}
