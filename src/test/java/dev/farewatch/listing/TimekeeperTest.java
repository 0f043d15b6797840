package dev.farewatch.listing;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightCatalog;
import dev.farewatch.flight.FlightId;
import dev.farewatch.flight.Timetable;
import dev.farewatch.market.FiledFares;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimekeeperTest {

    private static final long SEED = 7L;
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    private static final Instant NOON = TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC);

    private final FlightCatalog catalog = new FlightCatalog(List.of());
    private final List<String> told = new ArrayList<>();
    private final InMemoryListings listings = new InMemoryListings(
            new Shelf(catalog, new FiledFares(), (flight, why) -> told.add(flight + " " + why)), () -> 0L);

    private Timekeeper simulated() {
        return new Timekeeper(listings, catalog, day -> Timetable.flightsOn(SEED, day, Timetable.DEFAULT_DATES_PER_ROUTE));
    }

    private static Flight departingAt(String id, Instant when) {
        return Timetable.describe(FlightId.parse(id).orElseThrow(), "FRA", "JFK",
                OffsetDateTime.ofInstant(when, ZoneOffset.UTC), Currency.getInstance("EUR"), null, null, null);
    }

    @Test
    void opensTheSixWeeksAfterToday() {
        simulated().keep(NOON);

        assertThat(catalog.flights()).containsExactlyElementsOf(Timetable.generate(SEED, TODAY).flights());
    }

    @Test
    void rollsForwardAtMidnightTakingOffWhatDepartedAndOpeningTheNewDay() {
        Timekeeper timekeeper = simulated();
        timekeeper.keep(NOON);

        Instant nextNoon = NOON.plusSeconds(86_400);
        timekeeper.keep(nextNoon);

        assertThat(catalog.flights()).allMatch(flight -> flight.departure().toInstant().isAfter(nextNoon));
        assertThat(catalog.flights()).extracting(flight -> flight.flightId().departureDate())
                .contains(TODAY.plusDays(1 + Timetable.DAYS_AHEAD));
        assertThat(told).isNotEmpty().allMatch(line -> line.endsWith(" DEPARTED"));
    }

    @Test
    void aFlightOfADayAlreadyOpenedStaysRemoved() {
        Timekeeper timekeeper = simulated();
        timekeeper.keep(NOON);
        Flight removed = catalog.flights().get(catalog.size() - 1);

        listings.remove(removed.flightId());
        timekeeper.keep(NOON.plusSeconds(1));

        assertThat(catalog.find(removed.flightId())).isEmpty();
    }

    @Test
    void withoutATimetableOnlyDeparturesChangeTheCatalog() {
        Timekeeper timekeeper = new Timekeeper(listings, catalog, null);
        Flight leaving = departingAt("ZQ1-2026-12-06", NOON.plusSeconds(3));
        Flight staying = departingAt("ZQ2-2026-12-06", NOON.plusSeconds(3_600));
        listings.put(leaving);
        listings.put(staying);

        timekeeper.keep(NOON);
        assertThat(catalog.flights()).containsExactly(leaving, staying);

        timekeeper.keep(NOON.plusSeconds(3));
        assertThat(catalog.flights()).containsExactly(staying);
        assertThat(told).containsExactly("ZQ1-2026-12-06 DEPARTED");
    }
}
