package dev.farewatch.fanout;

import dev.farewatch.flight.FlightId;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who follows which flight on this node, the one record of it, indexed both ways so that
 * subscribing, unsubscribing and forgetting a subscriber cost constant time per flight. Thread-safe:
 * the fan-out reads while connections write.
 *
 * @param <S> the subscriber, compared by identity or equals
 */
public final class SubscriptionRegistry<S> {

    /** What {@link #subscribe} did. */
    public enum Outcome { SUBSCRIBED, ALREADY_SUBSCRIBED, LIMIT_REACHED }

    private final int maxPerSubscriber;
    private final Map<FlightId, Set<S>> subscribersByFlight = new ConcurrentHashMap<>();
    private final Map<S, Set<FlightId>> flightsBySubscriber = new ConcurrentHashMap<>();

    public SubscriptionRegistry(int maxPerSubscriber) {
        if (maxPerSubscriber < 1) {
            throw new IllegalArgumentException("maxPerSubscriber must be at least 1: " + maxPerSubscriber);
        }
        this.maxPerSubscriber = maxPerSubscriber;
    }

    public int maxPerSubscriber() {
        return maxPerSubscriber;
    }

    public Outcome subscribe(S subscriber, FlightId flight) {
        Outcome[] outcome = new Outcome[1];
        // compute() makes the limit check and the add one step for this subscriber.
        flightsBySubscriber.compute(subscriber, (s, flights) -> {
            Set<FlightId> current = flights != null ? flights : ConcurrentHashMap.newKeySet();
            if (current.contains(flight)) {
                outcome[0] = Outcome.ALREADY_SUBSCRIBED;
            } else if (current.size() >= maxPerSubscriber) {
                outcome[0] = Outcome.LIMIT_REACHED;
            } else {
                current.add(flight);
                subscribersByFlight.compute(flight, (f, subscribers) -> {
                    Set<S> set = subscribers != null ? subscribers : ConcurrentHashMap.newKeySet();
                    set.add(subscriber);
                    return set;
                });
                outcome[0] = Outcome.SUBSCRIBED;
            }
            return current.isEmpty() ? null : current;
        });
        return outcome[0];
    }

    /** @return whether the subscriber followed the flight */
    public boolean unsubscribe(S subscriber, FlightId flight) {
        boolean[] removed = new boolean[1];
        flightsBySubscriber.computeIfPresent(subscriber, (s, flights) -> {
            removed[0] = flights.remove(flight);
            if (removed[0]) {
                removeFromFlight(flight, subscriber);
            }
            return flights.isEmpty() ? null : flights;
        });
        return removed[0];
    }

    /** Forgets the subscriber entirely, as when its connection closes. */
    public void removeAll(S subscriber) {
        flightsBySubscriber.computeIfPresent(subscriber, (s, flights) -> {
            flights.forEach(flight -> removeFromFlight(flight, subscriber));
            return null;
        });
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

    public boolean follows(S subscriber, FlightId flight) {
        Set<FlightId> flights = flightsBySubscriber.get(subscriber);
        return flights != null && flights.contains(flight);
    }

    /** Whether the subscriber follows any flight. */
    public boolean followsAny(S subscriber) {
        return flightsBySubscriber.containsKey(subscriber);
    }

    public Set<FlightId> flightsOf(S subscriber) {
        return Set.copyOf(flightsBySubscriber.getOrDefault(subscriber, Set.of()));
    }

    public int subscriberCount() {
        return flightsBySubscriber.size();
    }

    public boolean isEmpty() {
        return flightsBySubscriber.isEmpty() && subscribersByFlight.isEmpty();
    }
}
