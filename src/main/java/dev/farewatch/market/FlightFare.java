package dev.farewatch.market;

import dev.farewatch.flight.Flight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The fare of one flight, moving one step per tick. Each flight has its own lock and its own random
 * stream, so flights tick in parallel and a flight's prices do not depend on which others are priced.
 * Thread-safe: every call holds the fare's lock.
 */
final class FlightFare {

    private static final double EUR_PER_FLIGHT = 35.0;
    private static final double EUR_PER_KM = 0.085;
    /** Fares climb towards departure: +90% on the day, +30% ten days out, flat six weeks out. */
    private static final double URGENCY = 0.9;
    private static final double URGENCY_DAYS = 9.0;
    /** How busy a route is, drawn once per flight, so two flights of one route do not price alike. */
    private static final double MIN_DEMAND = 0.8;
    private static final double MAX_DEMAND = 1.1;
    /** Mean-reverting noise: a typical tick moves the fare about 0.2%, and it stays within about 1% of the trend. */
    private static final double NOISE_MEMORY = 0.9;
    private static final double NOISE_STEP = 0.0022;
    private static final double NOISE_LIMIT = 0.03;
    /** Never sell below this share of the base fare, whatever the noise. */
    private static final double FLOOR = 0.6;
    private static final double MILLIS_PER_DAY = 86_400_000.0;
    /** Priced like a medium-haul flight when the airports are not ones the simulation knows. */
    private static final int UNKNOWN_DISTANCE_KM = 2_000;

    private final Flight flight;
    private final int digits;
    private final long departureMillis;
    private final double baseFare;
    private final SplittableRandom random;
    private final double demand;
    private final FareBuckets buckets = new FareBuckets();
    private double noise;
    private boolean opened;
    /** Filed price over the simulated one at the filing tick: how far the filed fare set the simulation off. */
    private double level = 1.0;
    private BigDecimal filed;

    FlightFare(Flight flight, long marketSeed) {
        this.flight = flight;
        this.digits = Math.max(0, flight.currency().getDefaultFractionDigits());
        this.departureMillis = flight.departure().toInstant().toEpochMilli();
        this.baseFare = baseFare(flight);
        // String.hashCode is fixed by the JLS, so the stream is the same on every JVM and run.
        this.random = new SplittableRandom(marketSeed ^ (flight.flightId().toString().hashCode() * 0x9E3779B97F4A7C15L));
        this.demand = random.nextDouble(MIN_DEMAND, MAX_DEMAND);
    }

    /** Whether this prices the flight as it is now: the same currency, departure and distance. */
    boolean prices(Flight current) {
        return flight.currency().equals(current.currency()) && flight.departure().isEqual(current.departure())
                && Objects.equals(flight.distanceKm(), current.distanceKm());
    }

    /** The route's fare in the flight's currency before demand, urgency, buckets and noise. */
    static double baseFare(Flight flight) {
        int distanceKm = flight.distanceKm() != null ? flight.distanceKm() : UNKNOWN_DISTANCE_KM;
        return (EUR_PER_FLIGHT + EUR_PER_KM * distanceKm) * ExchangeRates.perEuro(flight.currency());
    }

    /** The opening fare on the first call, then one step on per call; a filed fare on the tick after its filing. */
    synchronized BigDecimal next(long tickMillis) {
        if (opened) {
            buckets.step(random);
            noise = Math.max(-NOISE_LIMIT, Math.min(NOISE_LIMIT, NOISE_MEMORY * noise + NOISE_STEP * random.nextGaussian()));
        }
        opened = true;
        if (filed != null) {
            level = filed.doubleValue() / simulated(tickMillis);
            BigDecimal price = filed;
            filed = null;
            return price;
        }
        return price(tickMillis);
    }

    /** The next tick's price is this; the ones after it move on from it as the simulation moves. */
    synchronized void file(BigDecimal price) {
        filed = price;
    }

    private double simulated(long millis) {
        return baseFare * demand * urgency(millis) * buckets.factor() * (1 + noise);
    }

    private BigDecimal price(long millis) {
        BigDecimal floor = BigDecimal.valueOf(FLOOR * baseFare * level).setScale(digits, RoundingMode.CEILING);
        return BigDecimal.valueOf(simulated(millis) * level).setScale(digits, RoundingMode.HALF_EVEN).max(floor);
    }

    private double urgency(long millis) {
        double daysLeft = Math.max(0, (departureMillis - millis) / MILLIS_PER_DAY);
        return 1 + URGENCY * Math.exp(-daysLeft / URGENCY_DAYS);
    }
}
