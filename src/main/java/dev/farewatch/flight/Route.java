package dev.farewatch.flight;

import java.time.LocalTime;

/** A scheduled service: one flight number between two airports, leaving at the same local time each day it flies. */
record Route(Carrier carrier, int number, Airport origin, Airport destination, LocalTime departs) {

    static Route of(String designator, String origin, String destination, String departs) {
        return new Route(
                Carrier.byCode(designator.substring(0, 2)),
                Integer.parseInt(designator.substring(2)),
                Airport.byCode(origin),
                Airport.byCode(destination),
                LocalTime.parse(departs));
    }

    String designator() {
        return carrier.code() + number;
    }

    int distanceKm() {
        return origin.distanceKmTo(destination);
    }
}
