package dev.farewatch.listing;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightCatalog;
import dev.farewatch.flight.FlightId;
import dev.farewatch.flight.Timetable;
import dev.farewatch.market.Fare;
import dev.farewatch.market.FiledFares;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryListingsTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final FlightId ID = FlightId.parse("LH400-2026-12-24").orElseThrow();

    private final FlightCatalog catalog = new FlightCatalog(List.of());
    private final FiledFares market = new FiledFares();
    private final List<String> told = new ArrayList<>();
    private final InMemoryListings listings = new InMemoryListings(new Shelf(catalog, market, (flight, why) -> told.add(flight + " " + why)), () -> 0L);

    private static Flight departingAt(String departure, Currency currency) {
        return Timetable.describe(ID, "FRA", "JFK", OffsetDateTime.parse(departure), currency, null, null, null);
    }

    private static Fare fare(String price) {
        return new Fare(ID, new BigDecimal(price), EUR);
    }

    @Test
    void aFareForAFlightNoLongerListedIsNotFiledAndSaidSo() {
        Flight flight = departingAt("2026-12-24T10:15:00+01:00", EUR);
        listings.put(flight);
        listings.remove(ID);

        assertThat(listings.file(List.of(fare("100.00")))).containsExactly(0);
        listings.put(flight);
        assertThat(market.priceAt(flight, 0)).isEmpty();
    }

    @Test
    void aFareInAnotherCurrencyThanTheListedFlightsIsNotFiled() {
        listings.put(departingAt("2026-12-24T10:15:00+01:00", Currency.getInstance("USD")));

        assertThat(listings.file(List.of(fare("100.00")))).containsExactly(0);
    }

    @Test
    void aRemovedFlightPutBackStartsWithoutItsOldFare() {
        Flight flight = departingAt("2026-12-24T10:15:00+01:00", EUR);
        listings.put(flight);
        listings.file(List.of(fare("100.00")));

        listings.remove(ID);
        listings.put(flight);

        assertThat(market.priceAt(flight, 0)).isEmpty();
        assertThat(told).containsExactly(ID + " REMOVED");
    }

    @Test
    void aDayOfTheTimetableLeavesAFlightTheApiPutThereAsItIs() {
        LocalDate day = LocalDate.of(2026, 12, 24);
        List<Flight> simulated = Timetable.flightsOn(7L, day, Timetable.DAYS_AHEAD);
        Flight first = simulated.get(0);
        Flight ours = Timetable.describe(first.flightId(), first.origin(), first.destination(), first.departure(),
                Currency.getInstance("CHF"), "Our Airline", null, null);
        listings.put(ours);

        listings.openDay(day, simulated);

        assertThat(catalog.find(first.flightId())).contains(ours);
        assertThat(catalog.size()).isEqualTo(simulated.size());
    }

    @Test
    void aFlightMovedToALaterDepartureDoesNotLeaveAsDeparted() {
        Flight early = departingAt("2026-12-24T10:15:00+01:00", EUR);
        Flight later = departingAt("2026-12-24T18:15:00+01:00", EUR);
        listings.put(early);
        listings.put(later);

        listings.departed(List.of(early));

        assertThat(catalog.find(ID)).contains(later);
        assertThat(told).isEmpty();
    }
}
