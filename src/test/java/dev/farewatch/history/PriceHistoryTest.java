package dev.farewatch.history;

import dev.farewatch.bus.InMemoryPriceBus;
import dev.farewatch.bus.PriceUpdate;
import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightCatalog;
import dev.farewatch.flight.Timetable;
import dev.farewatch.listing.InMemoryListings;
import dev.farewatch.listing.Shelf;
import dev.farewatch.market.Fare;
import dev.farewatch.market.FiledFares;
import dev.farewatch.market.PriceSource;
import dev.farewatch.market.SimulatedFareMarket;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Histories replayed at a clock the test sets, from a real market, listings and bus. */
class PriceHistoryTest {

    private static final long SEED = 7L;
    private static final long MINUTE = 60_000;
    private static final LocalDate DAY = LocalDate.of(2026, 12, 6);
    private static final long NOW = DAY.atTime(12, 34, 56).toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final long THIS_MINUTE = NOW / MINUTE * MINUTE;

    private final AtomicLong clock = new AtomicLong(NOW);

    private final class Node {
        final FlightCatalog catalog = Timetable.generate(SEED, DAY);
        final PriceSource market;
        final InMemoryListings listings;
        final InMemoryPriceBus bus = new InMemoryPriceBus(300);
        final PriceHistory history;

        Node(PriceSource market) {
            this.market = market;
            this.listings = new InMemoryListings(new Shelf(catalog, market, (flight, why) -> { }), clock::get);
            this.history = new PriceHistory(market, listings, bus);
            bus.start(quotes -> { });
        }

        Flight flight() {
            return catalog.flights().get(0);
        }

        History of(int minutes) throws Exception {
            return history.of(flight(), minutes, clock.get());
        }
    }

    @Test
    void aFreshNodeAnswersAWeekOfMinutesEndingWithTheCurrentOne() throws Exception {
        History week = new Node(new SimulatedFareMarket(SEED)).of(PriceHistory.MAX_MINUTES);

        assertThat(week.points()).hasSize(10_080);
        assertThat(week.points().get(0).ts()).isEqualTo(THIS_MINUTE - 10_079 * MINUTE);
        assertThat(week.points().get(10_079).ts()).isEqualTo(THIS_MINUTE);
        assertThat(week.points()).allSatisfy(point -> assertThat(point.ts() % MINUTE).isZero());
        assertThat(week.insight()).isNotNull();
    }

    @Test
    void twoNodesWithTheSameSeedAnswerTheSameHistory() throws Exception {
        assertThat(new Node(new SimulatedFareMarket(SEED)).of(1_440))
                .isEqualTo(new Node(new SimulatedFareMarket(SEED)).of(1_440));
    }

    @Test
    void aPastMinuteIsThePriceTheMarketTickedInItsLastSecond() throws Exception {
        Node node = new Node(new SimulatedFareMarket(SEED));
        PriceSource live = new SimulatedFareMarket(SEED);

        List<PricePoint> points = node.of(5).points();

        assertThat(points.get(0).price()).isEqualTo(live.priceAt(node.flight(), THIS_MINUTE - 4 * MINUTE + 59_340).orElseThrow());
    }

    @Test
    void theCurrentMinuteIsTheStreamsLatestPrice() throws Exception {
        Node node = new Node(new SimulatedFareMarket(SEED));
        node.bus.publish(List.of(new PriceUpdate(node.flight().flightId(), new BigDecimal("123.45"), node.flight().currency(), NOW)));

        List<PricePoint> points = node.of(3).points();

        assertThat(points.get(2)).isEqualTo(new PricePoint(THIS_MINUTE, new BigDecimal("123.45")));
    }

    @Test
    void aFlightOfFiledFaresHasItsHistoryFromItsFirstFareOn() throws Exception {
        Node node = new Node(new FiledFares());
        Flight flight = node.flight();
        clock.set(NOW - 10 * MINUTE);
        node.listings.file(List.of(new Fare(flight.flightId(), new BigDecimal("300.00"), flight.currency())));
        clock.set(NOW - 3 * MINUTE);
        node.listings.file(List.of(new Fare(flight.flightId(), new BigDecimal("280.00"), flight.currency())));
        clock.set(NOW);

        History history = node.of(60);

        assertThat(history.points()).hasSize(11);
        assertThat(history.points().get(0)).isEqualTo(new PricePoint(THIS_MINUTE - 10 * MINUTE, new BigDecimal("300.00")));
        assertThat(history.points().get(6).price()).isEqualTo(new BigDecimal("300.00"));
        assertThat(history.points().get(7).price()).isEqualTo(new BigDecimal("280.00"));
        assertThat(history.points().get(10).price()).isEqualTo(new BigDecimal("280.00"));
    }

    @Test
    void aFlightWithNoFareYetHasNoPointsAndNoInsight() throws Exception {
        History history = new Node(new FiledFares()).of(60);

        assertThat(history.points()).isEmpty();
        assertThat(history.insight()).isNull();
    }

    @Test
    void aSimulatedFlightMovesOnFromAFareFiledInTheWindow() throws Exception {
        Node node = new Node(new SimulatedFareMarket(SEED));
        Flight flight = node.flight();
        BigDecimal before = node.of(60).points().get(50).price();
        clock.set(NOW - 10 * MINUTE);
        BigDecimal doubled = before.multiply(BigDecimal.valueOf(2));
        node.listings.file(List.of(new Fare(flight.flightId(), doubled, flight.currency())));
        clock.set(NOW);

        List<PricePoint> points = node.of(60).points();

        assertThat(points.get(48).price().doubleValue()).isLessThan(before.doubleValue() * 1.2);
        assertThat(points.get(51).price().doubleValue()).isGreaterThan(doubled.doubleValue() * 0.9);
    }
}
