package dev.farewatch.fanout;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class PriceAlertTest {

    private final PriceAlert alert = new PriceAlert(new BigDecimal("400"), true);

    private boolean trips(String price) {
        return alert.trips(new BigDecimal(price));
    }

    @Test
    void aPriceAboveTheThresholdDoesNotTrip() {
        assertThat(trips("400.01")).isFalse();
    }

    @Test
    void aPriceAtTheThresholdTrips() {
        assertThat(trips("400.00")).isTrue();
    }

    @Test
    void itTripsOnceWhilePricesStayAtOrBelow() {
        assertThat(trips("399")).isTrue();
        assertThat(trips("350")).isFalse();
        assertThat(trips("400")).isFalse();
    }

    @Test
    void anAlertSetUnarmedTripsOnlyAfterAPriceAbove() {
        PriceAlert setAgain = new PriceAlert(new BigDecimal("400"), false);

        assertThat(setAgain.trips(new BigDecimal("390"))).isFalse();
        assertThat(setAgain.trips(new BigDecimal("410"))).isFalse();
        assertThat(setAgain.trips(new BigDecimal("395"))).isTrue();
    }

    @Test
    void aPriceAboveReArmsIt() {
        trips("399");
        assertThat(trips("401")).isFalse();
        assertThat(trips("398")).isTrue();
    }
}
