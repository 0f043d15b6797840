/**
 * The price bus: each flight's stream of quotes, numbered by {@code seq}, carried from the producers
 * that publish prices to the nodes whose travellers follow the flight. {@link dev.farewatch.bus.PriceBus}
 * is the seam; {@link dev.farewatch.bus.InMemoryPriceBus} serves a single node.
 */
package dev.farewatch.bus;
