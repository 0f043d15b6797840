package dev.farewatch.fanout;

import java.math.BigDecimal;

/**
 * A connection's alert on one flight: it trips on the first price at or below its threshold, and
 * re-arms on the first price above it, so that a price hovering under the threshold is told once.
 * Not thread-safe: the outbox that holds it guards it.
 */
final class PriceAlert {

    private final BigDecimal below;
    private boolean armed;

    /** @param armed false for one the client was told of already, set again: it trips after a price above */
    PriceAlert(BigDecimal below, boolean armed) {
        this.below = below;
        this.armed = armed;
    }

    BigDecimal below() {
        return below;
    }

    /** @return whether this price trips the alert, to be told to its connection */
    boolean trips(BigDecimal price) {
        boolean reached = price.compareTo(below) <= 0;
        if (armed && reached) {
            armed = false;
            return true;
        }
        if (!reached) {
            armed = true;
        }
        return false;
    }
}
