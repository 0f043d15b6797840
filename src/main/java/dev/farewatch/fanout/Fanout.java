package dev.farewatch.fanout;

import dev.farewatch.bus.PriceBus;
import dev.farewatch.bus.Quote;
import dev.farewatch.bus.QuoteListener;
import dev.farewatch.bus.StreamPosition;
import dev.farewatch.flight.FlightId;
import dev.farewatch.protocol.MessageCodec;
import dev.farewatch.protocol.ServerMessage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * This node's side of the bus: who follows which flight here, and the delivery of each quote the bus
 * brings to their outboxes. The node subscribes to a flight on the bus when its first follower here
 * arrives and unsubscribes after the last. A quote is encoded and framed once ({@link OutgoingText})
 * and offered to each follower's outbox, whose sends never block delivery; a batch's offers are
 * shared, slice by slice, with a second thread, so both cores send when both are free. The opening price a new follower is shown
 * takes the same encode-and-offer path. Thread-safe: delivery, connections and their closes call in
 * concurrently; the bus subscription of a flight changes only under that flight's map entry.
 */
public final class Fanout implements QuoteListener {

    /** Outboxes per slice: small enough to share a batch evenly, big enough that sharing costs little. */
    static final int SLICE = 64;

    private final PriceBus bus;
    private final MessageCodec codec;
    private final Executor helper;
    private final LongSupplier nanoTime;
    private final Turns turns;
    private final int maxUnsentOpenings;
    private final SubscriptionRegistry<Outbox> registry;
    /** The connections with an alert on each flight; the alerts themselves are the outboxes'. */
    private final Map<FlightId, Set<Outbox>> alerted = new ConcurrentHashMap<>();
    /** The flights this node is subscribed to on the bus. */
    private final Map<FlightId, Boolean> onBus = new ConcurrentHashMap<>();

    /**
     * @param maxUnsentOpenings opening prices a connection may have unsent before a resume is refused
     *                          (answered {@code recovered:false} and the latest price)
     * @param helper runs the second thread's share of a batch's sends (the node's scheduler)
     * @param nanoTime the clock outboxes time their stalled sends with
     */
    public Fanout(PriceBus bus, MessageCodec codec, int maxSubscriptions, int maxUnsentOpenings, Executor helper,
                  LongSupplier nanoTime) {
        this(bus, codec, maxSubscriptions, maxUnsentOpenings, helper, nanoTime, (prices, nanos) -> { });
    }

    /** Told of each batch the bus delivers: how many prices it handed to outboxes, and how long that took. */
    @FunctionalInterface
    public interface Turns {
        void turn(int prices, long nanos);
    }

    /** @param turns told of every batch delivered, for the node's metrics */
    public Fanout(PriceBus bus, MessageCodec codec, int maxSubscriptions, int maxUnsentOpenings, Executor helper,
                  LongSupplier nanoTime, Turns turns) {
        this.turns = turns;
        this.bus = bus;
        this.codec = codec;
        this.maxUnsentOpenings = maxUnsentOpenings;
        this.helper = helper;
        this.nanoTime = nanoTime;
        this.registry = new SubscriptionRegistry<>(maxSubscriptions);
    }

    /** A new connection's outbox, sending over {@code transport}. */
    public Outbox open(Transport transport) {
        return new Outbox(transport, registry, nanoTime, maxUnsentOpenings);
    }

