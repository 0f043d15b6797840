package dev.farewatch.listing;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightId;
import dev.farewatch.market.Fare;
import dev.farewatch.market.FiledFare;

import java.time.LocalDate;
import java.util.List;

/**
 * Changes to what is on sale, made once for the whole cluster and applied on every node to its
 * {@link Shelf}: when a call returns, the change is applied on this node and on its way to the
 * others. Implementations are thread-safe.
 */
public interface Listings extends AutoCloseable {

    /** Reads what the cluster has on sale onto this node's shelf, before the node serves; a single node has nothing to read. */
    void load();

    /**
     * Adds the flight to every node's catalog, or replaces the one with its id.
     *
     * @return whether it was added rather than replaced
     */
    boolean put(Flight flight) throws ListingsUnavailable;

    /**
     * Takes the flight out of every node's catalog; its followers are told it was removed.
     *
     * @return whether there was such a flight
     */
    boolean remove(FlightId flight) throws ListingsUnavailable;

    /**
     * Files the fares, in order: on every node each is its flight's price from the next tick on.
     *
     * @return the positions in {@code fares} of those not filed, their flight no longer being on sale
     *         in their currency (removed, or replaced, since they were checked)
     */
    List<Integer> file(List<Fare> fares) throws ListingsUnavailable;

    /**
     * The fares filed for the flight from {@code fromMillis} on, oldest first, after the last one filed
     * before it, if any: at most the last of each minute, kept for {@link FareLog#KEPT}.
     */
    List<FiledFare> filedSince(FlightId flight, long fromMillis) throws ListingsUnavailable;

    /**
     * Puts a day of the simulated timetable on sale, once for the cluster: a day already opened
     * (by this node or another) is left as it is, so that a flight removed from it stays removed.
     *
     * @return false if the shared store did not answer, so that the day is to be opened again later
     */
    boolean openDay(LocalDate day, List<Flight> flights);

    /**
     * These flights, as given, have departed: each node sees it by its own clock and takes them off
     * its own shelf, telling their followers; the shared store forgets them too. A flight changed
     * since (as to a later departure) is left as it is.
     */
    void departed(List<Flight> flights);

    @Override
    void close();
}
