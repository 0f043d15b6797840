package dev.farewatch.market;

import java.util.random.RandomGenerator;

/**
 * The fare buckets of one flight. When the cheapest open bucket sells out the fare jumps to the next
 * one; now and then a cancellation reopens the bucket closed last. Not thread-safe: the flight's
 * {@link FlightFare} guards it.
 */
final class FareBuckets {

    /** Real flights sell through a handful of economy buckets; more would price fares off the chart. */
    private static final int MAX_SOLD_OUT = 5;
    private static final double MIN_JUMP = 0.08;
    private static final double MAX_JUMP = 0.20;
    private static final double SELL_OUT_CHANCE = 0.004;
    private static final double REOPEN_CHANCE = 0.0005;

    /** The jump of each sold-out bucket, kept so a reopened bucket takes back exactly its own jump. */
    private final double[] jumps = new double[MAX_SOLD_OUT];
    private int soldOut;

    void step(RandomGenerator random) {
        double draw = random.nextDouble();
        if (draw < SELL_OUT_CHANCE) {
            if (soldOut < MAX_SOLD_OUT) {
                jumps[soldOut++] = 1 + random.nextDouble(MIN_JUMP, MAX_JUMP);
            }
        } else if (draw < SELL_OUT_CHANCE + REOPEN_CHANCE && soldOut > 0) {
            soldOut--;
        }
    }

    double factor() {
        double factor = 1.0;
        for (int i = 0; i < soldOut; i++) {
            factor *= jumps[i];
        }
        return factor;
    }
}
