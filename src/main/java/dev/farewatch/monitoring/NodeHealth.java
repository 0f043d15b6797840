package dev.farewatch.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Whether this node is alive (its scheduler still runs its once-a-second sweep) and whether it is
 * ready to be sent clients: not while it starts or drains, nor while the Redis its cluster shares is
 * out of reach. Thread-safe: the phase and the last sweep are volatile, each written by one thread.
 */
public final class NodeHealth {

    /** Where the node is in its life. */
    public enum Phase { STARTING, SERVING, DRAINING }

    /** Ten sweeps missed: the scheduler is stuck, or starved. */
    static final long SWEEP_LATE_NANOS = 10_000_000_000L;

    private final String node;
    private final String bus;
    private final BooleanSupplier busConnected;
    private final LongSupplier nanoTime;
    private volatile Phase phase = Phase.STARTING;
    private volatile long lastSweepNanos;

    /**
     * @param bus          what carries the streams, {@code memory} or {@code redis}
     * @param busConnected whether it can carry them now
     */
    public NodeHealth(String node, String bus, BooleanSupplier busConnected, LongSupplier nanoTime) {
        this.node = node;
        this.bus = bus;
        this.busConnected = busConnected;
        this.nanoTime = nanoTime;
        this.lastSweepNanos = nanoTime.getAsLong();
    }

    public void serving() {
        phase = Phase.SERVING;
    }

    public void draining() {
        phase = Phase.DRAINING;
    }

    public Phase phase() {
        return phase;
    }

    /** The scheduler ran the sweep: it is alive. */
    public void swept() {
        lastSweepNanos = nanoTime.getAsLong();
    }

    public HealthReport live() {
        return HealthReport.of(List.of(scheduler()));
    }

    public HealthReport ready() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("node", node);
        data.put("phase", phase.name().toLowerCase(java.util.Locale.ROOT));
        List<HealthReport.Check> checks = new ArrayList<>();
        checks.add(HealthReport.Check.of("farewatch-node", phase == Phase.SERVING, data));
        boolean connected = busConnected.getAsBoolean();
        checks.add(HealthReport.Check.of("farewatch-bus", connected, Map.of("bus", bus, "connected", connected)));
        return HealthReport.of(checks);
    }

    /** Every check, live and ready: {@code /api/health}. */
    public HealthReport all() {
        List<HealthReport.Check> checks = new ArrayList<>(live().checks());
        checks.addAll(ready().checks());
        return HealthReport.of(checks);
    }

    private HealthReport.Check scheduler() {
        long sinceMillis = (nanoTime.getAsLong() - lastSweepNanos) / 1_000_000;
        return HealthReport.Check.of("farewatch-scheduler", sinceMillis * 1_000_000 < SWEEP_LATE_NANOS,
                Map.of("lastSweepMillisAgo", sinceMillis));
    }
}
