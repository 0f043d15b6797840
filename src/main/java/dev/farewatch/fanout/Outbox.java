package dev.farewatch.fanout;

import dev.farewatch.flight.FlightId;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.LongSupplier;

/**
 * One connection's outgoing queue. At most one message is in flight, so nothing queues inside the
 * WebSocket container; while one is, replies wait in order and each flight keeps only its newest
 * unsent price, so a slow reader costs a bounded amount of memory and sees {@code seq} skip but never
 * repeat or go back. Which flights the connection follows is the registry's to say; the outbox asks
 * it under its own lock, and changes it there when a reply confirms the change, so that no price can
 * overtake "subscribed" or follow "unsubscribed". Thread-safe: the fan-out, the connection's own
 * thread and send completions all call in; every field is guarded by {@code this}.
 */
public final class Outbox {

    /** Replies waiting beyond this mean the client asks faster than it reads. */
    static final int MAX_UNSENT_REPLIES = 64;

    private final Transport transport;
    private final SubscriptionRegistry<Outbox> registry;
    private final LongSupplier nanoTime;
    private final Queue<String> replies = new ArrayDeque<>();
    private final Map<FlightId, String> unsentPrices = new LinkedHashMap<>();
    /** The newest seq taken for each flight, so that an older quote arriving late is not sent after a newer one. */
    private final Map<FlightId, Long> takenSeq = new HashMap<>();
    private boolean sending;
    private long sendingSince;
    private boolean closed;

    Outbox(Transport transport, SubscriptionRegistry<Outbox> registry, LongSupplier nanoTime) {
        this.transport = transport;
        this.registry = registry;
        this.nanoTime = nanoTime;
    }

    /** Queues a reply behind the replies before it. */
    public void reply(String json) throws ReplyBacklogFull {
        synchronized (this) {
            queue(json);
        }
        sendNext();
    }

    /**
     * Follows the flight and, unless refused, queues {@code confirmation} in the same step: prices of
     * the flight can then reach the client only after it.
     */
    SubscriptionRegistry.Outcome follow(FlightId flight, String confirmation) throws ReplyBacklogFull {
        SubscriptionRegistry.Outcome outcome;
        synchronized (this) {
            requireRoomForReply();
            outcome = closed ? SubscriptionRegistry.Outcome.ALREADY_SUBSCRIBED : registry.subscribe(this, flight);
            if (outcome != SubscriptionRegistry.Outcome.LIMIT_REACHED) {
                queue(confirmation);
            }
        }
        sendNext();
        return outcome;
    }

    /**
     * Stops following the flight, drops its unsent price and queues {@code confirmation}, after which
     * no price of the flight is sent.
     *
     * @return whether the flight was followed
     */
    boolean unfollow(FlightId flight, String confirmation) throws ReplyBacklogFull {
        boolean followed;
        synchronized (this) {
            requireRoomForReply();
            followed = registry.unsubscribe(this, flight);
            forget(flight);
            queue(confirmation);
        }
        sendNext();
        return followed;
    }

    /** Sends a price of a followed flight unless a newer one was already taken; an unsent older one of the flight is replaced. */
    void price(FlightId flight, long seq, String json) {
        synchronized (this) {
            if (closed || !registry.follows(this, flight)) {
                return;
            }
            Long taken = takenSeq.get(flight);
            if (taken != null && seq <= taken) {
                return;
            }
            takenSeq.put(flight, seq);
            unsentPrices.put(flight, json);
        }
        sendNext();
    }

    /** How long the send in flight has been waiting to complete, at {@code nowNanos}; 0 if none is. */
    public synchronized long stalledNanos(long nowNanos) {
        return sending ? nowNanos - sendingSince : 0;
    }

    /** Drops everything unsent; later calls send nothing. */
    synchronized void close() {
        closed = true;
        replies.clear();
        unsentPrices.clear();
        takenSeq.clear();
    }

    private void queue(String json) throws ReplyBacklogFull {
        if (closed) {
            return;
        }
        requireRoomForReply();
        replies.add(json);
    }

    /** Checked before a follow changes anything, so that a refused confirmation leaves no follow behind. */
    private void requireRoomForReply() throws ReplyBacklogFull {
        if (replies.size() >= MAX_UNSENT_REPLIES) {
            throw new ReplyBacklogFull();
        }
    }

    private void forget(FlightId flight) {
        unsentPrices.remove(flight);
        takenSeq.remove(flight);
    }

    private void sendNext() {
        String next;
        synchronized (this) {
            if (sending || closed) {
                return;
            }
            next = takeNext();
            if (next == null) {
                return;
            }
            sending = true;
            sendingSince = nanoTime.getAsLong();
        }
        try {
            transport.send(next, this::sent);
        } catch (RuntimeException e) {
            // The container refuses sends on a session that is closing; its close callback follows.
            sent(false);
        }
    }

    private String takeNext() {
        String reply = replies.poll();
        if (reply != null) {
            return reply;
        }
        Iterator<String> prices = unsentPrices.values().iterator();
        if (!prices.hasNext()) {
            return null;
        }
        String price = prices.next();
        prices.remove();
        return price;
    }

    private void sent(boolean ok) {
        synchronized (this) {
            sending = false;
        }
        if (ok) {
            sendNext();
        } else {
            close();
        }
    }
}
