package dev.farewatch.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import org.HdrHistogram.Histogram;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The one line a benchmark run ends with: what the clients saw, merged over every load process, and
 * what it cost the server. Server figures are null when the server's process is not known.
 *
 * @param server            embedded, payara, wildfly or url
 * @param options           the run's options
 * @param windowStart       T0, the first tick counted
 * @param clients           every load process's report, merged
 * @param clientProcesses   how many load processes there were
 * @param serverCpuMicros   server CPU time spent in the window, µs, or null
 * @param clientCpuMicros   CPU time all load processes spent in the window, µs: on a shared machine, CPU
 *                          the server could not have
 * @param heapBaselineBytes live heap before any session connected, or null
 * @param heapSubscribedBytes live heap with every session subscribed, before the window, or null
 * @param heapAfterRunBytes live heap right after the window, sessions still open, or null
 * @param redisCpuMicros    CPU time the cluster's redis-server spent in the window, µs, or null without one
 * @param redisCommands     commands it processed in the window, or null without one
 * @param serverRssBytes    the server's resident memory right after the window, or null
 */
record BenchResult(String server, BenchOptions options, Instant windowStart, ClientReport clients, int clientProcesses,
                   Long serverCpuMicros, long clientCpuMicros, Long heapBaselineBytes, Long heapSubscribedBytes, Long heapAfterRunBytes,
                   Long redisCpuMicros, Long redisCommands, Long serverRssBytes) {

    private static final JsonProvider JSON = ClientReport.JSON;
    /** The bar a run must clear besides every session connecting and no errors. */
    static final double MIN_DELIVERY_RATIO = 0.99;

    /** Every tick in the window, once, to every subscribed session. */
    long expected() {
        return clients.connected() * options.seconds();
    }

    double deliveryRatio() {
        return expected() == 0 ? 0 : (double) clients.delivered() / expected();
    }

    /** Whether the run passes: every session connected, at least 99 % delivered, no errors. */
    boolean passed() {
        return clients.connected() == options.sessions() && clients.failed() == 0
                && deliveryRatio() >= MIN_DELIVERY_RATIO && clients.errors() == 0;
    }

    JsonObject toJson() {
        int seconds = options.seconds();
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("server", server)
                .add("windowStart", windowStart.toString())
                .add("sessions", options.sessions())
                .add("connected", clients.connected())
                .add("connectFailures", clients.failed())
                .add("flights", options.flights())
                .add("seconds", seconds)
                .add("expected", expected())
                .add("delivered", clients.delivered())
                .add("deliveryRatio", round(deliveryRatio(), 6))
                .add("deliveredPerSecond", round((double) clients.delivered() / seconds, 1))
                .add("expectedPerSecond", round((double) expected() / seconds, 1))
                .add("seqGaps", clients.seqGaps())
                .add("seqOutOfOrder", clients.seqOutOfOrder())
                .add("closedDuringRun", clients.closedDuringRun())
                .add("errors", clients.errors())
                .add("closeCodes", clients.closeCodesJson());
        Histogram latency = clients.latency();
        json.add("latencyMs", JSON.createObjectBuilder()
                .add("p50", millis(latency, 50))
                .add("p99", millis(latency, 99))
                .add("p999", millis(latency, 99.9))
                .add("max", maxMillis(latency)));
        Histogram handshakes = clients.handshakes();
        json.add("rampPerSecond", options.ramp());
        json.add("handshakeMs", JSON.createObjectBuilder()
                .add("p50", millis(handshakes, 50))
                .add("p99", millis(handshakes, 99))
                .add("max", maxMillis(handshakes)));
        Histogram gaps = clients.gaps();
        json.add("gapMs", JSON.createObjectBuilder()
                .add("p99", millis(gaps, 99))
                .add("max", maxMillis(gaps)));
        if (serverCpuMicros == null) {
            json.addNull("serverCpuPercent").addNull("serverCpuMicrosPerUpdate");
        } else {
            json.add("serverCpuPercent", round(serverCpuMicros / (seconds * 1e6) * 100, 2));
            if (clients.delivered() > 0) {
                json.add("serverCpuMicrosPerUpdate", round((double) serverCpuMicros / clients.delivered(), 2));
            } else {
                json.addNull("serverCpuMicrosPerUpdate");
            }
        }
        nullable(json, "heapBaselineBytes", heapBaselineBytes);
        nullable(json, "heapSubscribedBytes", heapSubscribedBytes);
        nullable(json, "heapAfterRunBytes", heapAfterRunBytes);
        nullable(json, "serverRssBytes", serverRssBytes);
        if (heapBaselineBytes == null || heapSubscribedBytes == null || clients.connected() == 0) {
            json.addNull("heapPerSessionBytes");
        } else {
            json.add("heapPerSessionBytes", (heapSubscribedBytes - heapBaselineBytes) / clients.connected());
        }
        json.add("nodes", options.nodes());
        if (redisCpuMicros == null) {
            json.addNull("redisCpuPercent").addNull("redisCommandsPerSecond");
        } else {
            json.add("redisCpuPercent", round(redisCpuMicros / (seconds * 1e6) * 100, 2))
                    .add("redisCommandsPerSecond", round((double) redisCommands / seconds, 1));
        }
        return json.add("clientProcesses", clientProcesses)
                .add("clientCpuPercent", round(clientCpuMicros / (seconds * 1e6) * 100, 2))
                .build();
    }

    private static void nullable(JsonObjectBuilder json, String name, Long value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    /** A percentile of a microsecond histogram in milliseconds, to the microsecond; 0 when it is empty. */
    private static BigDecimal millis(Histogram histogram, double percentile) {
        long micros = histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
        return BigDecimal.valueOf(micros, 3);
    }

    private static BigDecimal maxMillis(Histogram histogram) {
        return BigDecimal.valueOf(histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue(), 3);
    }

    /** Rounded, in plain notation with at least one decimal: 19500.0, 0.999872, 1.0. */
    private static BigDecimal round(double value, int decimals) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 1 ? rounded.setScale(1) : rounded;
    }
}
