package dev.farewatch.market;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightCatalog;
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
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedFareMarketTest {

    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 3, 1);
    private static final FlightCatalog CATALOG = Timetable.generate(11L, FIRST_DAY);
    private static final long SEED = 2026L;
    private static final long NOW = FIRST_DAY.atTime(9, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final long SECOND = 1000L;

    private final SimulatedFareMarket market = new SimulatedFareMarket(SEED);

    private static Flight flight(String designator) {
        return CATALOG.flights().stream().filter(f -> f.flightNumber().equals(designator)).findFirst().orElseThrow();
    }

    private static long daysBefore(Flight flight, double days) {
        return flight.departure().toInstant().toEpochMilli() - Math.round(days * Duration.ofDays(1).toMillis());
    }

    private static List<BigDecimal> everySecond(PriceSource source, Flight flight, long from, int ticks) {
        List<BigDecimal> prices = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            prices.add(source.priceAt(flight, from + i * SECOND).orElseThrow());
        }
        return prices;
    }

    /** Prices from six weeks out right up to departure, evenly spread. */
    private static List<BigDecimal> towardsDeparture(PriceSource source, Flight flight, int ticks) {
        long from = daysBefore(flight, 42);
        long step = (flight.departure().toInstant().toEpochMilli() - from) / ticks;
        List<BigDecimal> prices = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            prices.add(source.priceAt(flight, from + i * step).orElseThrow());
        }
        return prices;
    }

    private static List<BigDecimal> changes(List<BigDecimal> prices) {
        List<BigDecimal> changes = new ArrayList<>();
        for (int i = 1; i < prices.size(); i++) {
            changes.add(prices.get(i).subtract(prices.get(i - 1)));
        }
        return changes;
    }

    private static double average(List<BigDecimal> prices) {
        return prices.stream().mapToDouble(BigDecimal::doubleValue).average().orElseThrow();
    }

    private static List<BigDecimal> sampleSession(SimulatedFareMarket source) {
        List<BigDecimal> prices = new ArrayList<>();
        for (int t = 0; t <= 300; t++) {
            for (Flight flight : CATALOG.flights().subList(0, 10)) {
                prices.add(source.priceAt(flight, NOW + t * SECOND).orElseThrow());
            }
        }
        return prices;
    }

    @Test
    void sameSeedGivesSamePrices() {
        assertThat(sampleSession(new SimulatedFareMarket(SEED))).isEqualTo(sampleSession(new SimulatedFareMarket(SEED)));
    }

    @Test
    void differentSeedsGiveDifferentPrices() {
        assertThat(sampleSession(new SimulatedFareMarket(SEED + 1))).isNotEqualTo(sampleSession(new SimulatedFareMarket(SEED)));
    }

    @Test
    void aFlightsPricesDoNotDependOnOtherFlightsBeingPriced() {
        Flight lh400 = flight("LH400");
        SimulatedFareMarket busy = new SimulatedFareMarket(SEED);
        List<BigDecimal> alone = everySecond(market, lh400, NOW, 200);
        List<BigDecimal> together = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            busy.priceAt(flight("BA117"), NOW + i * SECOND);
            together.add(busy.priceAt(lh400, NOW + i * SECOND).orElseThrow());
        }
        assertThat(together).isEqualTo(alone);
    }

    @Test
    void aRetiredFlightOpensAgainFromItsFirstPrice() {
        Flight ek1 = flight("EK1");
        List<BigDecimal> first = everySecond(market, ek1, NOW, 50);

        market.retire(ek1.flightId());

        assertThat(everySecond(market, ek1, NOW, 50)).isEqualTo(first);
    }

    @Test
    void priceScaleIsTheCurrencysMinorUnit() {
        for (Flight flight : CATALOG.flights()) {
            int digits = flight.currency().getDefaultFractionDigits();
            assertThat(everySecond(market, flight, NOW, 2)).as(flight.flightNumber())
                    .extracting(BigDecimal::scale).containsOnly(digits);
        }
        assertThat(market.priceAt(flight("JL43"), NOW).orElseThrow().scale()).isZero();
        assertThat(market.priceAt(flight("LH400"), NOW).orElseThrow().scale()).isEqualTo(2);
    }

    @Test
    void frankfurtNewYorkOpensAtARealisticEconomyFare() {
        Flight lh400 = flight("LH400");

        assertThat(lh400.currency()).isEqualTo(Currency.getInstance("EUR"));
        assertThat(market.priceAt(lh400, daysBefore(lh400, 40)).orElseThrow())
                .isBetween(new BigDecimal("400"), new BigDecimal("700"));
    }

    @Test
    void pricesStayWithinRealisticBounds() {
        for (String designator : List.of("LH400", "NH10", "NH15", "QF400", "SQ22", "U28587")) {
            Flight flight = flight(designator);
            double base = FareModel.baseFare(flight);
            BigDecimal floor = BigDecimal.valueOf(0.6 * base).setScale(flight.currency().getDefaultFractionDigits(), RoundingMode.CEILING);
            BigDecimal ceiling = BigDecimal.valueOf(6 * base);

            assertThat(towardsDeparture(market, flight, 10_000)).as(designator)
                    .allSatisfy(price -> assertThat(price).isBetween(floor, ceiling));
        }
    }

    @Test
    void priceRisesAsDepartureNears() {
        Flight flight = flight("AF6");
        // Same seed, same number of ticks: both markets draw the same buckets and noise, only the date differs.
        List<BigDecimal> farOut = everySecond(new SimulatedFareMarket(SEED), flight, daysBefore(flight, 40), 3000);
        List<BigDecimal> closeIn = everySecond(new SimulatedFareMarket(SEED), flight, daysBefore(flight, 1), 3000);

        assertThat(average(closeIn)).isGreaterThan(1.5 * average(farOut));
    }

    @Test
    void priceClimbsOverTheLastSixWeeks() {
        List<BigDecimal> prices = towardsDeparture(market, flight("KL641"), 10_000);

        assertThat(average(prices.subList(9_000, 10_000))).isGreaterThan(1.3 * average(prices.subList(0, 1_000)));
    }

    @Test
    void priceChangesOnMostTicks() {
        for (Flight flight : CATALOG.flights()) {
            long moved = changes(everySecond(market, flight, NOW, 300)).stream().filter(c -> c.signum() != 0).count();
            assertThat(moved).as(flight.flightNumber()).isGreaterThan(250);
        }
    }

    @Test
    void noiseMovesThePriceByLessThanOnePercentMostTicks() {
        List<BigDecimal> prices = everySecond(market, flight("LH400"), NOW, 1000);
        List<BigDecimal> changes = changes(prices);
        long small = 0;
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i).abs().doubleValue() < 0.01 * prices.get(i + 1).doubleValue()) {
                small++;
            }
        }
        assertThat(small).isGreaterThan(950);
    }

    @Test
    void fareBucketsSellOutWithJumpsAndReopenWithDropsWithinTwoDays() {
        List<BigDecimal> prices = new ArrayList<>();
        Flight flight = flight("BA283");
        for (long t = NOW; t < NOW + 2 * 86_400 * SECOND; t += SECOND) {
            prices.add(market.priceAt(flight, t).orElseThrow());
        }
        List<BigDecimal> changes = changes(prices);

        assertThat(changes).as("some tick jumps up by more than 5%")
                .anySatisfy(change -> assertThat(change.doubleValue()).isGreaterThan(0.05 * prices.get(0).doubleValue()));
        assertThat(changes).as("some tick drops by more than 5%")
                .anySatisfy(change -> assertThat(change.doubleValue()).isLessThan(-0.05 * prices.get(0).doubleValue()));
    }

    @Test
    void theMarketReplaysAnyPastSecondAsItsTickThenPricedIt() {
        Flight flight = flight("LH400");
        PastPrices past = new SimulatedFareMarket(SEED).past(flight);

        for (int i = 0; i < 600; i++) {
            long tick = NOW + i * SECOND + 20 * (i % 50);
            assertThat(past.at(tick, null)).as("tick " + i).isEqualTo(market.priceAt(flight, tick));
        }
    }

    @Test
    void aReplayMovesOnFromTheLastFiledFareAsTheLiveTicksDid() {
        Flight flight = flight("LH400");
        FiledFare filed = new FiledFare(new Fare(flight.flightId(), new BigDecimal("999.00"), flight.currency()), NOW + 500);
        market.priceAt(flight, NOW);
        market.file(filed);
        PastPrices past = new SimulatedFareMarket(SEED).past(flight);

        assertThat(market.priceAt(flight, NOW + SECOND)).contains(new BigDecimal("999.00"));
        for (int i = 2; i < 100; i++) {
            long tick = NOW + i * SECOND;
            assertThat(past.at(tick, filed)).as("tick " + i).isEqualTo(market.priceAt(flight, tick));
        }
    }

    @Test
    void aFiledFareIsTheNextTicksPriceAndTheSimulationMovesOnFromIt() {
        Flight flight = flight("LH400");
        BigDecimal simulated = market.priceAt(flight, NOW).orElseThrow();
        BigDecimal filed = simulated.multiply(new BigDecimal("2")).setScale(2);

        market.file(new FiledFare(new Fare(flight.flightId(), filed, flight.currency()), NOW));
        List<BigDecimal> after = everySecond(market, flight, NOW + SECOND, 30);

        assertThat(after.get(0)).isEqualByComparingTo(filed);
        // Moving on from the filed fare, as it moved from the simulated one: about twice the simulated price, not back to it.
        assertThat(average(after.subList(1, 30))).isBetween(filed.doubleValue() * 0.9, filed.doubleValue() * 1.1);
    }

    @Test
    void aRecalledFareIsNotShownButThePricesMoveOnFromIt() {
        Flight flight = flight("LH400");
        PastPrices past = new SimulatedFareMarket(SEED).past(flight);
        FiledFare lastWeek = new FiledFare(new Fare(flight.flightId(), new BigDecimal("999.00"), flight.currency()),
                NOW - Duration.ofDays(7).toMillis());
        market.priceAt(flight, NOW - SECOND);

        market.recall(lastWeek);

        assertThat(market.priceAt(flight, NOW)).isEqualTo(past.at(NOW, lastWeek))
                .isNotEqualTo(Optional.of(new BigDecimal("999.00")));
    }

    @Test
    void aFlightMovedToAnotherDepartureMovesOnFromItsLastFiledFareAsItsReplayDoes() {
        Flight lh400 = flight("LH400");
        FiledFare filed = new FiledFare(new Fare(lh400.flightId(), new BigDecimal("999.00"), lh400.currency()), NOW);
        market.priceAt(lh400, NOW);
        market.file(filed);
        market.priceAt(lh400, NOW + SECOND);
        Flight moved = Timetable.describe(lh400.flightId(), "FRA", "JFK", lh400.departure().plusDays(3), lh400.currency(),
                null, null, null);

        assertThat(market.priceAt(moved, NOW + 2 * SECOND)).isEqualTo(market.past(moved).at(NOW + 2 * SECOND, filed));
    }

    @Test
    void aFareFiledBeforeTheFlightIsPricedIsItsOpeningPrice() {
        Flight flight = flight("LH400");

        market.file(new FiledFare(new Fare(flight.flightId(), new BigDecimal("123.45"), flight.currency()), NOW));

        assertThat(market.priceAt(flight, NOW)).contains(new BigDecimal("123.45"));
    }

    @Test
    void aFlightInACurrencyWithoutAnExchangeRateIsPricedAtItsLatestFiledFare() {
        Flight lh400 = flight("LH400");
        Flight inForints = Timetable.describe(lh400.flightId(), "FRA", "JFK", lh400.departure(), Currency.getInstance("HUF"),
                null, null, null);

        market.file(new FiledFare(new Fare(inForints.flightId(), new BigDecimal("150000.00"), inForints.currency()), NOW));

        assertThat(market.priceAt(inForints, NOW)).contains(new BigDecimal("150000.00"));
        assertThat(market.priceAt(inForints, NOW + SECOND)).contains(new BigDecimal("150000.00"));
    }

    @Test
    void aFlightMovedToAnotherDepartureIsPricedForItsNewOne() {
        Flight lh400 = flight("LH400");
        market.priceAt(lh400, NOW);
        Flight moved = Timetable.describe(lh400.flightId(), "FRA", "JFK", lh400.departure().minusDays(30), lh400.currency(),
                null, null, null);

        assertThat(market.priceAt(moved, NOW)).isEqualTo(new SimulatedFareMarket(SEED).priceAt(moved, NOW));
    }

    @Test
    void aCurrencyWithoutAnExchangeRateHasNoSimulatedPrice() {
        Flight lh400 = flight("LH400");
        Flight inGold = new Flight(lh400.flightId(), "LH", "Lufthansa", "LH400", "FRA", "Frankfurt", "JFK", "New York",
                OffsetDateTime.of(2026, 3, 10, 10, 15, 0, 0, ZoneOffset.ofHours(1)), 6200, Currency.getInstance("XAU"));

        assertThat(market.priceAt(inGold, NOW)).isEmpty();
    }
}
