package dev.farewatch.fanout;

import dev.farewatch.bus.StreamPosition;
import dev.farewatch.flight.FlightId;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One connection's outgoing queue. At most one message is in flight, so nothing queues inside the
 * WebSocket container; while one is, replies wait in order and each flight keeps only its newest
 * unsent live price, so a slow reader costs a bounded amount of memory and sees {@code seq} skip but
 * never repeat or go back. A follow opens in two steps: the flight is followed at once, its live
 * prices held back, and then the confirmation and the opening prices (the latest, or those missed
 * since a position the client resumes from) are queued together, after which held prices newer than
 * the last opening one flow. Which flights the connection follows is the registry's to say; the
 * outbox asks it under its own lock, and changes it there, so that no price can overtake "subscribed"
 * or follow "unsubscribed". Thread-safe: the fan-out, the connection's own thread and send
 * completions all call in; every field is guarded by {@code this}.
 */
public final class Outbox {

    /** Replies waiting beyond this mean the client asks faster than it reads. */
    static final int MAX_UNSENT_REPLIES = 64;

    private final Transport transport;
    private final SubscriptionRegistry<Outbox> registry;
    private final SubscriptionRegistry.Member<Outbox> follows;
    private final LongSupplier nanoTime;
    private final int maxUnsentOpenings;
    /** Replies and opening prices, in the order they are to be sent. */
    private final Queue<Queued> queued = new ArrayDeque<>();
    private int unsentReplies;
    private int unsentOpenings;
    private final Map<FlightId, OutgoingText> unsentPrices = new LinkedHashMap<>();
    /** The newest position taken for each flight, so that an older quote arriving late is not sent after a newer one. */
    private final Map<FlightId, StreamPosition> taken = new HashMap<>();
    /** Flights being opened, and the newest live price that arrived meanwhile. */
    private final Set<FlightId> opening = new HashSet<>();
    private final Map<FlightId, Priced> held = new HashMap<>();
    /**
     * A price that found nothing waiting before it, to be sent at once: it skips the map, which would
     * only take it and give it back. Set only when nothing is in flight or queued, and taken under the
     * same hold of the lock, so it never outlives the offer that set it.
     */
    private OutgoingText nextPrice;
    /** The connection's price alerts, by flight. */
    private final Map<FlightId, PriceAlert> alerts = new HashMap<>();
    private final Transport.Done whenSent = this::sent;
    private boolean sending;
    private long sendingSince;
    private boolean closed;

    /** An encoded price and its place in its flight's stream. */
    public record Priced(StreamPosition position, OutgoingText message) {
    }

    private record Queued(OutgoingText message, boolean reply) {
    }

    Outbox(Transport transport, SubscriptionRegistry<Outbox> registry, LongSupplier nanoTime, int maxUnsentOpenings) {
        this.transport = transport;
        this.registry = registry;
        this.follows = registry.join(this);
        this.nanoTime = nanoTime;
        this.maxUnsentOpenings = maxUnsentOpenings;
    }

    /** Queues a reply behind the replies before it. */
    public void reply(String json) throws ReplyBacklogFull {
        synchronized (this) {
            requireRoomForReply();
            queue(new OutgoingText(json), true);
        }
        sendNext();
    }

    /**
     * Follows the flight, holding its live prices back until {@link #open} queues the confirmation
     * and the opening prices. A follow of a flight already followed is opened again the same way.
     */
    synchronized SubscriptionRegistry.Outcome follow(FlightId flight) throws ReplyBacklogFull {
        // Checked before anything changes, so that a refused confirmation leaves no follow behind.
        requireRoomForReply();
        if (closed) {
            return SubscriptionRegistry.Outcome.ALREADY_SUBSCRIBED;
        }
        SubscriptionRegistry.Outcome outcome = registry.subscribe(follows, flight);
        if (outcome != SubscriptionRegistry.Outcome.LIMIT_REACHED) {
            opening.add(flight);
        }
        return outcome;
    }

    /** How many opening prices may still be queued: past that, a resume is not offered. */
    synchronized int roomForOpenings() {
        return maxUnsentOpenings - unsentOpenings;
    }

    /**
     * Queues the confirmation of a {@link #follow}, then the opening prices, oldest first; from then
     * on the flight's live prices flow, from the first one newer than the last opening price.
     */
    void open(FlightId flight, String confirmation, List<Priced> openings) {
        open(flight, confirmation, openings, null);
    }

