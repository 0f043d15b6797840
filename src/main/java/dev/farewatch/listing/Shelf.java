package dev.farewatch.listing;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightCatalog;
import dev.farewatch.flight.FlightId;
import dev.farewatch.market.FiledFare;
import dev.farewatch.market.PriceSource;

import java.util.Collection;
import java.util.List;

/**
 * This node's catalog and market, as the listings change them. A flight leaving the catalog is told
 * to whoever follows it here; the ticker retires its stream on its next turn. Thread-safe: the catalog
 * and the market are.
 */
public final class Shelf {

    /** Why a flight left the catalog, as its followers are told. */
    public enum Removal {
        /** Taken off through the API. */
        REMOVED,
        /** Its departure has passed. */
        DEPARTED
    }

    /** Told when a flight leaves this node's catalog. */
    @FunctionalInterface
    public interface Leaving {
        void left(FlightId flight, Removal why);
    }

    private final FlightCatalog catalog;
    private final PriceSource market;
    private final Leaving leaving;

    public Shelf(FlightCatalog catalog, PriceSource market, Leaving leaving) {
        this.catalog = catalog;
        this.market = market;
        this.leaving = leaving;
    }

    public FlightCatalog catalog() {
        return catalog;
    }

    /** @return whether the flight was new to this node */
    public boolean put(Flight flight) {
        return catalog.put(flight);
    }

    /** @return whether this node had the flight */
    public boolean remove(FlightId flight, Removal why) {
        boolean removed = catalog.remove(flight).isPresent();
        if (removed) {
            // At once, not when the ticker next looks: a flight put back meanwhile starts from no fare.
            market.retire(flight);
            leaving.left(flight, why);
        }
        return removed;
    }

    /** Makes the catalog exactly these flights; those that leave are told as removed. */
    public void replaceAll(Collection<Flight> flights) {
        List<FlightId> left = catalog.replaceAll(flights);
        left.forEach(flight -> {
            market.retire(flight);
            leaving.left(flight, Removal.REMOVED);
        });
    }

    /**
     * Recalls a fare filed earlier (as read again from the cluster), if its flight is in this node's
     * catalog in the fare's currency: see {@link PriceSource#recall}.
     *
     * @return whether it was recalled
     */
    public boolean recall(FiledFare filed) {
        boolean listed = listedIn(filed);
        if (listed) {
            market.recall(filed);
        }
        return listed;
    }

    private boolean listedIn(FiledFare filed) {
        return catalog.find(filed.fare().flightId())
                .filter(flight -> flight.currency().equals(filed.fare().currency())).isPresent();
    }

    /**
     * Files the fare if its flight is in this node's catalog, in the fare's currency.
     *
     * @return whether it was filed
     */
    public boolean file(FiledFare filed) {
        boolean listed = listedIn(filed);
        if (listed) {
            market.file(filed);
        }
        return listed;
    }
}
