package dev.farewatch.history;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Where a price stands against a window of the flight's own prices: {@code low} is the window's 25th
 * percentile, {@code typical} its median and {@code high} its 75th percentile, each interpolated
 * linearly between the two nearest ranks (as a spreadsheet's PERCENTILE.INC) and rounded half-even to
 * the currency's minor unit. The verdict is {@code low} when the current price is at or below
 * {@code low}, {@code high} when at or above {@code high}, and {@code typical} otherwise or when the
 * window's prices do not spread at all. It describes the past the window holds; it forecasts nothing.
 * Immutable.
 */
@JsonbPropertyOrder({"low", "typical", "high", "verdict"})
public record Insight(BigDecimal low, BigDecimal typical, BigDecimal high, String verdict) {

    public static final String LOW = "low";
    public static final String TYPICAL = "typical";
    public static final String HIGH = "high";

    /**
     * @param prices  the window's prices, in any order; at least one
     * @param current the price to judge
     * @param digits  the currency's minor-unit digits
     */
    public static Insight of(List<BigDecimal> prices, BigDecimal current, int digits) {
        if (prices.isEmpty()) {
            throw new IllegalArgumentException("an insight needs at least one price");
        }
        BigDecimal[] sorted = prices.toArray(new BigDecimal[0]);
        java.util.Arrays.sort(sorted);
        BigDecimal low = percentile(sorted, 0.25, digits);
        BigDecimal typical = percentile(sorted, 0.5, digits);
        BigDecimal high = percentile(sorted, 0.75, digits);
        String verdict;
        if (low.compareTo(high) == 0) {
            verdict = TYPICAL;
        } else if (current.compareTo(low) <= 0) {
            verdict = LOW;
        } else if (current.compareTo(high) >= 0) {
            verdict = HIGH;
        } else {
            verdict = TYPICAL;
        }
        return new Insight(low, typical, high, verdict);
    }

    /** Hyndman and Fan's definition 7: rank h = (n - 1) p, interpolated between the ranks either side. */
    static BigDecimal percentile(BigDecimal[] sorted, double p, int digits) {
        double h = (sorted.length - 1) * p;
        int below = (int) Math.floor(h);
        int above = Math.min(below + 1, sorted.length - 1);
        BigDecimal fraction = BigDecimal.valueOf(h - below);
        BigDecimal value = sorted[below].add(sorted[above].subtract(sorted[below]).multiply(fraction));
        return value.setScale(digits, RoundingMode.HALF_EVEN);
    }
}