    /**
     * Follows the flight and confirms it to the client with {@code subscribed}, before any of its
     * prices. Then come the prices missed since {@code since} if the stream can go on from there
     * ({@code "recovered":true}), or else its latest price ({@code "recovered":false}, or no
     * {@code recovered} when {@code since} is null), and then its live prices.
     *
     * @param since where the client's copy of the stream ends, or null for a plain subscribe
     */
    public SubscriptionRegistry.Outcome follow(Outbox outbox, FlightId flight, StreamPosition since)
            throws ReplyBacklogFull {
        SubscriptionRegistry.Outcome outcome = outbox.follow(flight);
        if (outcome == SubscriptionRegistry.Outcome.LIMIT_REACHED) {
            return outcome;
        }
        ServerMessage.Subscribed confirmation = new ServerMessage.Subscribed(flight, null, since == null ? null : false);
        List<Outbox.Priced> openings = List.of();
        StreamPosition clientHas = null;
        try {
            // Subscribed on the bus before its history is read, so that no quote falls between the two.
            matchBus(flight);
            Optional<List<Quote>> missed = since == null ? Optional.empty() : bus.after(flight, since);
            if (missed.isPresent() && missed.get().size() <= outbox.roomForOpenings()) {
                confirmation = new ServerMessage.Subscribed(flight, since.epoch(), true);
                openings = priced(missed.get());
                clientHas = since;
            } else {
                Optional<Quote> latest = bus.latest(flight);
                if (latest.isPresent()) {
                    confirmation = new ServerMessage.Subscribed(flight, latest.get().epoch(), confirmation.recovered());
                    openings = priced(latest.stream().toList());
                }
            }
        } finally {
            // Even if the bus failed, the follow is confirmed and its live prices flow from now on.
            outbox.open(flight, codec.encode(confirmation), openings, clientHas);
        }
        return outcome;
    }

    private List<Outbox.Priced> priced(List<Quote> quotes) {
        List<Outbox.Priced> priced = new ArrayList<>(quotes.size());
        quotes.forEach(quote -> priced.add(new Outbox.Priced(quote.position(), encode(quote))));
        return priced;
    }

    /** Stops following the flight, confirming it to the client; no price of it follows the confirmation. */
    public void unfollow(Outbox outbox, FlightId flight) throws ReplyBacklogFull {
        if (outbox.unfollow(flight, codec.encode(new ServerMessage.Unsubscribed(flight)))) {
            matchBus(flight);
        }
    }

    /**
     * Sets the connection's alert on the flight, or replaces it, and confirms it with {@code alertSet};
     * the node takes the flight's quotes from the bus while an alert is on it.
     *
     * @param armed false for an alert the client had triggered before and sets again (after a
     *              reconnect): it then waits for a price above its threshold before it can trip
     *
     * @return false if the connection has as many alerts as it may follow flights, and this would be one more
     */
    public boolean setAlert(Outbox outbox, FlightId flight, BigDecimal below, boolean armed) throws ReplyBacklogFull {
        // Indexed first, so that no quote after the confirmation misses the alert; inside the map's step,
        // so that another connection's clear, emptying the set and dropping it, cannot drop this add too.
        alerted.compute(flight, (f, outboxes) -> {
            Set<Outbox> indexed = outboxes != null ? outboxes : ConcurrentHashMap.newKeySet();
            indexed.add(outbox);
            return indexed;
        });
        boolean set = false;
        try {
            set = outbox.setAlert(flight, below, armed, maxSubscriptions(),
                    codec.encode(new ServerMessage.AlertSet(flight, below, null)));
        } finally {
            if (!set) {
                unindexAlert(outbox, flight);
            }
            matchBus(flight);
        }
        return set;
    }

    /** Clears the connection's alert on the flight, if any, confirming it with {@code alertSet} and a null {@code below}. */
    public void clearAlert(Outbox outbox, FlightId flight) throws ReplyBacklogFull {
        try {
            outbox.clearAlert(flight, codec.encode(new ServerMessage.AlertSet(flight, null, null)));
        } finally {
            unindexAlert(outbox, flight);
            matchBus(flight);
        }
    }

    private void unindexAlert(Outbox outbox, FlightId flight) {
        alerted.computeIfPresent(flight, (f, outboxes) -> {
            outboxes.remove(outbox);
            return outboxes.isEmpty() ? null : outboxes;
        });
    }

    /**
     * Ends every follow of a flight that left the catalog, telling each follower why with
     * {@code notice}; no price of the flight reaches them after it. Alerts on it are dropped alike,
     * each told with {@code alertSet}, a null {@code below} and the same reason.
     */
    public void retire(ServerMessage.Unsubscribed notice) {
        FlightId flight = notice.flightId();
        Set<Outbox> followers = registry.subscribersOf(flight);
        if (!followers.isEmpty()) {
            OutgoingText message = new OutgoingText(codec.encode(notice));
            for (Outbox outbox : followers.toArray(new Outbox[0])) {
                outbox.retire(flight, message);
            }
        }
        Set<Outbox> alerting = alerted.remove(flight);
        if (alerting != null) {
            OutgoingText dropped = new OutgoingText(codec.encode(new ServerMessage.AlertSet(flight, null, notice.reason())));
            alerting.forEach(outbox -> outbox.dropAlert(flight, dropped));
        }
        matchBus(flight);
    }

