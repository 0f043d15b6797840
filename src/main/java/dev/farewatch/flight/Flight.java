package dev.farewatch.flight;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.OffsetDateTime;
import java.util.Currency;

/**
 * A scheduled flight that Farewatch quotes prices for.
 *
 * @param departure local time at the origin airport, with its UTC offset
 * @param distanceKm great-circle distance between the airports; null (and left out of the JSON) when
 *                  Farewatch does not know where they are
 * @param currency  the currency its fares are sold in
 */
@JsonbPropertyOrder({"flightId", "carrier", "carrierName", "flightNumber", "origin", "originCity",
        "destination", "destinationCity", "departure", "distanceKm", "currency"})
public record Flight(
        FlightId flightId,
        String carrier,
        String carrierName,
        String flightNumber,
        String origin,
        String originCity,
        String destination,
        String destinationCity,
        OffsetDateTime departure,
        Integer distanceKm,
        Currency currency) {
}
