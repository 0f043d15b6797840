/**
 * The market's clock: {@link dev.farewatch.ticker.PriceTicker} ticks every catalog flight once a
 * second on its own turn of the second and publishes the prices of its
 * {@link dev.farewatch.market.PriceSource} to the {@link dev.farewatch.bus.PriceBus}.
 */
package dev.farewatch.ticker;
