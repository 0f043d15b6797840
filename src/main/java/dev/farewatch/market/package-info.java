/**
 * Where prices come from: {@link dev.farewatch.market.PriceSource}, what a flight costs at each tick,
 * and the default {@link dev.farewatch.market.SimulatedFareMarket}, airfares that move like real ones.
 */
package dev.farewatch.market;
