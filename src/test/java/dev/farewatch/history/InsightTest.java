package dev.farewatch.history;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InsightTest {

    private static List<BigDecimal> prices(String... values) {
        return Arrays.stream(values).map(BigDecimal::new).toList();
    }

    @Test
    void quartilesInterpolateBetweenTheNearestRanksAsPercentileInc() {
        // Ranks 0..4 of 100..500: the 25th percentile sits at rank 1, the median at 2, the 75th at 3.
        Insight insight = Insight.of(prices("500", "100", "300", "200", "400"), new BigDecimal("300"), 2);

        assertThat(insight.low()).isEqualByComparingTo("200.00");
        assertThat(insight.typical()).isEqualByComparingTo("300.00");
        assertThat(insight.high()).isEqualByComparingTo("400.00");
    }

    @Test
    void aQuartileBetweenTwoPricesIsInterpolatedAndRoundedToTheMinorUnit() {
        // Four prices: the 25th percentile is at rank 0.75, three quarters of the way from 100.00 to 100.01.
        Insight insight = Insight.of(prices("100.00", "100.01", "100.02", "100.03"), new BigDecimal("100.02"), 2);

        assertThat(insight.low()).isEqualTo(new BigDecimal("100.01"));
        assertThat(insight.typical()).isEqualTo(new BigDecimal("100.02"));
        assertThat(insight.high()).isEqualTo(new BigDecimal("100.02"));
    }

    @Test
    void aPriceAtOrBelowTheLowQuartileIsLow() {
        assertThat(Insight.of(prices("100", "200", "300", "400", "500"), new BigDecimal("200"), 0).verdict()).isEqualTo("low");
        assertThat(Insight.of(prices("100", "200", "300", "400", "500"), new BigDecimal("90"), 0).verdict()).isEqualTo("low");
    }

    @Test
    void aPriceAtOrAboveTheHighQuartileIsHigh() {
        assertThat(Insight.of(prices("100", "200", "300", "400", "500"), new BigDecimal("400"), 0).verdict()).isEqualTo("high");
    }

    @Test
    void aPriceBetweenTheQuartilesIsTypical() {
        assertThat(Insight.of(prices("100", "200", "300", "400", "500"), new BigDecimal("201"), 0).verdict()).isEqualTo("typical");
    }

    @Test
    void pricesThatDoNotSpreadAreTypical() {
        Insight insight = Insight.of(prices("412.37"), new BigDecimal("412.37"), 2);

        assertThat(insight).isEqualTo(new Insight(new BigDecimal("412.37"), new BigDecimal("412.37"),
                new BigDecimal("412.37"), "typical"));
    }

    @Test
    void noPricesHaveNoInsight() {
        assertThatThrownBy(() -> Insight.of(List.of(), BigDecimal.ONE, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
