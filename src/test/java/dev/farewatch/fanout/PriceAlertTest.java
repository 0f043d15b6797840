package dev.farewatch.fanout;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class PriceAlertTest {

    private final PriceAlert alert = new PriceAlert(new BigDecimal("400"));

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
    void aPriceAboveReArmsIt() {
        trips("399");
        assertThat(trips("401")).isFalse();
        assertThat(trips("398")).isTrue();
    }
}
