package dev.farewatch.flight;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The flights a price source quotes, in a stable order. Immutable. */
public final class FlightCatalog {

    private final List<Flight> flights;
    private final Map<FlightId, Flight> byId;

    public FlightCatalog(Collection<Flight> flights) {
        this.flights = List.copyOf(flights);
        this.byId = this.flights.stream().collect(Collectors.toUnmodifiableMap(Flight::flightId, Function.identity()));
    }

    public List<Flight> flights() {
        return flights;
    }

    public Optional<Flight> find(FlightId id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int size() {
        return flights.size();
    }
}
