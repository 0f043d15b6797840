package dev.farewatch.flight;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The flights this node quotes and travellers may follow, in a stable order: the order they were
 * added in, a replaced flight keeping its place. It changes while the node runs (flights added,
 * replaced, removed); readers get immutable snapshots. Thread-safe: changes are serialised, and a
 * snapshot is swapped in whole.
 */
public final class FlightCatalog {

    private volatile Snapshot snapshot;

    public FlightCatalog(Collection<Flight> flights) {
        this.snapshot = new Snapshot(List.copyOf(flights));
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
     * Adds the flight, or replaces the one with its id in its place.
     *
     * @return whether it was added rather than replaced
     */
    public synchronized boolean put(Flight flight) {
        List<Flight> flights = new ArrayList<>(snapshot.flights());
        for (int i = 0; i < flights.size(); i++) {
            if (flights.get(i).flightId().equals(flight.flightId())) {
                flights.set(i, flight);
                snapshot = new Snapshot(List.copyOf(flights));
                return false;
            }
        }
        flights.add(flight);
        snapshot = new Snapshot(List.copyOf(flights));
        return true;
    }

    /** @return the flight removed, or empty if the catalog had none of that id */
    public synchronized Optional<Flight> remove(FlightId id) {
        Flight removed = snapshot.byId().get(id);
        if (removed != null) {
            snapshot = new Snapshot(snapshot.flights().stream().filter(flight -> !flight.flightId().equals(id)).toList());
        }
        return Optional.ofNullable(removed);
    }

    private record Snapshot(List<Flight> flights, Map<FlightId, Flight> byId) {

        Snapshot(List<Flight> flights) {
            this(flights, flights.stream().collect(Collectors.toUnmodifiableMap(Flight::flightId, Function.identity())));
        }
    }
}
