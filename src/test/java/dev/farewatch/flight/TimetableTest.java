package dev.farewatch.flight;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimetableTest {

    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 3, 1);
    private static final FlightCatalog CATALOG = Timetable.generate(7L, FIRST_DAY);

    private static List<Flight> flown(String designator) {
        return CATALOG.flights().stream().filter(f -> f.flightNumber().equals(designator)).toList();
    }

    @Test
    void hasAtLeastAHundredFlights() {
        assertThat(CATALOG.size()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void flightIdsAreUnique() {
        assertThat(CATALOG.flights()).extracting(Flight::flightId).doesNotHaveDuplicates();
    }

    @Test
    void idsMatchCarrierDesignatorAndDepartureDate() {
        assertThat(CATALOG.flights()).allSatisfy(flight -> {
            assertThat(flight.flightId().carrier()).isEqualTo(flight.carrier());
            assertThat(flight.flightId().designator()).isEqualTo(flight.flightNumber());
            assertThat(flight.flightId().departureDate()).isEqualTo(flight.departure().toLocalDate());
            assertThat(CATALOG.find(flight.flightId())).contains(flight);
        });
    }

    @Test
    void departuresFallWithinTheComingSixWeeks() {
        assertThat(CATALOG.flights()).extracting(f -> f.departure().toLocalDate())
                .allSatisfy(date -> assertThat(date).isBetween(FIRST_DAY.plusDays(1), FIRST_DAY.plusDays(42)));
    }

    @Test
    void departuresAreInTheOriginsLocalTime() {
        assertThat(CATALOG.flights()).allSatisfy(flight -> {
            ZoneId zone = Airport.byCode(flight.origin()).zone();
            assertThat(flight.departure().getOffset()).isEqualTo(zone.getRules().getOffset(flight.departure().toInstant()));
        });
        assertThat(flown("LH400")).extracting(f -> f.departure().toLocalTime()).containsOnly(LocalTime.of(10, 15));
    }

    @Test
    void everyRouteFliesOnSeveralDates() {
        Map<String, Long> datesPerRoute = CATALOG.flights().stream()
                .collect(Collectors.groupingBy(Flight::flightNumber, Collectors.counting()));
        assertThat(datesPerRoute.values()).allSatisfy(dates -> assertThat(dates).isGreaterThanOrEqualTo(2));
    }

    @Test
    void fliesEachRouteOnAsManyDatesAsAsked() {
        FlightCatalog catalog = Timetable.generate(7L, FIRST_DAY, 25);

        assertThat(catalog.size()).isEqualTo(25 * Timetable.ROUTES.size());
        assertThat(catalog.flights()).extracting(Flight::flightId).doesNotHaveDuplicates();
    }

    @Test
    void canFlyEveryRouteOnEveryDayAhead() {
        assertThat(Timetable.generate(7L, FIRST_DAY, Timetable.DAYS_AHEAD).size())
                .isEqualTo(Timetable.DAYS_AHEAD * Timetable.ROUTES.size());
        assertThatThrownBy(() -> Timetable.generate(7L, FIRST_DAY, Timetable.DAYS_AHEAD + 1))
                .hasMessageContaining("datesPerRoute");
    }

    @Test
    void catalogIsInDepartureOrder() {
        assertThat(CATALOG.flights()).extracting(Flight::departure).isSortedAccordingTo(OffsetDateTime.timeLineOrder());
    }

    @Test
    void sameSeedGivesSameCatalog() {
        assertThat(Timetable.generate(7L, FIRST_DAY).flights()).isEqualTo(CATALOG.flights());
    }

    @Test
    void rollsForwardADayAtATime() {
        List<Flight> tomorrow = new ArrayList<>(CATALOG.flights());
        tomorrow.removeIf(flight -> flight.flightId().departureDate().equals(FIRST_DAY.plusDays(1)));
        tomorrow.addAll(Timetable.flightsOn(7L, FIRST_DAY.plusDays(Timetable.DAYS_AHEAD + 1), Timetable.DEFAULT_DATES_PER_ROUTE));

        assertThat(Timetable.generate(7L, FIRST_DAY.plusDays(1)).flights())
                .containsExactlyInAnyOrderElementsOf(tomorrow)
                .hasSize(Timetable.DEFAULT_DATES_PER_ROUTE * Timetable.routeCount());
    }

    @Test
    void describesAFlightOfKnownAirportsAsTheTimetableWould() {
        Flight lh400 = CATALOG.flights().stream().filter(f -> f.flightNumber().equals("LH400")).findFirst().orElseThrow();

        assertThat(Timetable.describe(lh400.flightId(), "FRA", "JFK", lh400.departure(), lh400.currency(), null, null, null))
                .isEqualTo(lh400);
    }

    @Test
    void describesAFlightOfUnknownAirportsWithTheirCodesAndNoDistance() {
        FlightId id = FlightId.parse("XQ12-2026-12-24").orElseThrow();
        OffsetDateTime departure = OffsetDateTime.parse("2026-12-24T09:00:00+03:00");

        Flight flight = Timetable.describe(id, "AYT", "KZN", departure, Currency.getInstance("TRY"), null, null, "Kazan");

        assertThat(flight.carrierName()).isEqualTo("XQ");
        assertThat(flight.originCity()).isEqualTo("AYT");
        assertThat(flight.destinationCity()).isEqualTo("Kazan");
        assertThat(flight.distanceKm()).isNull();
    }

    @Test
    void differentSeedsGiveDifferentDates() {
        assertThat(Timetable.generate(8L, FIRST_DAY).flights()).extracting(Flight::flightId)
                .isNotEqualTo(CATALOG.flights().stream().map(Flight::flightId).toList());
    }

    @Test
    void flightNumbersAreThoseOfTheRealRoutes() {
        assertThat(flown("LH400")).allSatisfy(f -> assertRoute(f, "FRA", "JFK", "Lufthansa", "Frankfurt", "New York"));
        assertThat(flown("BA117")).allSatisfy(f -> assertRoute(f, "LHR", "JFK", "British Airways", "London", "New York"));
        assertThat(flown("AF6")).allSatisfy(f -> assertRoute(f, "CDG", "JFK", "Air France", "Paris", "New York"));
        assertThat(flown("QF400")).allSatisfy(f -> assertRoute(f, "SYD", "MEL", "Qantas", "Sydney", "Melbourne"));
    }

    private static void assertRoute(Flight flight, String origin, String destination, String carrierName,
                                    String originCity, String destinationCity) {
        assertThat(flight.origin()).isEqualTo(origin);
        assertThat(flight.destination()).isEqualTo(destination);
        assertThat(flight.carrierName()).isEqualTo(carrierName);
        assertThat(flight.originCity()).isEqualTo(originCity);
        assertThat(flight.destinationCity()).isEqualTo(destinationCity);
    }

    @Test
    void faresAreInTheCarriersHomeCurrency() {
        Map<String, String> home = Map.ofEntries(
                Map.entry("LH", "EUR"), Map.entry("AF", "EUR"), Map.entry("KL", "EUR"), Map.entry("IB", "EUR"),
                Map.entry("OS", "EUR"), Map.entry("AY", "EUR"), Map.entry("FR", "EUR"), Map.entry("BA", "GBP"),
                Map.entry("U2", "GBP"), Map.entry("LX", "CHF"), Map.entry("SK", "SEK"), Map.entry("TK", "TRY"),
                Map.entry("UA", "USD"), Map.entry("AA", "USD"), Map.entry("DL", "USD"), Map.entry("AC", "CAD"),
                Map.entry("EK", "AED"), Map.entry("QR", "QAR"), Map.entry("SQ", "SGD"), Map.entry("CX", "HKD"),
                Map.entry("NH", "JPY"), Map.entry("JL", "JPY"), Map.entry("QF", "AUD"));
        assertThat(CATALOG.flights()).extracting(Flight::carrier).isSubsetOf(home.keySet());
        assertThat(CATALOG.flights()).allSatisfy(flight ->
                assertThat(flight.currency()).isEqualTo(Currency.getInstance(home.get(flight.carrier()))));
    }

    @Test
    void frankfurtToNewYorkIsAboutSixThousandTwoHundredKm() {
        assertThat(flown("LH400")).extracting(Flight::distanceKm)
                .allSatisfy(km -> assertThat(km).isBetween(6000, 6400));
    }

    @Test
    void distancesArePlausible() {
        Map<String, Integer> km = CATALOG.flights().stream()
                .collect(Collectors.toMap(Flight::flightNumber, Flight::distanceKm, (a, b) -> a));
        assertThat(km.get("LH100")).isBetween(280, 320);    // FRA-MUC
        assertThat(km.get("QF400")).isBetween(680, 730);    // SYD-MEL
        assertThat(km.get("AA1")).isBetween(3900, 4050);    // JFK-LAX
        assertThat(km.get("SQ22")).isBetween(15200, 15450); // SIN-EWR
        assertThat(km.values()).allSatisfy(d -> assertThat(d).isBetween(250, 16000));
    }

    @Test
    void mixesShortAndLongHaul() {
        Map<Boolean, Long> longHaul = CATALOG.flights().stream()
                .collect(Collectors.partitioningBy(f -> f.distanceKm() > 4000, Collectors.counting()));
        assertThat(longHaul.get(false)).isGreaterThanOrEqualTo(30);
        assertThat(longHaul.get(true)).isGreaterThanOrEqualTo(30);
    }

    @Test
    void routesAreDistinctServices() {
        Map<String, Route> byDesignator = Timetable.ROUTES.stream()
                .collect(Collectors.toMap(Route::designator, Function.identity()));
        assertThat(byDesignator).hasSameSizeAs(Timetable.ROUTES);
        assertThat(Timetable.ROUTES).allSatisfy(route -> assertThat(route.origin()).isNotEqualTo(route.destination()));
    }
}
