package dev.farewatch.flight;

import java.time.ZoneId;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** An airport the timetable serves, with the position and zone its flights are scheduled in. */
record Airport(String code, String city, double latitude, double longitude, ZoneId zone) {

    private static final double EARTH_RADIUS_KM = 6371.0;

    private static final Map<String, Airport> BY_CODE = Stream.of(
            // Europe
            of("FRA", "Frankfurt", 50.0379, 8.5622, "Europe/Berlin"),
            of("MUC", "Munich", 48.3538, 11.7861, "Europe/Berlin"),
            of("LHR", "London", 51.4700, -0.4543, "Europe/London"),
            of("LGW", "London", 51.1537, -0.1821, "Europe/London"),
            of("STN", "London", 51.8860, 0.2389, "Europe/London"),
            of("EDI", "Edinburgh", 55.9500, -3.3725, "Europe/London"),
            of("CDG", "Paris", 49.0097, 2.5479, "Europe/Paris"),
            of("ORY", "Paris", 48.7262, 2.3652, "Europe/Paris"),
            of("NCE", "Nice", 43.6584, 7.2159, "Europe/Paris"),
            of("AMS", "Amsterdam", 52.3105, 4.7683, "Europe/Amsterdam"),
            of("MAD", "Madrid", 40.4983, -3.5676, "Europe/Madrid"),
            of("BCN", "Barcelona", 41.2974, 2.0833, "Europe/Madrid"),
            of("ZRH", "Zurich", 47.4582, 8.5555, "Europe/Zurich"),
            of("VIE", "Vienna", 48.1103, 16.5697, "Europe/Vienna"),
            of("HEL", "Helsinki", 60.3172, 24.9633, "Europe/Helsinki"),
            of("CPH", "Copenhagen", 55.6180, 12.6508, "Europe/Copenhagen"),
            of("OSL", "Oslo", 60.1976, 11.1004, "Europe/Oslo"),
            of("DUB", "Dublin", 53.4264, -6.2499, "Europe/Dublin"),
            of("IST", "Istanbul", 41.2753, 28.7519, "Europe/Istanbul"),
            // North America
            of("JFK", "New York", 40.6413, -73.7781, "America/New_York"),
            of("EWR", "Newark", 40.6895, -74.1745, "America/New_York"),
            of("ATL", "Atlanta", 33.6407, -84.4277, "America/New_York"),
            of("ORD", "Chicago", 41.9742, -87.9073, "America/Chicago"),
            of("LAX", "Los Angeles", 33.9416, -118.4085, "America/Los_Angeles"),
            of("SFO", "San Francisco", 37.6213, -122.3790, "America/Los_Angeles"),
            of("YYZ", "Toronto", 43.6777, -79.6248, "America/Toronto"),
            of("YVR", "Vancouver", 49.1967, -123.1815, "America/Vancouver"),
            // Middle East, Asia, Pacific
            of("DXB", "Dubai", 25.2532, 55.3657, "Asia/Dubai"),
            of("DOH", "Doha", 25.2731, 51.6081, "Asia/Qatar"),
            of("SIN", "Singapore", 1.3644, 103.9915, "Asia/Singapore"),
            of("HKG", "Hong Kong", 22.3080, 113.9185, "Asia/Hong_Kong"),
            of("HND", "Tokyo", 35.5494, 139.7798, "Asia/Tokyo"),
            of("NRT", "Tokyo", 35.7720, 140.3929, "Asia/Tokyo"),
            of("ITM", "Osaka", 34.7855, 135.4382, "Asia/Tokyo"),
            of("SYD", "Sydney", -33.9399, 151.1753, "Australia/Sydney"),
            of("MEL", "Melbourne", -37.6690, 144.8410, "Australia/Melbourne"))
            .collect(Collectors.toUnmodifiableMap(Airport::code, Function.identity()));

    private static Airport of(String code, String city, double latitude, double longitude, String zone) {
        return new Airport(code, city, latitude, longitude, ZoneId.of(zone));
    }

    static Optional<Airport> find(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    static Airport byCode(String code) {
        Airport airport = BY_CODE.get(code);
        if (airport == null) {
            throw new NoSuchElementException("no airport " + code);
        }
        return airport;
    }

    /** Great-circle (haversine) distance, the length fares are priced on. */
    int distanceKmTo(Airport other) {
        double phi1 = Math.toRadians(latitude);
        double phi2 = Math.toRadians(other.latitude);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(other.longitude - longitude);
        double h = Math.pow(Math.sin(dPhi / 2), 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.pow(Math.sin(dLambda / 2), 2);
        return (int) Math.round(2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(h))));
    }
}
