package dev.farewatch.market;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightCatalog;
import dev.farewatch.flight.FlightId;
import dev.farewatch.flight.Timetable;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedFareMarketTest {

    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 3, 1);
    private static final FlightCatalog CATALOG = Timetable.generate(11L, FIRST_DAY);
    private static final long SEED = 2026L;
    private static final long NOW = FIRST_DAY.atTime(9, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final long SECOND = 1000L;

    private final SimulatedFareMarket market = new SimulatedFareMarket(CATALOG, SEED);

    private static Flight flight(String designator) {
        return CATALOG.flights().stream().filter(f -> f.flightNumber().equals(designator)).findFirst().orElseThrow();
    }

    private static long daysBefore(Flight flight, double days) {
        return flight.departure().toInstant().toEpochMilli() - Math.round(days * Duration.ofDays(1).toMillis());
    }

    private static List<Quote> tickEverySecond(PriceSource source, FlightId id, long from, int ticks) {
        List<Quote> quotes = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            quotes.add(source.tick(id, from + i * SECOND));
        }
        return quotes;
    }

    /** Ticks from six weeks out right up to departure, evenly spread. */
    private static List<Quote> tickTowardsDeparture(PriceSource source, Flight flight, int ticks) {
        long from = daysBefore(flight, 42);
        long step = (flight.departure().toInstant().toEpochMilli() - from) / ticks;
        List<Quote> quotes = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            quotes.add(source.tick(flight.flightId(), from + i * step));
        }
        return quotes;
    }

    private static double average(List<Quote> quotes) {
        return quotes.stream().mapToDouble(q -> q.price().doubleValue()).average().orElseThrow();
    }

    private static List<Quote> sampleSession(SimulatedFareMarket source) {
        List<Quote> quotes = new ArrayList<>();
        List<Flight> followed = CATALOG.flights().subList(0, 10);
        for (Flight flight : followed) {
            source.latest(flight.flightId(), NOW).ifPresent(quotes::add);
        }
        for (int t = 1; t <= 300; t++) {
            for (Flight flight : followed) {
                quotes.add(source.tick(flight.flightId(), NOW + t * SECOND));
            }
        }
        return quotes;
    }

    @Test
    void sameSeedGivesSameQuotes() {
        assertThat(sampleSession(new SimulatedFareMarket(CATALOG, SEED)))
                .isEqualTo(sampleSession(new SimulatedFareMarket(CATALOG, SEED)));
    }

    @Test
    void differentSeedsGiveDifferentQuotes() {
        assertThat(sampleSession(new SimulatedFareMarket(CATALOG, SEED + 1)))
                .isNotEqualTo(sampleSession(new SimulatedFareMarket(CATALOG, SEED)));
    }

    @Test
    void aFlightsQuotesDoNotDependOnOtherFlightsBeingTicked() {
        FlightId id = flight("LH400").flightId();
        SimulatedFareMarket busy = new SimulatedFareMarket(CATALOG, SEED);
        List<Quote> alone = tickEverySecond(market, id, NOW, 200);
        List<Quote> together = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            busy.tick(flight("BA117").flightId(), NOW + i * SECOND);
            together.add(busy.tick(id, NOW + i * SECOND));
        }
        assertThat(together).isEqualTo(alone);
    }

    @Test
    void firstQuoteFromLatestOpensAtSeqZeroWithoutChange() {
        Quote opening = market.latest(flight("LH400").flightId(), NOW).orElseThrow();

        assertThat(opening.seq()).isZero();
        assertThat(opening.ts()).isEqualTo(NOW);
        assertThat(opening.change()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void firstTickOpensAtSeqZeroWithoutChange() {
        Quote opening = market.tick(flight("NH10").flightId(), NOW);

        assertThat(opening.seq()).isZero();
        assertThat(opening.ts()).isEqualTo(NOW);
        assertThat(opening.change()).isEqualTo(BigDecimal.ZERO.setScale(0));
    }

    @Test
    void seqGrowsByExactlyOnePerTick() {
        FlightId id = flight("BA117").flightId();
        market.latest(id, NOW);

        List<Quote> quotes = tickEverySecond(market, id, NOW + SECOND, 500);

        assertThat(quotes).extracting(Quote::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, 500).boxed().toList());
    }

    @Test
    void changeIsTheDifferenceOfConsecutivePrices() {
        List<Quote> quotes = tickEverySecond(market, flight("EK1").flightId(), NOW, 2000);

        for (int i = 1; i < quotes.size(); i++) {
            assertThat(quotes.get(i).change()).isEqualTo(quotes.get(i).price().subtract(quotes.get(i - 1).price()));
        }
    }

    @Test
    void priceScaleIsTheCurrencysMinorUnit() {
        for (Flight flight : CATALOG.flights()) {
            int digits = flight.currency().getDefaultFractionDigits();
            Quote opening = market.latest(flight.flightId(), NOW).orElseThrow();
            Quote next = market.tick(flight.flightId(), NOW + SECOND);
            assertThat(List.of(opening.price(), opening.change(), next.price(), next.change()))
                    .as(flight.flightNumber())
                    .extracting(BigDecimal::scale).containsOnly(digits);
            assertThat(next.currency()).isEqualTo(flight.currency());
        }
        assertThat(market.latest(flight("JL43").flightId(), NOW).orElseThrow().price().scale()).isZero();
        assertThat(market.latest(flight("LH400").flightId(), NOW).orElseThrow().price().scale()).isEqualTo(2);
    }

    @Test
    void frankfurtNewYorkOpensAtARealisticEconomyFare() {
        Flight lh400 = flight("LH400");
        Quote opening = market.latest(lh400.flightId(), daysBefore(lh400, 40)).orElseThrow();

        assertThat(opening.currency()).isEqualTo(Currency.getInstance("EUR"));
        assertThat(opening.price()).isBetween(new BigDecimal("400"), new BigDecimal("700"));
    }

    @Test
    void pricesStayWithinRealisticBounds() {
        for (String designator : List.of("LH400", "NH10", "NH15", "QF400", "SQ22", "U28587")) {
            Flight flight = flight(designator);
            double base = FlightFare.baseFare(flight);
            BigDecimal floor = BigDecimal.valueOf(0.6 * base).setScale(flight.currency().getDefaultFractionDigits(), RoundingMode.CEILING);
            BigDecimal ceiling = BigDecimal.valueOf(6 * base);

            assertThat(tickTowardsDeparture(market, flight, 10_000)).as(designator)
                    .extracting(Quote::price)
                    .allSatisfy(price -> assertThat(price).isBetween(floor, ceiling));
        }
    }

    @Test
    void priceRisesAsDepartureNears() {
        Flight flight = flight("AF6");
        // Same seed, same number of ticks: both markets draw the same buckets and noise, only the date differs.
        List<Quote> farOut = tickEverySecond(new SimulatedFareMarket(CATALOG, SEED), flight.flightId(), daysBefore(flight, 40), 3000);
        List<Quote> closeIn = tickEverySecond(new SimulatedFareMarket(CATALOG, SEED), flight.flightId(), daysBefore(flight, 1), 3000);

        assertThat(average(closeIn)).isGreaterThan(1.5 * average(farOut));
    }

    @Test
    void priceClimbsOverTheLastSixWeeks() {
        List<Quote> quotes = tickTowardsDeparture(market, flight("KL641"), 10_000);

        assertThat(average(quotes.subList(9_000, 10_000))).isGreaterThan(1.3 * average(quotes.subList(0, 1_000)));
    }

    @Test
    void priceChangesOnMostTicks() {
        for (Flight flight : CATALOG.flights()) {
            List<Quote> quotes = tickEverySecond(market, flight.flightId(), NOW, 300);
            long moved = quotes.stream().skip(1).filter(q -> q.change().signum() != 0).count();
            assertThat(moved).as(flight.flightNumber()).isGreaterThan(250);
        }
    }

    @Test
    void noiseMovesThePriceByLessThanOnePercentMostTicks() {
        List<Quote> quotes = tickEverySecond(market, flight("LH400").flightId(), NOW, 1000);
        long small = quotes.stream().skip(1)
                .filter(q -> q.change().abs().doubleValue() < 0.01 * q.price().doubleValue()).count();
        assertThat(small).isGreaterThan(950);
    }

    @Test
    void fareBucketsSellOutWithJumpsOverALongRun() {
        List<Quote> quotes = tickEverySecond(market, flight("BA283").flightId(), NOW, 10_000);

        assertThat(quotes.subList(1, quotes.size()))
                .anySatisfy(q -> assertThat(q.change().doubleValue()).isGreaterThan(0.05 * (q.price().doubleValue() - q.change().doubleValue())));
    }

    @Test
    void tickOfAnUnknownFlightIsRejected() {
        FlightId unknown = new FlightId("LH", 9999, FIRST_DAY);

        assertThatThrownBy(() -> market.tick(unknown, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latestOfAnUnknownFlightIsEmpty() {
        assertThat(market.latest(new FlightId("LH", 9999, FIRST_DAY), NOW)).isEmpty();
    }

    @Test
    void latestDoesNotMoveThePrice() {
        FlightId id = flight("LX14").flightId();
        Quote opening = market.latest(id, NOW).orElseThrow();

        assertThat(market.latest(id, NOW + 5 * SECOND)).contains(opening);

        Quote ticked = market.tick(id, NOW + 10 * SECOND);
        assertThat(ticked.seq()).isEqualTo(1);
        assertThat(market.latest(id, NOW + 20 * SECOND)).contains(ticked);
    }

    @Test
    void concurrentTicksOfOneFlightGiveEachSeqOnce() throws InterruptedException {
        FlightId id = flight("QR1").flightId();
        market.latest(id, NOW);
        Set<Long> seqs = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int thread = 0; thread < 8; thread++) {
            pool.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    seqs.add(market.tick(id, NOW + SECOND).seq());
                    market.latest(id, NOW);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(seqs).hasSize(4000).containsAll(LongStream.rangeClosed(1, 4000).boxed().toList());
        assertThat(market.latest(id, NOW).orElseThrow().seq()).isEqualTo(4000);
    }

    @Test
    void aCurrencyWithoutAnExchangeRateIsRejected() {
        Flight lh400 = flight("LH400");
        Flight inGold = new Flight(lh400.flightId(), "LH", "Lufthansa", "LH400", "FRA", "Frankfurt", "JFK", "New York",
                OffsetDateTime.of(2026, 3, 10, 10, 15, 0, 0, ZoneOffset.ofHours(1)), 6200, Currency.getInstance("XAU"));

        assertThatThrownBy(() -> new SimulatedFareMarket(new FlightCatalog(List.of(inGold)), SEED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("XAU");
    }
}
