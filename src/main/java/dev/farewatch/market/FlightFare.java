package dev.farewatch.market;

import dev.farewatch.flight.Flight;

import java.math.BigDecimal;

/**
 * The live fare of one flight: its model, and the level the last filed fare set. A filed fare is the
 * price of the flight's next tick, exactly; later ticks move on from it as the model moves. Thread-safe:
 * every call holds the fare's lock, and each flight has its own.
 */
final class FlightFare {

    /**
     * A fare filed longer ago than this before the tick that would show it is not shown as such: a node
     * that reads the cluster's fares (joining, or taking over the market) would otherwise show each
     * flight's last fare, however old, for one tick. Its level still applies. Generous, for clocks that
     * differ between Redis and the node.
     */
    static final long SHOWN_WITHIN_MILLIS = 10_000;

    private final FareModel model;
    private double level = 1.0;
    private FiledFare pending;

    FlightFare(Flight flight, long marketSeed) {
        this.model = new FareModel(flight, marketSeed);
    }

    boolean prices(Flight current) {
        return model.prices(current);
    }

    /** A fare filed since the last tick, if filed lately, else the model's price at this tick. */
    synchronized BigDecimal next(long tickMillis) {
        FiledFare filed = pending;
        pending = null;
        if (filed != null && tickMillis - filed.filedAtMillis() <= SHOWN_WITHIN_MILLIS) {
            return filed.fare().price();
        }
        return model.price(tickMillis, level);
    }

    /** The next tick's price is this fare; the ones after it move on from it, anchored at its filing. */
    synchronized void file(FiledFare filed) {
        pending = filed;
        level = model.levelOf(filed.fare().price(), filed.filedAtMillis());
    }

    /** What the flight cost at {@code millis}, the last fare filed before then being {@code lastFiled} (or none). */
    BigDecimal replay(long millis, FiledFare lastFiled) {
        double replayed = lastFiled == null ? 1.0 : model.levelOf(lastFiled.fare().price(), lastFiled.filedAtMillis());
        return model.price(millis, replayed);
    }
}
