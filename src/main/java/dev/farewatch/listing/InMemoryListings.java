package dev.farewatch.listing;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightId;
import dev.farewatch.flight.Timetable;
import dev.farewatch.market.Fare;
import dev.farewatch.market.FiledFare;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The listings of a single node: every change goes straight to its shelf. Thread-safe: changes are
 * serialised, so that a put and a removal of one flight apply in the order they were made.
 */
public final class InMemoryListings implements Listings {

    private final Shelf shelf;
    private final LongSupplier clock;
    private final FareLog log = new FareLog();
    /** The latest filing time given: a wall clock stepped back does not make new fares older than the last. */
    private long lastFiledAt = Long.MIN_VALUE;
    private final Set<LocalDate> opened = new HashSet<>();

    /** @param clock epoch milliseconds, the filing time of each fare */
    public InMemoryListings(Shelf shelf, LongSupplier clock) {
        this.shelf = shelf;
        this.clock = clock;
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
        log.forget(flight);
        return shelf.remove(flight, Shelf.Removal.REMOVED);
    }

    @Override
    public synchronized List<Integer> file(List<Fare> fares) {
        List<Integer> notFiled = new ArrayList<>();
        long now = Math.max(lastFiledAt, clock.getAsLong());
        lastFiledAt = now;
        for (int i = 0; i < fares.size(); i++) {
            FiledFare filed = new FiledFare(fares.get(i), now);
            if (shelf.file(filed)) {
                log.record(filed);
            } else {
                notFiled.add(i);
            }
        }
        return notFiled;
    }

    @Override
    public List<FiledFare> filedSince(FlightId flight, long fromMillis) {
        return log.since(flight, fromMillis);
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
                .forEach(flight -> {
                    log.forget(flight.flightId());
                    shelf.remove(flight.flightId(), Shelf.Removal.DEPARTED);
                });
    }

    @Override
    public void close() {
    }
}
