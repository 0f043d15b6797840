package dev.farewatch.flight;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The flights Farewatch quotes: real carriers, airports and flight numbers, each route flown on a
 * few dates in the six weeks after {@code firstDay}. The dates come from the seed, so a demo can be
 * replayed exactly.
 */
public final class Timetable {

    /** Flights are sold up to six weeks ahead; the first day itself is left out as already closed. */
    public static final int DAYS_AHEAD = 42;
    /** Three dates per route keep the demo's list short enough to read. */
    public static final int DEFAULT_DATES_PER_ROUTE = 3;

    /** Local departure times are those of the real schedules, give or take a few minutes. */
    static final List<Route> ROUTES = List.of(
            // short haul: European domestic and intra-EU
            Route.of("LH100", "FRA", "MUC", "07:00"),
            Route.of("BA1436", "LHR", "EDI", "07:15"),
            Route.of("BA902", "LHR", "FRA", "07:25"),
            Route.of("AF6200", "ORY", "NCE", "07:05"),
            Route.of("KL1001", "AMS", "LHR", "06:55"),
            Route.of("IB3166", "MAD", "LHR", "07:20"),
            Route.of("LX318", "ZRH", "LHR", "07:10"),
            Route.of("OS121", "VIE", "FRA", "06:35"),
            Route.of("AY1331", "HEL", "LHR", "07:40"),
            Route.of("SK1469", "CPH", "OSL", "08:05"),
            Route.of("U28587", "LGW", "BCN", "06:25"),
            Route.of("FR205", "STN", "DUB", "08:35"),
            Route.of("TK1587", "IST", "FRA", "07:45"),
            // short haul: North America, Japan, Australia
            Route.of("AA1", "JFK", "LAX", "08:00"),
            Route.of("UA535", "ORD", "SFO", "09:10"),
            Route.of("AC101", "YYZ", "YVR", "08:00"),
            Route.of("NH15", "HND", "ITM", "07:30"),
            Route.of("QF400", "SYD", "MEL", "06:00"),
            // long haul
            Route.of("LH400", "FRA", "JFK", "10:15"),
            Route.of("LH778", "FRA", "SIN", "21:55"),
            Route.of("BA117", "LHR", "JFK", "08:25"),
            Route.of("BA283", "LHR", "LAX", "15:40"),
            Route.of("AF6", "CDG", "JFK", "13:30"),
            Route.of("AF276", "CDG", "HND", "23:20"),
            Route.of("KL641", "AMS", "JFK", "14:25"),
            Route.of("IB6251", "MAD", "JFK", "15:55"),
            Route.of("LX14", "ZRH", "JFK", "13:05"),
            Route.of("TK1", "IST", "JFK", "14:05"),
            Route.of("UA1", "SFO", "SIN", "23:20"),
            Route.of("AA100", "JFK", "LHR", "18:15"),
            Route.of("DL295", "ATL", "HND", "11:55"),
            Route.of("AC848", "YYZ", "LHR", "18:30"),
            Route.of("EK1", "DXB", "LHR", "07:45"),
            Route.of("EK201", "DXB", "JFK", "08:30"),
            Route.of("QR1", "DOH", "LHR", "07:25"),
            Route.of("SQ22", "SIN", "EWR", "23:35"),
            Route.of("CX255", "HKG", "LHR", "23:30"),
            Route.of("NH10", "NRT", "JFK", "11:00"),
            Route.of("JL43", "HND", "LHR", "10:10"),
            Route.of("QF11", "SYD", "LAX", "09:55"));

    private Timetable() {
    }

    /** How many routes are flown: a catalog holds as many flights of each as it has dates per route. */
    public static int routeCount() {
        return ROUTES.size();
    }

    /** The same seed and first day always give the same catalog, in departure order. */
    public static FlightCatalog generate(long seed, LocalDate firstDay) {
        return generate(seed, firstDay, DEFAULT_DATES_PER_ROUTE);
    }

