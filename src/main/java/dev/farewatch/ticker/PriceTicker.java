package dev.farewatch.ticker;

import dev.farewatch.flight.FlightId;
import dev.farewatch.market.PriceSource;
import dev.farewatch.market.Quote;
import dev.farewatch.protocol.MessageCodec;
import dev.farewatch.protocol.ServerMessage;
import dev.farewatch.subscription.SubscriptionRegistry;
import dev.farewatch.subscription.Subscriber;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Once a second, on the whole second, takes one quote of every followed flight, encodes it once and
 * hands it to each of the flight's subscribers, whose sends never block the tick. Ticks run one at a
 * time on the scheduler it is started on: the container's managed scheduler when deployed.
 */
public final class PriceTicker {

    private static final Logger LOG = Logger.getLogger(PriceTicker.class.getName());
    static final long PERIOD_MILLIS = 1_000;

    private final PriceSource source;
    private final SubscriptionRegistry<Subscriber> registry;
    private final MessageCodec codec;
    private ScheduledFuture<?> schedule;
    private long nextDueMillis;

    public PriceTicker(PriceSource source, SubscriptionRegistry<Subscriber> registry, MessageCodec codec) {
        this.source = source;
        this.registry = registry;
        this.codec = codec;
    }

    public synchronized void start(ScheduledExecutorService scheduler) {
        if (schedule != null) {
            throw new IllegalStateException("already started");
        }
        long now = System.currentTimeMillis();
        nextDueMillis = now - now % PERIOD_MILLIS + PERIOD_MILLIS;
        schedule = scheduler.scheduleAtFixedRate(this::tickDue, nextDueMillis - now, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops ticking; a tick under way finishes. */
    public synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
            schedule = null;
        }
    }

    private void tickDue() {
        long due = nextDueMillis;
        nextDueMillis += PERIOD_MILLIS;
        // An exception escaping a periodic task would cancel every later tick.
        try {
            tick(due);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Price tick failed", e);
        }
    }

    void tick(long tickMillis) {
        for (FlightId flight : registry.followedFlights()) {
            Quote quote = source.tick(flight, tickMillis);
            String json = codec.encode(ServerMessage.Price.of(quote));
            for (Subscriber subscriber : registry.subscribersOf(flight)) {
                subscriber.price(flight, quote.seq(), json);
            }
        }
    }
}
