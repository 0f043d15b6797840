package dev.farewatch.flight;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FlightCatalogTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 24);

    private static Flight flight(String carrier, int number, String destination) {
        return new Flight(new FlightId(carrier, number, DAY), carrier, carrier + " Airways", carrier + number, "FRA",
                "Frankfurt", destination, destination, OffsetDateTime.of(2026, 12, 24, 10, 15, 0, 0, ZoneOffset.ofHours(1)),
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
    void anAddedFlightComesLast() {
        Flight af6 = flight("AF", 6, "JFK");

        assertThat(catalog.put(af6)).isTrue();

        assertThat(catalog.flights()).containsExactly(lh400, ba117, af6);
    }

    @Test
    void aReplacedFlightKeepsItsPlace() {
        Flight toNewark = flight("LH", 400, "EWR");

        assertThat(catalog.put(toNewark)).isFalse();

        assertThat(catalog.flights()).containsExactly(toNewark, ba117);
        assertThat(catalog.find(lh400.flightId())).contains(toNewark);
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

        assertThat(before).containsExactly(lh400, ba117);
        assertThat(catalog.flights()).isNotSameAs(before);
    }

    @Test
    void theSnapshotIsTheSameListUntilTheCatalogChanges() {
        assertThat(catalog.flights()).isSameAs(catalog.flights());
    }
}
