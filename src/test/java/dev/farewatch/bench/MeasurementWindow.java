package dev.farewatch.bench;

/**
 * The ticks that count: those due in {@code [T0, T0 + S)}. Prices are told apart by the {@code ts} the
 * server stamps, not by when they arrive, so every session is measured over the same S ticks whatever
 * its latency. Closed until the coordinator names T0; written once by the load process's main thread
 * and read on the event loops, hence volatile.
 */
final class MeasurementWindow {

    private volatile long startMillis = Long.MAX_VALUE;
    private volatile long endMillis = Long.MIN_VALUE;

    void open(long t0Millis, int seconds) {
        endMillis = t0Millis + seconds * 1000L;
        startMillis = t0Millis;
    }

    boolean contains(long tsMillis) {
        return tsMillis >= startMillis && tsMillis < endMillis;
    }
}
