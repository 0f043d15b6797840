package dev.farewatch.monitoring;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * This node's metrics, in a registry of its own (not the client library's default one, which a
 * redeployed WAR would register twice into), written in Prometheus' text format. The counters are
 * the client library's, striped per thread, so the fan-out's few increments per turn contend with
 * nothing. The JVM's own metrics are read on each scrape; those that hang listeners on the JVM (memory
 * pool allocations, native memory) are left out, so that an undeployed WAR leaves nothing behind.
 * Thread-safe.
 */
public final class NodeMetrics {

    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
    /** The close codes the server closes with: going away (draining), unsupported data, policy, too big, error, full, slow or silent. */
    private static final int[] CLOSE_CODES = {1001, 1003, 1008, 1009, 1011, 1013, 4008};
    /** The codes of a fare receipt's rejections. */
    private static final String[] REJECTION_CODES = {"INVALID_FLIGHT_ID", "UNKNOWN_FLIGHT", "INVALID_PRICE", "CURRENCY_MISMATCH"};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter pricesSent;
    private final Counter closes;
    private final Counter slowConsumers;
    private final Histogram tickSeconds;
    private final Counter faresAccepted;
    private final Counter faresRejected;

    /** What the gauges read when scraped. */
    public record Gauges(IntSupplier sessions, IntSupplier followedFlights, BooleanSupplier busConnected) {
    }

    public NodeMetrics(Gauges gauges) {
        GaugeWithCallback.builder().name("farewatch_sessions").help("Open WebSocket connections")
                .callback(callback -> callback.call(gauges.sessions().getAsInt())).register(registry);
        GaugeWithCallback.builder().name("farewatch_followed_flights").help("Flights followed by at least one connection to this node")
                .callback(callback -> callback.call(gauges.followedFlights().getAsInt())).register(registry);
        GaugeWithCallback.builder().name("farewatch_bus_connected").help("1 if the bus can carry prices now, else 0")
                .callback(callback -> callback.call(gauges.busConnected().getAsBoolean() ? 1 : 0)).register(registry);
        pricesSent = Counter.builder().name("farewatch_prices_sent").help("Prices handed to connections to send")
                .register(registry);
        closes = Counter.builder().name("farewatch_closes").help("Closed connections, by WebSocket close code")
                .labelNames("code").register(registry);
        slowConsumers = Counter.builder().name("farewatch_slow_consumers")
                .help("Connections closed because they stopped reading (4008)").register(registry);
        tickSeconds = Histogram.builder().name("farewatch_tick_seconds").unit(Unit.SECONDS)
                .help("Time to hand one turn's prices to every follower on this node")
                .classicOnly().classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1)
                .register(registry);
        faresAccepted = Counter.builder().name("farewatch_fares_accepted").help("Fares filed through the API")
                .register(registry);
        faresRejected = Counter.builder().name("farewatch_fares_rejected")
                .help("Fares the API refused, by the code of the refusal").labelNames("code").register(registry);
        // Shown at 0 from the start, so that a rate over them has a beginning and an alert a series to watch.
        for (int code : CLOSE_CODES) {
            closes.initLabelValues(Integer.toString(code));
        }
        closes.initLabelValues("client");
        for (String code : REJECTION_CODES) {
            faresRejected.initLabelValues(code);
        }
        JvmMemoryMetrics.builder().register(registry);
        JvmBufferPoolMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmThreadsMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmCompilationMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);
    }

    /** A turn handed {@code prices} prices to outboxes in {@code nanos}. */
    public void turn(int prices, long nanos) {
        if (prices > 0) {
            pricesSent.inc(prices);
            tickSeconds.observe(nanos / 1e9);
        }
    }

    /**
     * A connection ended. Labelled by the code only where the server chose it, from the few it uses:
     * a client's close (any code it likes) is {@code client}, so that clients can neither raise the
     * server's alerts nor grow the label set.
     */
    public void closed(int code, boolean byServer) {
        String label = !byServer ? "client" : Arrays.stream(CLOSE_CODES).anyMatch(known -> known == code)
                ? Integer.toString(code) : "other";
        closes.labelValues(label).inc();
        if (byServer && code == 4008) {
            slowConsumers.inc();
        }
    }

    public void faresAccepted(int count) {
        faresAccepted.inc(count);
    }

    public void fareRejected(String code) {
        faresRejected.labelValues(code).inc();
    }

    /** Everything, in Prometheus' text format (version 0.0.4). */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
