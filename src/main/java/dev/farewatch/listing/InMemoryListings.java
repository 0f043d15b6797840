package dev.farewatch.listing;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightId;
import dev.farewatch.flight.Timetable;
import dev.farewatch.market.Fare;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The listings of a single node: every change goes straight to its shelf. Thread-safe: changes are
 * serialised, so that a put and a removal of one flight apply in the order they were made.
 */
public final class InMemoryListings implements Listings {

    private final Shelf shelf;
    private final Set<LocalDate> opened = new HashSet<>();

    public InMemoryListings(Shelf shelf) {
        this.shelf = shelf;
    }

    @Override
    public void load() {
    }

    @Override
    public synchronized boolean put(Flight flight) {
        return shelf.put(flight);
    }

    @Override
    public synchronized boolean remove(FlightId flight) {
        return shelf.remove(flight, Shelf.Removal.REMOVED);
    }

    @Override
    public synchronized List<Integer> file(List<Fare> fares) {
        List<Integer> notFiled = new ArrayList<>();
        for (int i = 0; i < fares.size(); i++) {
            if (!shelf.file(fares.get(i))) {
                notFiled.add(i);
            }
        }
        return notFiled;
    }

    @Override
    public synchronized boolean openDay(LocalDate day, List<Flight> flights) {
        if (opened.add(day)) {
            opened.removeIf(earlier -> earlier.isBefore(day.minusDays(2L * Timetable.DAYS_AHEAD)));
            // A flight the API put there first stays as the API put it.
            flights.stream().filter(flight -> shelf.catalog().find(flight.flightId()).isEmpty()).forEach(shelf::put);
        }
        return true;
    }

    @Override
    public synchronized void departed(List<Flight> flights) {
        // Only as they were: a flight moved to a later departure meanwhile stays.
        flights.stream().filter(flight -> shelf.catalog().find(flight.flightId()).filter(flight::equals).isPresent())
                .forEach(flight -> shelf.remove(flight.flightId(), Shelf.Removal.DEPARTED));
    }

    @Override
    public void close() {
    }
}
