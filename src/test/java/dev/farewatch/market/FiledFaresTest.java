package dev.farewatch.market;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightId;
import dev.farewatch.flight.Timetable;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;

class FiledFaresTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final FlightId ID = FlightId.parse("LH400-2026-12-24").orElseThrow();
    private static final Flight LH400 = Timetable.describe(ID, "FRA", "JFK",
            OffsetDateTime.parse("2026-12-24T10:15:00+01:00"), EUR, null, null, null);
    private static final long TICK = 1_000L;

    private final FiledFares market = new FiledFares();

    @Test
    void aFlightWithNoFareHasNoPrice() {
        assertThat(market.priceAt(LH400, TICK)).isEmpty();
    }

    @Test
    void theLatestFiledFareIsThePriceOnEveryTickWhileItStands() {
        market.file(new FiledFare(new Fare(ID, new BigDecimal("412.37"), EUR), TICK));
        market.file(new FiledFare(new Fare(ID, new BigDecimal("400.00"), EUR), TICK));

        assertThat(market.priceAt(LH400, TICK)).contains(new BigDecimal("400.00"));
        assertThat(market.priceAt(LH400, 2 * TICK)).contains(new BigDecimal("400.00"));
    }

    @Test
    void aFareInAnotherCurrencyThanTheFlightsIsNoPrice() {
        market.file(new FiledFare(new Fare(ID, new BigDecimal("400.00"), Currency.getInstance("USD")), TICK));

        assertThat(market.priceAt(LH400, TICK)).isEmpty();
    }

    @Test
    void aRetiredFlightForgetsItsFare() {
        market.file(new FiledFare(new Fare(ID, new BigDecimal("400.00"), EUR), TICK));

        market.retire(ID);

        assertThat(market.priceAt(LH400, TICK)).isEmpty();
    }
}
