/**
 * A flight's price history and what it says about the current price: one point per minute
 * ({@link dev.farewatch.history.PricePoint}), replayed from the market and the fares filed for the
 * flight by {@link dev.farewatch.history.PriceHistory}, and the
 * {@link dev.farewatch.history.Insight} of a window, its quartiles and a verdict on the price now.
 */
package dev.farewatch.history;