    /**
     * As {@link #open(FlightId, String, List)}, for a client that resumes from {@code clientHas}: with
     * no opening prices (it missed none), live prices flow from the first one newer than that, so that
     * a quote it has, arriving late, is not sent again.
     */
    void open(FlightId flight, String confirmation, List<Priced> openings, StreamPosition clientHas) {
        synchronized (this) {
            opening.remove(flight);
            Priced heldBack = held.remove(flight);
            if (closed || !registry.follows(follows, flight)) {
                return;
            }
            // The room for the confirmation was checked by follow, and only this connection's thread queues replies.
            queue(new OutgoingText(confirmation), true);
            openings.forEach(price -> queue(price.message(), false));
            StreamPosition last = openings.isEmpty() ? clientHas : openings.get(openings.size() - 1).position();
            if (last != null) {
                StreamPosition unsent = unsentPrices.containsKey(flight) ? taken.get(flight) : null;
                if (unsent != null && !unsent.isNewerThan(last)) {
                    unsentPrices.remove(flight);
                }
                taken.put(flight, last);
            }
            if (heldBack != null) {
                offer(flight, heldBack.position(), heldBack.message());
            }
        }
        sendNext();
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
            followed = registry.unsubscribe(follows, flight);
            unsentPrices.remove(flight);
            taken.remove(flight);
            queue(new OutgoingText(confirmation), true);
        }
        sendNext();
        return followed;
    }

    /**
     * Ends the follow from the server's side, if the flight is followed: drops its unsent and held
     * prices and queues {@code notice}, after which no price of the flight is sent. The notice is
     * queued even past the reply backlog, which it can outgrow by at most one per followed flight.
     *
     * @return whether the flight was followed
     */
    boolean retire(FlightId flight, OutgoingText notice) {
        synchronized (this) {
            if (!registry.unsubscribe(follows, flight)) {
                return false;
            }
            unsentPrices.remove(flight);
            taken.remove(flight);
            held.remove(flight);
            queue(notice, true);
        }
        sendNext();
        return true;
    }

    /**
     * Sets (or replaces, armed as asked) the alert on the flight and queues {@code confirmation}, after which
     * the alert may trip.
     *
     * @return false, and nothing queued, if it would be one more alert than {@code max}, or the outbox is closed
     */
    boolean setAlert(FlightId flight, BigDecimal below, boolean armed, int max, String confirmation)
            throws ReplyBacklogFull {
        synchronized (this) {
            requireRoomForReply();
            if (closed || (!alerts.containsKey(flight) && alerts.size() >= max)) {
                return false;
            }
            queue(new OutgoingText(confirmation), true);
            alerts.put(flight, new PriceAlert(below, armed));
        }
        sendNext();
        return true;
    }

    /** Clears the alert on the flight, if any, and queues {@code confirmation}, after which it trips no more. */
    void clearAlert(FlightId flight, String confirmation) throws ReplyBacklogFull {
        synchronized (this) {
            requireRoomForReply();
            alerts.remove(flight);
            queue(new OutgoingText(confirmation), true);
        }
        sendNext();
    }

    /**
     * Drops the alert on a flight that left the catalog, queueing {@code notice} even past the reply
     * backlog (at most one per alert).
     *
     * @return whether there was one
     */
    boolean dropAlert(FlightId flight, OutgoingText notice) {
        synchronized (this) {
            if (alerts.remove(flight) == null) {
                return false;
            }
            queue(notice, true);
        }
        sendNext();
        return true;
    }

    /**
     * Offers a price of the flight to its alert, if any; when it trips, queues what {@code told} makes
     * of the threshold, even past the reply backlog: an alert trips at most once per rise and fall.
     */
    void checkAlert(FlightId flight, BigDecimal price, Function<BigDecimal, String> told) {
        synchronized (this) {
            PriceAlert alert = alerts.get(flight);
            if (closed || alert == null || !alert.trips(price)) {
                return;
            }
            queue(new OutgoingText(told.apply(alert.below())), true);
        }
        sendNext();
    }

    /** Whether it has an alert on any flight. */
    public synchronized boolean hasAlerts() {
        return !alerts.isEmpty();
    }

    /** Sends a live price of a followed flight unless a newer one was already taken; an unsent older one of the flight is replaced. */
    void price(FlightId flight, StreamPosition position, OutgoingText message) {
        OutgoingText next;
        synchronized (this) {
            if (closed || !registry.follows(follows, flight)) {
                return;
            }
            if (!opening.isEmpty() && opening.contains(flight)) {
                Priced heldBack = held.get(flight);
                if (heldBack == null || position.isNewerThan(heldBack.position())) {
                    held.put(flight, new Priced(position, message));
                }
                return;
            }
            if (!offer(flight, position, message)) {
                return;
            }
            // Taken here, under the lock the offer holds: the fan-out's one monitor entry per follower.
            next = startNext();
        }
        transmit(next);
    }

    private boolean offer(FlightId flight, StreamPosition position, OutgoingText message) {
        StreamPosition last = taken.get(flight);
        if (last != null && !position.isNewerThan(last)) {
            return false;
        }
        taken.put(flight, position);
        if (!sending && queued.isEmpty() && unsentPrices.isEmpty()) {
            // Nothing waits: this price goes next, without passing through the map.
            nextPrice = message;
        } else {
            unsentPrices.put(flight, message);
        }
        return true;
    }

    /** How its messages are sent, as {@code info} names it. */
    public String sendPath() {
        return transport.path();
    }

    /** Its follows, as the registry keeps them. */
    SubscriptionRegistry.Member<Outbox> follows() {
        return follows;
    }

    /** How long the send in flight has been waiting to complete, at {@code nowNanos}; 0 if none is. */
    public synchronized long stalledNanos(long nowNanos) {
        return sending ? nowNanos - sendingSince : 0;
    }

    /**
     * Drops everything unsent; later calls send nothing, and set no alert.
     *
     * @return the flights it had alerts on, taken with the close, so that none set meanwhile is missed
     */
    synchronized Set<FlightId> close() {
        closed = true;
        queued.clear();
        unsentReplies = 0;
        unsentOpenings = 0;
        unsentPrices.clear();
        nextPrice = null;
        taken.clear();
        opening.clear();
        held.clear();
        Set<FlightId> alerted = Set.copyOf(alerts.keySet());
        alerts.clear();
        return alerted;
    }

    private void queue(OutgoingText message, boolean reply) {
        if (closed) {
            return;
        }
        queued.add(new Queued(message, reply));
        if (reply) {
            unsentReplies++;
        } else {
            unsentOpenings++;
        }
    }

    private void requireRoomForReply() throws ReplyBacklogFull {
        if (unsentReplies >= MAX_UNSENT_REPLIES) {
            throw new ReplyBacklogFull();
        }
    }

    private void sendNext() {
        OutgoingText next;
        synchronized (this) {
            next = startNext();
        }
        transmit(next);
    }

    /** Under the lock: the next message to send, now in flight, or null if one already is or none waits. */
    private OutgoingText startNext() {
        if (sending || closed) {
            return null;
        }
        OutgoingText next = takeNext();
        if (next != null) {
            sending = true;
            sendingSince = nanoTime.getAsLong();
        }
        return next;
    }

    /** Outside the lock: a container may complete the send, and call back in, before it returns. */
    private void transmit(OutgoingText message) {
        if (message == null) {
            return;
        }
        try {
            transport.send(message, whenSent);
        } catch (RuntimeException e) {
            // The container refuses sends on a session that is closing; its close callback follows.
            sent(false);
        }
    }

    private OutgoingText takeNext() {
        if (nextPrice != null) {
            OutgoingText price = nextPrice;
            nextPrice = null;
            return price;
        }
        Queued next = queued.poll();
        if (next != null) {
            if (next.reply()) {
                unsentReplies--;
            } else {
                unsentOpenings--;
            }
            return next.message();
        }
        Iterator<OutgoingText> prices = unsentPrices.values().iterator();
        if (!prices.hasNext()) {
            return null;
        }
        OutgoingText price = prices.next();
        prices.remove();
        return price;
    }

    private void sent(boolean ok) {
        OutgoingText next;
        synchronized (this) {
            sending = false;
            next = ok ? startNext() : null;
        }
        if (ok) {
            transmit(next);
        } else {
            close();
        }
    }
}
