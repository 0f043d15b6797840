package dev.farewatch.market;

import java.math.BigDecimal;
import java.util.Optional;

/** One flight's past, replayed: what a tick of the flight gave at any instant. Thread-safe. */
@FunctionalInterface
public interface PastPrices {

    /**
     * @param millis    the instant, epoch milliseconds
     * @param lastFiled the last fare filed for the flight before {@code millis}, or null if none was
     * @return the price a tick at {@code millis} gave; empty where the flight had none
     */
    Optional<BigDecimal> at(long millis, FiledFare lastFiled);
}