    /**
     * The flights of the {@value #DAYS_AHEAD} days after {@code firstDay}, in departure order: the
     * same seed, first day and dates per route always give the same catalog.
     *
     * @param datesPerRoute on how many of any {@value #DAYS_AHEAD} days in a row each route is flown
     */
    public static FlightCatalog generate(long seed, LocalDate firstDay, int datesPerRoute) {
        List<Flight> flights = new ArrayList<>();
        for (int daysAhead = 1; daysAhead <= DAYS_AHEAD; daysAhead++) {
            flights.addAll(flightsOn(seed, firstDay.plusDays(daysAhead), datesPerRoute));
        }
        return new FlightCatalog(flights);
    }

    /**
     * The flights of one day. Each route flies on the same {@code datesPerRoute} days of every
     * {@value #DAYS_AHEAD}-day cycle, so any six weeks in a row hold exactly that many of its flights
     * and the timetable rolls forward one day at a time: the day that comes into sale each midnight
     * adds its flights, and no earlier day's change.
     */
    public static List<Flight> flightsOn(long seed, LocalDate day, int datesPerRoute) {
        if (datesPerRoute < 1 || datesPerRoute > DAYS_AHEAD) {
            throw new IllegalArgumentException("datesPerRoute must be 1-" + DAYS_AHEAD + ": " + datesPerRoute);
        }
        int dayOfCycle = (int) Math.floorMod(day.toEpochDay(), (long) DAYS_AHEAD);
        List<Flight> flights = new ArrayList<>();
        for (Route route : ROUTES) {
            if (daysOfCycle(seed, route, datesPerRoute).contains(dayOfCycle)) {
                flights.add(flight(route, day));
            }
        }
        flights.sort(FlightCatalog.ORDER);
        return flights;
    }

    private static TreeSet<Integer> daysOfCycle(long seed, Route route, int count) {
        // A random per route, so adding a route does not reshuffle the days of all the others.
        SplittableRandom random = new SplittableRandom(seed ^ (route.designator().hashCode() * 0x9E3779B97F4A7C15L));
        TreeSet<Integer> days = new TreeSet<>();
        while (days.size() < count) {
            days.add(random.nextInt(DAYS_AHEAD));
        }
        return days;
    }

    private static Flight flight(Route route, LocalDate date) {
        Airport origin = route.origin();
        Airport destination = route.destination();
        OffsetDateTime departure = ZonedDateTime.of(date, route.departs(), origin.zone()).toOffsetDateTime();
        return new Flight(
                new FlightId(route.carrier().code(), route.number(), date),
                route.carrier().code(),
                route.carrier().name(),
                route.designator(),
                origin.code(),
                origin.city(),
                destination.code(),
                destination.city(),
                departure,
                route.distanceKm(),
                route.carrier().currency());
    }

    /**
     * A flight as a fare team describes it, filled in from what the timetable knows: the carrier's
     * name, the airports' cities and the great-circle distance, where the carrier and airports are
     * among the timetable's; else the name is the carrier code, the cities the airport codes and the
     * distance unknown.
     */
    public static Flight describe(FlightId id, String origin, String destination, OffsetDateTime departure,
                                  Currency currency, String carrierName, String originCity, String destinationCity) {
        Optional<Airport> from = Airport.find(origin);
        Optional<Airport> to = Airport.find(destination);
        Integer distance = from.isPresent() && to.isPresent() ? from.get().distanceKmTo(to.get()) : null;
        return new Flight(id, id.carrier(),
                carrierName != null ? carrierName : Carrier.find(id.carrier()).map(Carrier::name).orElse(id.carrier()),
                id.designator(), origin,
                originCity != null ? originCity : from.map(Airport::city).orElse(origin),
                destination,
                destinationCity != null ? destinationCity : to.map(Airport::city).orElse(destination),
                departure, distance, currency);
    }
}