    /** Flights one connection may follow at once. */
    public int maxSubscriptions() {
        return registry.maxPerSubscriber();
    }

    public boolean followsAny(Outbox outbox) {
        return registry.followsAny(outbox.follows());
    }

    /** Whether the connection follows a flight or has an alert on one: whether it is here for anything. */
    public boolean watchesAny(Outbox outbox) {
        return followsAny(outbox) || outbox.hasAlerts();
    }

    /** Forgets a closed connection: its follows, and everything its outbox had not sent. */
    public void close(Outbox outbox) {
        Set<FlightId> alerts = outbox.close();
        Set<FlightId> followed = registry.flightsOf(outbox.follows());
        registry.removeAll(outbox.follows());
        followed.forEach(this::matchBus);
        alerts.forEach(flight -> {
            unindexAlert(outbox, flight);
            matchBus(flight);
        });
    }

    /** How many flights someone on this node follows. */
    public int followedFlights() {
        return registry.followedFlights().size();
    }

    /** Whether nobody here follows anything or has an alert, and the node is subscribed to nothing on the bus. */
    public boolean isIdle() {
        return registry.isEmpty() && alerted.isEmpty() && onBus.isEmpty();
    }

    @Override
    public void delivered(List<Quote> quotes) {
        long start = nanoTime.getAsLong();
        int prices = 0;
        List<Slice> slices = new ArrayList<>();
        for (Quote quote : quotes) {
            if (!alerted.isEmpty()) {
                checkAlerts(quote);
            }
            Set<Outbox> followers = registry.subscribersOf(quote.flightId());
            if (followers.isEmpty()) {
                continue;
            }
            OutgoingText message = encode(quote);
            StreamPosition position = quote.position();
            Outbox[] all = followers.toArray(new Outbox[0]);
            prices += all.length;
            for (int from = 0; from < all.length; from += SLICE) {
                slices.add(new Slice(quote.flightId(), position, message, all, from, Math.min(from + SLICE, all.length)));
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
                helper.execute(send);
            } catch (RejectedExecutionException e) {
                // The scheduler is shutting down under this last batch: this thread sends it all.
            }
        }
        send.run();
        turns.turn(prices, nanoTime.getAsLong() - start);
    }

    private void checkAlerts(Quote quote) {
        Set<Outbox> alerting = alerted.get(quote.flightId());
        if (alerting == null) {
            return;
        }
        for (Outbox outbox : alerting) {
            outbox.checkAlert(quote.flightId(), quote.price(), below -> codec.encode(
                    new ServerMessage.AlertTriggered(quote.flightId(), quote.price(), quote.currency(), below, quote.ts())));
        }
    }

    private OutgoingText encode(Quote quote) {
        return new OutgoingText(codec.encode(ServerMessage.Price.of(quote)));
    }

    /** Subscribes the node to the flight on the bus while someone here follows it or has an alert on it, and only then. */
    private void matchBus(FlightId flight) {
        onBus.compute(flight, (f, subscribed) -> {
            boolean wanted = !registry.subscribersOf(f).isEmpty() || alerted.containsKey(f);
            if (wanted && subscribed == null) {
                bus.subscribe(f);
            } else if (!wanted && subscribed != null) {
                bus.unsubscribe(f);
            }
            return wanted ? Boolean.TRUE : null;
        });
    }

    /** One quote for a run of its followers: what the threads of a batch share. */
    private record Slice(FlightId flight, StreamPosition position, OutgoingText message, Outbox[] outboxes, int from,
                         int to) {

        void send() {
            for (int i = from; i < to; i++) {
                outboxes[i].price(flight, position, message);
            }
        }
    }
}
