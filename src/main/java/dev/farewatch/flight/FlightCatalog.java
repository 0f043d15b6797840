package dev.farewatch.flight;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The flights this node quotes and travellers may follow, in departure order (then by flight id), so
 * that every node of a cluster lists the same catalog alike however its changes reached it. It
 * changes while the node runs (flights added, replaced, removed, departed); readers get immutable
 * snapshots. Thread-safe: changes are serialised, and a snapshot is swapped in whole.
 */
public final class FlightCatalog {

    /** The catalog's order: the one travellers read the list in. */
    public static final Comparator<Flight> ORDER = Comparator.comparing(Flight::departure, OffsetDateTime.timeLineOrder())
            .thenComparing(flight -> flight.flightId().toString());

    private volatile Snapshot snapshot;

    public FlightCatalog(Collection<Flight> flights) {
        this.snapshot = Snapshot.of(flights);
    }

    /** Every flight, in the catalog's order; the same list until the catalog next changes. */
    public List<Flight> flights() {
        return snapshot.flights();
    }

    public Optional<Flight> find(FlightId id) {
        return Optional.ofNullable(snapshot.byId().get(id));
    }

    public int size() {
        return snapshot.flights().size();
    }

    /**
     * Adds the flight, or replaces the one with its id.
     *
     * @return whether it was added rather than replaced
     */
    public synchronized boolean put(Flight flight) {
        Snapshot current = snapshot;
        List<Flight> flights = new ArrayList<>(current.flights().size() + 1);
        boolean added = current.byId().get(flight.flightId()) == null;
        for (Flight kept : current.flights()) {
            if (!kept.flightId().equals(flight.flightId())) {
                flights.add(kept);
            }
        }
        flights.add(flight);
        snapshot = Snapshot.of(flights);
        return added;
    }

    /** @return the flight removed, or empty if the catalog had none of that id */
    public synchronized Optional<Flight> remove(FlightId id) {
        Flight removed = snapshot.byId().get(id);
        if (removed != null) {
            snapshot = Snapshot.of(snapshot.flights().stream().filter(flight -> !flight.flightId().equals(id)).toList());
        }
        return Optional.ofNullable(removed);
    }

    /**
     * Makes the catalog these flights, as a cluster's shared catalog has them after this node was away.
     *
     * @return the ids of the flights that left
     */
    public synchronized List<FlightId> replaceAll(Collection<Flight> flights) {
        Snapshot next = Snapshot.of(flights);
        List<FlightId> left = snapshot.flights().stream().map(Flight::flightId)
                .filter(id -> !next.byId().containsKey(id)).toList();
        snapshot = next;
        return left;
    }

    /** The flights whose departure is at or before {@code now}, earliest first: cheap while there are none. */
    public List<Flight> departedBy(Instant now) {
        List<Flight> departed = new ArrayList<>();
        for (Flight flight : snapshot.flights()) {
            if (flight.departure().toInstant().isAfter(now)) {
                break; // In departure order: the rest leave later.
            }
            departed.add(flight);
        }
        return departed;
    }

    private record Snapshot(List<Flight> flights, Map<FlightId, Flight> byId) {

        static Snapshot of(Collection<Flight> flights) {
            List<Flight> sorted = flights.stream().sorted(ORDER).toList();
            return new Snapshot(sorted, sorted.stream().collect(Collectors.toUnmodifiableMap(Flight::flightId, Function.identity())));
        }
    }
}
