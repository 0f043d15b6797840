package dev.farewatch.listing;

import dev.farewatch.flight.FlightId;
import dev.farewatch.market.Fare;
import dev.farewatch.market.FiledFare;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FareLogTest {

    private static final FlightId LH400 = FlightId.parse("LH400-2026-12-24").orElseThrow();
    private static final long MINUTE = 60_000;
    private static final long T0 = 1_796_000_000_000L / MINUTE * MINUTE;

    private final FareLog log = new FareLog();

    private static FiledFare fare(String price, long at) {
        return new FiledFare(new Fare(LH400, new BigDecimal(price), Currency.getInstance("EUR")), at);
    }

    private static List<String> prices(List<FiledFare> fares) {
        return fares.stream().map(f -> f.fare().price().toPlainString()).toList();
    }

    @Test
    void faresSinceATimeComeAfterTheLastOneBeforeIt() {
        log.record(fare("100", T0));
        log.record(fare("110", T0 + MINUTE));
        log.record(fare("120", T0 + 2 * MINUTE));

        assertThat(prices(log.since(LH400, T0 + MINUTE + 1))).containsExactly("110", "120");
    }

    @Test
    void onlyTheLastFareOfAMinuteIsKept() {
        log.record(fare("100", T0 + 1_000));
        log.record(fare("90", T0 + 30_000));

        assertThat(prices(log.since(LH400, 0))).containsExactly("90");
    }

    @Test
    void aFareHeardLateChangesNoMinute() {
        log.record(fare("90", T0 + 30_000));
        log.record(fare("100", T0 + 1_000));

        assertThat(prices(log.since(LH400, 0))).containsExactly("90");
    }

    @Test
    void faresOlderThanAWeekAreForgottenSaveTheLastOfThem() {
        log.record(fare("100", T0));
        log.record(fare("110", T0 + MINUTE));
        log.record(fare("120", T0 + MINUTE + FareLog.KEPT.toMillis() + MINUTE));

        assertThat(prices(log.since(LH400, 0))).containsExactly("110", "120");
    }

    @Test
    void aForgottenFlightHasNoFares() {
        log.record(fare("100", T0));

        log.forget(LH400);

        assertThat(log.since(LH400, 0)).isEmpty();
    }
}
