package dev.farewatch.ticker;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightCatalog;
import dev.farewatch.flight.Timetable;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TurnPlanTest {

    private final List<Flight> flights = Timetable.generate(3L, LocalDate.of(2026, 12, 1), 2).flights();
    private final TurnPlan plan = new TurnPlan(10);

    @Test
    void flightsInCatalogOrderAreDealtRoundTheTurnsLikeCards() {
        plan.follow(flights.subList(0, 25));

        assertThat(IntStream.range(0, 25).map(i -> plan.turnOf(flights.get(i).flightId())))
                .containsExactlyElementsOf(IntStream.range(0, 25).map(i -> i % 10).boxed().toList());
    }

    @Test
    void aFlightKeepsItsTurnWhileOthersComeAndGo() {
        plan.follow(flights.subList(0, 20));
        int turn = plan.turnOf(flights.get(13).flightId());
        List<Flight> changed = new ArrayList<>(flights.subList(0, 30));
        changed.remove(2);
        changed.remove(7);

        plan.follow(changed);

        assertThat(plan.turnOf(flights.get(13).flightId())).isEqualTo(turn);
    }

    @Test
    void aNewFlightTakesTheTurnARemovedOneFreed() {
        plan.follow(flights.subList(0, 20));
        int freed = plan.turnOf(flights.get(4).flightId());
        List<Flight> changed = new ArrayList<>(flights.subList(0, 20));
        changed.remove(4);
        changed.add(flights.get(20));

        assertThat(plan.follow(changed)).containsExactly(flights.get(4).flightId());

        assertThat(plan.turnOf(flights.get(20).flightId())).isEqualTo(freed);
        assertThat(plan.flightsOn(freed)).contains(flights.get(20)).doesNotContain(flights.get(4));
    }

    @Test
    void everyFlightIsOnExactlyOneTurn() {
        plan.follow(flights);

        List<Flight> all = IntStream.range(0, 10).boxed().flatMap(turn -> plan.flightsOn(turn).stream()).toList();
        assertThat(all).containsExactlyInAnyOrderElementsOf(flights);
    }

    @Test
    void aReplacedFlightIsTickedAsItNowIs() {
        FlightCatalog catalog = new FlightCatalog(flights.subList(0, 3));
        plan.follow(catalog.flights());
        Flight first = flights.get(0);
        Flight replaced = new Flight(first.flightId(), first.carrier(), "Renamed", first.flightNumber(), first.origin(),
                first.originCity(), first.destination(), first.destinationCity(), first.departure(), first.distanceKm(),
                first.currency());
        catalog.put(replaced);

        plan.follow(catalog.flights());

        assertThat(plan.flightsOn(plan.turnOf(first.flightId()))).containsExactly(replaced);
    }
}
