package dev.farewatch.ticker;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightId;
import dev.farewatch.market.PriceSource;
import dev.farewatch.market.Quote;
import dev.farewatch.protocol.MessageCodec;
import dev.farewatch.protocol.ServerMessage;
import dev.farewatch.subscription.SubscriptionRegistry;
import dev.farewatch.subscription.Subscriber;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ticks every followed flight once a second, each on its own turn: the second is cut into
 * {@value #TURNS_PER_SECOND} turns and a flight always ticks on the same one, so the sends of one
 * second are spread across it instead of piling up on the whole second, where the last subscriber
 * would wait for all the others. On its turn a flight's quote is encoded once and handed to each of
 * its subscribers, whose sends never block the tick. Turns run one at a time on the scheduler the
 * ticker is started on (the container's managed scheduler when deployed); a turn's sends are shared,
 * slice by slice, with a second thread of that scheduler, so both cores send when both are free.
 */
public final class PriceTicker {

    private static final Logger LOG = Logger.getLogger(PriceTicker.class.getName());
    static final int TURNS_PER_SECOND = 50;
    static final long TURN_MILLIS = 1_000 / TURNS_PER_SECOND;
    /** Subscribers per slice: small enough to share a turn evenly, big enough that sharing costs little. */
    static final int SLICE = 64;

    private final PriceSource source;
    private final SubscriptionRegistry<Subscriber> registry;
    private final MessageCodec codec;
    /** The flights of each turn: consecutive flights of the catalog fall on consecutive turns. */
    private final List<List<FlightId>> flightsByTurn;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> schedule;
    private long nextDueMillis;

    public PriceTicker(PriceSource source, SubscriptionRegistry<Subscriber> registry, MessageCodec codec) {
        this.source = source;
        this.registry = registry;
        this.codec = codec;
        this.flightsByTurn = byTurn(source.catalog().flights());
    }

    private static List<List<FlightId>> byTurn(List<Flight> flights) {
        List<List<FlightId>> turns = new ArrayList<>(TURNS_PER_SECOND);
        for (int turn = 0; turn < TURNS_PER_SECOND; turn++) {
            turns.add(new ArrayList<>());
        }
        for (int i = 0; i < flights.size(); i++) {
            turns.get(i % TURNS_PER_SECOND).add(flights.get(i).flightId());
        }
        return turns.stream().map(List::copyOf).toList();
    }

    public synchronized void start(ScheduledExecutorService scheduler) {
        if (schedule != null) {
            throw new IllegalStateException("already started");
        }
        this.scheduler = scheduler;
        long now = System.currentTimeMillis();
        nextDueMillis = now - now % TURN_MILLIS + TURN_MILLIS;
        schedule = scheduler.scheduleAtFixedRate(this::turnDue, nextDueMillis - now, TURN_MILLIS, TimeUnit.MILLISECONDS);
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

    /** Ticks the followed flights whose turn falls at {@code dueMillis}, the quotes' {@code ts}, and sends their prices. */
    void tick(long dueMillis) {
        int turn = (int) (dueMillis % 1_000 / TURN_MILLIS);
        List<Slice> slices = new ArrayList<>();
        for (FlightId flight : flightsByTurn.get(turn)) {
            Set<Subscriber> subscribers = registry.subscribersOf(flight);
            if (subscribers.isEmpty()) {
                continue;
            }
            Quote quote = source.tick(flight, dueMillis);
            String json = codec.encode(ServerMessage.Price.of(quote));
            Subscriber[] all = subscribers.toArray(new Subscriber[0]);
            for (int from = 0; from < all.length; from += SLICE) {
                slices.add(new Slice(flight, quote.seq(), json, all, from, Math.min(from + SLICE, all.length)));
            }
        }
        AtomicInteger next = new AtomicInteger();
        Runnable send = () -> {
            for (int i = next.getAndIncrement(); i < slices.size(); i = next.getAndIncrement()) {
                slices.get(i).send();
            }
        };
        if (slices.size() > 1) {
            try {
                scheduler.execute(send);
            } catch (RejectedExecutionException e) {
                // The scheduler is shutting down under this last turn: this thread sends it all.
            }
        }
        send.run();
    }

    /** One flight's new price for a run of its subscribers: what the threads of a turn share. */
    private record Slice(FlightId flight, long seq, String json, Subscriber[] subscribers, int from, int to) {

        void send() {
            for (int i = from; i < to; i++) {
                subscribers[i].price(flight, seq, json);
            }
        }
    }
}
