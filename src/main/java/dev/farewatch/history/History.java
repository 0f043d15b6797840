package dev.farewatch.history;

import dev.farewatch.flight.FlightId;

import java.util.Currency;
import java.util.List;

/**
 * A window of a flight's price history, a point per minute, and the insight on its last price.
 *
 * @param points  ascending, the last one the current minute's latest price; empty when the flight had
 *                no price in the window (a flight of filed fares only, before its first)
 * @param insight null when there are no points
 */
public record History(FlightId flightId, int minutes, Currency currency, List<PricePoint> points, Insight insight) {
}
