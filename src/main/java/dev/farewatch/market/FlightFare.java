package dev.farewatch.market;

import dev.farewatch.flight.Flight;

import java.math.BigDecimal;

/**
 * The live fare of one flight: its model, and the level the last filed fare set. A filed fare is the
 * price of the flight's next tick, exactly; later ticks move on from it as the model moves. Thread-safe:
 * every call holds the fare's lock, and each flight has its own.
 */
final class FlightFare {

    private final FareModel model;
    private double level = 1.0;
    private BigDecimal pending;
    /** The last fare filed or recalled, which set the level. */
    private FiledFare anchor;

    FlightFare(Flight flight, long marketSeed) {
        this.model = new FareModel(flight, marketSeed);
    }

    boolean prices(Flight current) {
        return model.prices(current);
    }

    /** A fare filed since the last tick, else the model's price at this tick. */
    synchronized BigDecimal next(long tickMillis) {
        BigDecimal filed = pending;
        pending = null;
        return filed != null ? filed : model.price(tickMillis, level);
    }

    /** The next tick's price is this fare; the ones after it move on from it, anchored at its filing. */
    synchronized void file(FiledFare filed) {
        recall(filed);
        pending = filed.fare().price();
    }

    /** A fare filed earlier, read again: the ticks move on from it, and it is not shown as a new price. */
    synchronized void recall(FiledFare filed) {
        anchor = filed;
        level = model.levelOf(filed.fare().price(), filed.filedAtMillis());
    }

    /** The last fare filed or recalled, or null. */
    synchronized FiledFare anchor() {
        return anchor;
    }

    /** What the flight cost at {@code millis}, the last fare filed before then being {@code lastFiled} (or none). */
    BigDecimal replay(long millis, FiledFare lastFiled) {
        double replayed = lastFiled == null ? 1.0 : model.levelOf(lastFiled.fare().price(), lastFiled.filedAtMillis());
        return model.price(millis, replayed);
    }
}
