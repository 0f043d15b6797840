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

    FlightFare(Flight flight, long marketSeed) {
        this.model = new FareModel(flight, marketSeed);
    }

    boolean prices(Flight current) {
        return model.prices(current);
    }

    /** A filed fare on the tick after its filing, else the model's price at this tick. */
    synchronized BigDecimal next(long tickMillis) {
        if (pending != null) {
            BigDecimal price = pending;
            pending = null;
            return price;
        }
        return model.price(tickMillis, level);
    }

    /** The next tick's price is this fare; the ones after it move on from it, anchored at its filing. */
    synchronized void file(FiledFare filed) {
        pending = filed.fare().price();
        level = model.levelOf(filed.fare().price(), filed.filedAtMillis());
    }

    /** What the flight cost at {@code millis}, the last fare filed before then being {@code lastFiled} (or none). */
    BigDecimal replay(long millis, FiledFare lastFiled) {
        double replayed = lastFiled == null ? 1.0 : model.levelOf(lastFiled.fare().price(), lastFiled.filedAtMillis());
        return model.price(millis, replayed);
    }
}
