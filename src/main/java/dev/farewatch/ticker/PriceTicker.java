package dev.farewatch.ticker;

import dev.farewatch.bus.PriceBus;
import dev.farewatch.bus.PriceUpdate;
import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightCatalog;
import dev.farewatch.flight.FlightId;
import dev.farewatch.market.PriceSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The market's clock: ticks every catalog flight once a second, watched or not, and publishes each
 * price to the bus, which numbers the flight's stream. The second is cut into {@value #TURNS_PER_SECOND}
 * turns and a flight always ticks on the same one (its {@code ts} is that turn's instant), so the
 * sends of one second are spread across it instead of piling up on the whole second, where the last
 * subscriber would wait for all the others. Turns run one at a time on the scheduler the ticker is
 * started on (the container's managed scheduler when deployed). Thread-safe: start and stop are
 * synchronised, and the plan is touched only by turns.
 */
public final class PriceTicker {

    private static final Logger LOG = Logger.getLogger(PriceTicker.class.getName());
    static final int TURNS_PER_SECOND = 50;
    static final long TURN_MILLIS = 1_000 / TURNS_PER_SECOND;

    private final FlightCatalog catalog;
    private final PriceSource source;
    private final PriceBus bus;
    private final TurnPlan plan = new TurnPlan(TURNS_PER_SECOND);
    private ScheduledFuture<?> schedule;
    private long nextDueMillis;

    public PriceTicker(FlightCatalog catalog, PriceSource source, PriceBus bus) {
        this.catalog = catalog;
        this.source = source;
        this.bus = bus;
    }

    /**
     * Publishes every flight's opening price at the clock's time, so that a first follower is shown
     * one at once, then ticks on the scheduler from the next turn on.
     *
     * @param clock epoch milliseconds; read again after the openings, which can take a while on a
     *              cold JVM, so that every later turn still runs on its own instant and not that late
     */
    public synchronized void start(ScheduledExecutorService scheduler, LongSupplier clock) {
        if (schedule != null) {
            throw new IllegalStateException("already started");
        }
        long openedMillis = clock.getAsLong();
        List<PriceUpdate> openings = new ArrayList<>();
        for (Flight flight : planned()) {
            price(flight, openedMillis).ifPresent(openings::add);
        }
        bus.publish(openings);
        long nowMillis = clock.getAsLong();
        nextDueMillis = nowMillis - nowMillis % TURN_MILLIS + TURN_MILLIS;
        long delay = nextDueMillis - nowMillis;
        schedule = scheduler.scheduleAtFixedRate(this::turnDue, delay, TURN_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops ticking; a turn under way finishes. */
    public synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
            schedule = null;
        }
    }

    private void turnDue() {
        long due = nextDueMillis;
        nextDueMillis += TURN_MILLIS;
        // An exception escaping a periodic task would cancel every later turn.
        try {
            tick(due);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Price tick failed", e);
        }
    }

    /** Ticks the flights whose turn falls at {@code dueMillis}, the prices' {@code ts}, and publishes them. */
    void tick(long dueMillis) {
        planned();
        List<Flight> flights = plan.flightsOn(turnAt(dueMillis));
        List<PriceUpdate> updates = new ArrayList<>(flights.size());
        for (Flight flight : flights) {
            price(flight, dueMillis).ifPresent(updates::add);
        }
        if (!updates.isEmpty()) {
            bus.publish(updates);
        }
    }

    static int turnAt(long millis) {
        return (int) (millis % 1_000 / TURN_MILLIS);
    }

    /** The catalog as the plan has it, after retiring what left it since the last look. */
    private List<Flight> planned() {
        List<Flight> flights = catalog.flights();
        for (FlightId left : plan.follow(flights)) {
            source.retire(left);
            bus.remove(left);
        }
        return flights;
    }

    private Optional<PriceUpdate> price(Flight flight, long tickMillis) {
        Optional<BigDecimal> price = source.priceAt(flight, tickMillis);
        return price.map(p -> new PriceUpdate(flight.flightId(), p, flight.currency(), tickMillis));
    }
}
