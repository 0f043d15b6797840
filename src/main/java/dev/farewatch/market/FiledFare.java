package dev.farewatch.market;

import java.util.Objects;

/**
 * A fare as it was filed: the fare, and when the cluster took it. The instant anchors it in the
 * flight's history, and a simulated flight moves on from the filed price as the simulation moved at
 * that instant, so that every node replays the same prices from it.
 *
 * @param filedAtMillis epoch milliseconds; in a cluster, Redis' clock
 */
public record FiledFare(Fare fare, long filedAtMillis) {

    public FiledFare {
        Objects.requireNonNull(fare, "fare");
    }
}
