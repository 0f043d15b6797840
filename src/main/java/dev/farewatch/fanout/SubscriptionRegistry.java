package dev.farewatch.fanout;

import dev.farewatch.flight.FlightId;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who follows which flight on this node, the one record of it, indexed both ways: by flight for the
 * fan-out, and by subscriber in the {@link Member} each subscriber holds, so that asking whether it
 * follows a flight, once per price it is offered, looks nothing up in a table of every subscriber.
 * Subscribing, unsubscribing and forgetting a subscriber cost constant time per flight. Thread-safe:
 * the fan-out reads while connections write; one member's changes are serialised on the member.
 *
 * @param <S> the subscriber, compared by identity or equals
 */
public final class SubscriptionRegistry<S> {

    /** What {@link #subscribe} did. */
    public enum Outcome { SUBSCRIBED, ALREADY_SUBSCRIBED, LIMIT_REACHED }

    /** One subscriber's follows, as the registry keeps them; the subscriber holds it and passes it back. */
    public static final class Member<S> {

        private final S subscriber;
        private final Set<FlightId> flights = ConcurrentHashMap.newKeySet();

        private Member(S subscriber) {
            this.subscriber = subscriber;
        }
    }

    private final int maxPerSubscriber;
    private final Map<FlightId, Set<S>> subscribersByFlight = new ConcurrentHashMap<>();

    public SubscriptionRegistry(int maxPerSubscriber) {
        if (maxPerSubscriber < 1) {
            throw new IllegalArgumentException("maxPerSubscriber must be at least 1: " + maxPerSubscriber);
        }
        this.maxPerSubscriber = maxPerSubscriber;
    }

    public int maxPerSubscriber() {
        return maxPerSubscriber;
    }

    /** The record of a new subscriber, following nothing yet. */
    public Member<S> join(S subscriber) {
        return new Member<>(subscriber);
    }

    public Outcome subscribe(Member<S> member, FlightId flight) {
        // One member at a time, so that the limit check and the add are one step.
        synchronized (member) {
            if (member.flights.contains(flight)) {
                return Outcome.ALREADY_SUBSCRIBED;
            }
            if (member.flights.size() >= maxPerSubscriber) {
                return Outcome.LIMIT_REACHED;
            }
            member.flights.add(flight);
            subscribersByFlight.compute(flight, (f, subscribers) -> {
                Set<S> set = subscribers != null ? subscribers : ConcurrentHashMap.newKeySet();
                set.add(member.subscriber);
                return set;
            });
            return Outcome.SUBSCRIBED;
        }
    }

    /** @return whether the member followed the flight */
    public boolean unsubscribe(Member<S> member, FlightId flight) {
        synchronized (member) {
            if (!member.flights.remove(flight)) {
                return false;
            }
            removeFromFlight(flight, member.subscriber);
            return true;
        }
    }

    /** Forgets every follow of the member, as when its connection closes. */
    public void removeAll(Member<S> member) {
        synchronized (member) {
            member.flights.forEach(flight -> removeFromFlight(flight, member.subscriber));
            member.flights.clear();
        }
    }

    private void removeFromFlight(FlightId flight, S subscriber) {
        subscribersByFlight.computeIfPresent(flight, (f, subscribers) -> {
            subscribers.remove(subscriber);
            return subscribers.isEmpty() ? null : subscribers;
        });
    }

    /** The flights someone follows; a live view, safe to iterate while it changes. */
    public Set<FlightId> followedFlights() {
        return subscribersByFlight.keySet();
    }

    /** The flight's subscribers; a live view, safe to iterate while it changes; empty if none. */
    public Set<S> subscribersOf(FlightId flight) {
        return subscribersByFlight.getOrDefault(flight, Set.of());
    }

    public boolean follows(Member<S> member, FlightId flight) {
        return member.flights.contains(flight);
    }

    /** Whether the member follows any flight. */
    public boolean followsAny(Member<S> member) {
        return !member.flights.isEmpty();
    }

    public Set<FlightId> flightsOf(Member<S> member) {
        return Set.copyOf(member.flights);
    }

    /** Whether nobody follows anything. */
    public boolean isEmpty() {
        return subscribersByFlight.isEmpty();
    }
}
