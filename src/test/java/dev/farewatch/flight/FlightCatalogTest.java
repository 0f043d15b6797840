package dev.farewatch.flight;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FlightCatalogTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 24);

    private static Flight flight(String carrier, int number, String destination) {
        return flight(carrier, number, destination, 10);
    }

    private static Flight flight(String carrier, int number, String destination, int hour) {
        return new Flight(new FlightId(carrier, number, DAY), carrier, carrier + " Airways", carrier + number, "FRA",
                "Frankfurt", destination, destination, OffsetDateTime.of(2026, 12, 24, hour, 15, 0, 0, ZoneOffset.ofHours(1)),
                6189, Currency.getInstance("EUR"));
    }

    private final Flight lh400 = flight("LH", 400, "JFK");
    private final Flight ba117 = flight("BA", 117, "LHR");
    private final FlightCatalog catalog = new FlightCatalog(List.of(lh400, ba117));

    @Test
    void findsAFlightById() {
        assertThat(catalog.find(ba117.flightId())).contains(ba117);
        assertThat(catalog.find(new FlightId("AF", 6, DAY))).isEmpty();
    }

    @Test
    void listsFlightsInDepartureOrderThenById() {
        Flight early = flight("AF", 6, "JFK", 8);

        assertThat(catalog.put(early)).isTrue();

        assertThat(catalog.flights()).containsExactly(early, ba117, lh400);
    }

    @Test
    void aReplacedFlightTakesThePlaceOfItsNewDeparture() {
        Flight earlier = flight("LH", 400, "EWR", 7);

        assertThat(catalog.put(earlier)).isFalse();

        assertThat(catalog.flights()).containsExactly(earlier, ba117);
        assertThat(catalog.find(lh400.flightId())).contains(earlier);
    }

    @Test
    void replacingTheWholeCatalogTellsWhichFlightsLeft() {
        Flight af6 = flight("AF", 6, "JFK", 8);

        assertThat(catalog.replaceAll(List.of(ba117, af6))).containsExactly(lh400.flightId());

        assertThat(catalog.flights()).containsExactly(af6, ba117);
    }

    @Test
    void departedFlightsAreThoseWhoseDepartureHasCome() {
        Flight early = flight("AF", 6, "JFK", 8);
        catalog.put(early);
        Instant tenOClock = OffsetDateTime.of(2026, 12, 24, 10, 15, 0, 0, ZoneOffset.ofHours(1)).toInstant();

        assertThat(catalog.departedBy(tenOClock.minusSeconds(1))).containsExactly(early);
        assertThat(catalog.departedBy(tenOClock)).containsExactly(early, ba117, lh400);
        assertThat(catalog.departedBy(early.departure().toInstant().minusSeconds(1))).isEmpty();
    }

    @Test
    void aRemovedFlightIsGone() {
        assertThat(catalog.remove(lh400.flightId())).contains(lh400);

        assertThat(catalog.flights()).containsExactly(ba117);
        assertThat(catalog.find(lh400.flightId())).isEmpty();
        assertThat(catalog.remove(lh400.flightId())).isEmpty();
    }

    @Test
    void aSnapshotStaysAsItWasWhenTheCatalogChanges() {
        List<Flight> before = catalog.flights();

        catalog.remove(ba117.flightId());

        assertThat(before).containsExactly(ba117, lh400);
        assertThat(catalog.flights()).isNotSameAs(before);
    }

    @Test
    void theSnapshotIsTheSameListUntilTheCatalogChanges() {
        assertThat(catalog.flights()).isSameAs(catalog.flights());
    }
}
