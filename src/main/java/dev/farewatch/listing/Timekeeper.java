package dev.farewatch.listing;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightCatalog;
import dev.farewatch.flight.Timetable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/**
 * Keeps the catalog in step with the calendar: a flight goes off sale once its departure has passed,
 * and where a timetable is simulated, each day that comes within the {@value Timetable#DAYS_AHEAD}
 * days of sale (at midnight UTC) is put on sale, so that the catalog always spans the coming six
 * weeks. Not thread-safe: called once a second from one task at a time.
 */
public final class Timekeeper {

    private final Listings listings;
    private final FlightCatalog catalog;
    /** The simulated timetable's flights of a day; null when no timetable is simulated. */
    private final Function<LocalDate, List<Flight>> timetable;
    private LocalDate openedThrough;

    /** @param timetable the flights of a day, or null when every flight comes from the API */
    public Timekeeper(Listings listings, FlightCatalog catalog, Function<LocalDate, List<Flight>> timetable) {
        this.listings = listings;
        this.catalog = catalog;
        this.timetable = timetable;
    }

    /** Brings the catalog up to {@code now}: departures taken off, days come on sale opened. */
    public void keep(Instant now) {
        List<Flight> departed = catalog.departedBy(now);
        if (!departed.isEmpty()) {
            listings.departed(departed);
        }
        if (timetable != null) {
            LocalDate lastOnSale = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(Timetable.DAYS_AHEAD);
            LocalDate day = openedThrough == null ? lastOnSale.minusDays(Timetable.DAYS_AHEAD - 1L) : openedThrough.plusDays(1);
            for (; !day.isAfter(lastOnSale); day = day.plusDays(1)) {
                if (!listings.openDay(day, timetable.apply(day))) {
                    return; // Tried again on the next call.
                }
                openedThrough = day;
            }
        }
    }
}
