package dev.farewatch.ticker;

import dev.farewatch.bus.InMemoryPriceBus;
import dev.farewatch.bus.Quote;
import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightCatalog;
import dev.farewatch.flight.FlightId;
import dev.farewatch.flight.Timetable;
import dev.farewatch.market.PriceSource;
import dev.farewatch.market.SimulatedFareMarket;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The ticker driven turn by turn, with the time passed in, over a real bus and market. */
class PriceTickerTest {

    /** A whole second, so turn 0 falls on it. */
    private static final long SECOND_START = 1_796_045_189_000L;

    private final FlightCatalog catalog = Timetable.generate(7L, LocalDate.of(2026, 12, 1));
    private final InMemoryPriceBus bus = new InMemoryPriceBus(300);
    private final List<Quote> published = Collections.synchronizedList(new ArrayList<>());

    PriceTickerTest() {
        bus.start(published::addAll);
        catalog.flights().forEach(flight -> bus.subscribe(flight.flightId()));
    }

    private PriceTicker ticker(PriceSource source) {
        return new PriceTicker(catalog, source, bus);
    }

    private static void runSeconds(PriceTicker ticker, long from, int seconds) {
        for (int turn = 0; turn < seconds * PriceTicker.TURNS_PER_SECOND; turn++) {
            ticker.tick(from + turn * PriceTicker.TURN_MILLIS);
        }
    }

    @Test
    void everyCatalogFlightTicksOnceASecondWhetherWatchedOrNot() {
        runSeconds(ticker(new SimulatedFareMarket(1)), SECOND_START, 1);

        assertThat(published).extracting(Quote::flightId)
                .containsExactlyInAnyOrderElementsOf(catalog.flights().stream().map(Flight::flightId).toList());
    }

    @Test
    void aFlightTicksOnTheSameInstantOfEverySecond() {
        runSeconds(ticker(new SimulatedFareMarket(1)), SECOND_START, 3);

        Map<FlightId, List<Long>> instants = published.stream().collect(Collectors.groupingBy(Quote::flightId,
                Collectors.mapping(quote -> quote.ts() % 1_000, Collectors.toList())));
        assertThat(instants.values()).allSatisfy(ts -> assertThat(ts).hasSize(3).containsOnly(ts.get(0)));
    }

    @Test
    void consecutiveCatalogFlightsAreDealtRoundTheTurns() {
        runSeconds(ticker(new SimulatedFareMarket(1)), SECOND_START, 1);

        Map<Long, Long> perInstant = published.stream().collect(Collectors.groupingBy(Quote::ts, Collectors.counting()));
        assertThat(perInstant).hasSize(PriceTicker.TURNS_PER_SECOND);
        assertThat(perInstant.values()).allSatisfy(count -> assertThat(count).isBetween(2L, 3L));
        Map<FlightId, Long> ts = published.stream().collect(Collectors.toMap(Quote::flightId, Quote::ts));
        assertThat(ts.get(catalog.flights().get(1).flightId()) - ts.get(catalog.flights().get(0).flightId()))
                .isEqualTo(PriceTicker.TURN_MILLIS);
    }

    @Test
    void seqCountsTheTicksOfAFlightsStream() {
        runSeconds(ticker(new SimulatedFareMarket(1)), SECOND_START, 5);

        FlightId first = catalog.flights().get(0).flightId();
        assertThat(published).filteredOn(quote -> quote.flightId().equals(first)).extracting(Quote::seq)
                .containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void aFlightAddedToTheCatalogTicksFromItsTurnOn() {
        PriceTicker ticker = ticker(new SimulatedFareMarket(1));
        runSeconds(ticker, SECOND_START, 1);
        Flight added = Timetable.generate(8L, LocalDate.of(2027, 1, 1)).flights().get(0);
        catalog.put(added);
        bus.subscribe(added.flightId());

        runSeconds(ticker, SECOND_START + 1_000, 2);

        assertThat(published).filteredOn(quote -> quote.flightId().equals(added.flightId())).extracting(Quote::seq)
                .containsExactly(0L, 1L);
    }

    @Test
    void aFlightRemovedFromTheCatalogStopsTickingAndItsStreamEnds() {
        PriceTicker ticker = ticker(new SimulatedFareMarket(1));
        runSeconds(ticker, SECOND_START, 1);
        FlightId removed = catalog.flights().get(5).flightId();
        catalog.remove(removed);
        published.clear();

        runSeconds(ticker, SECOND_START + 1_000, 1);

        assertThat(published).extracting(Quote::flightId).doesNotContain(removed).hasSize(catalog.size());
        assertThat(bus.latest(removed)).isEmpty();
    }

    @Test
    void noQuoteIsPublishedForAFlightTheSourceHasNoPriceFor() {
        FlightId priced = catalog.flights().get(0).flightId();
        PriceSource onlyOne = (flight, tick) -> flight.flightId().equals(priced) ? Optional.of(BigDecimal.TEN) : Optional.empty();

        runSeconds(ticker(onlyOne), SECOND_START, 2);

        assertThat(published).extracting(Quote::flightId).containsOnly(priced).hasSize(2);
    }

    @Test
    void startOpensEveryFlightsStreamAtOnce() {
        var scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            PriceTicker ticker = ticker(new SimulatedFareMarket(1));
            ticker.start(scheduler, () -> SECOND_START + 7);
            ticker.stop();
        } finally {
            scheduler.shutdownNow();
        }

        Map<FlightId, Quote> openings = published.stream().collect(Collectors.toMap(Quote::flightId, Function.identity(),
                (first, later) -> first));
        assertThat(openings).hasSize(catalog.size());
        assertThat(openings.values()).allSatisfy(quote -> {
            assertThat(quote.seq()).isZero();
            assertThat(quote.ts()).isEqualTo(SECOND_START + 7);
        });
    }

    @Test
    void turnsKeepTheirInstantsWhenTheOpeningsTakeTime() {
        // The clock is read for the openings, then again after them: 40 ms later on a cold JVM.
        long[] readings = {SECOND_START + 7, SECOND_START + 47};
        AtomicInteger reads = new AtomicInteger();
        var scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        PriceTicker ticker = ticker(new SimulatedFareMarket(1));
        try {
            ticker.start(scheduler, () -> readings[Math.min(reads.getAndIncrement(), readings.length - 1)]);
            await().atMost(Duration.ofSeconds(5)).until(() -> published.size() > catalog.size());
        } finally {
            ticker.stop();
            scheduler.shutdownNow();
        }

        Quote firstTick = published.get(catalog.size());
        assertThat(firstTick.ts()).isEqualTo(SECOND_START + 3 * PriceTicker.TURN_MILLIS);
    }
}
