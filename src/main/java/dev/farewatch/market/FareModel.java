package dev.farewatch.market;

import dev.farewatch.flight.Flight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What the simulation asks for one flight at any second: priced on distance, climbing as departure
 * nears, jumping as fare buckets sell out (and dropping when one reopens), with a little noise. A pure
 * function of the market's seed, the flight and the second, so that any node computes any past or
 * present price alike: that is what lets a node that has just started show a week of history, the
 * same as every other node's. Immutable.
 */
final class FareModel {

    private static final double EUR_PER_FLIGHT = 35.0;
    private static final double EUR_PER_KM = 0.085;
    /** Fares climb towards departure: +90% on the day, +30% ten days out, flat six weeks out. */
    private static final double URGENCY = 0.9;
    private static final double URGENCY_DAYS = 9.0;
    /** How busy a route is, drawn once per flight, so two flights of one route do not price alike. */
    private static final double MIN_DEMAND = 0.8;
    private static final double MAX_DEMAND = 1.1;
    /** Real flights sell through a handful of economy buckets; more would price fares off the chart. */
    static final int BUCKETS = 5;
    private static final double MIN_JUMP = 0.08;
    private static final double MAX_JUMP = 0.20;
    /** A flight sells its buckets over this many days before departure. */
    private static final double SELLING_DAYS = 56.0;
    /** Bookings and cancellations come in waves, hours apart: a bucket closes or reopens a few times a day. */
    private static final long WAVE_SECONDS = 3 * 3600;
    private static final double WAVE_BUCKETS = 1.0;
    /** Noise drifts over half a minute and jitters each second: about 0.2% a tick, within about 1% of the trend. */
    private static final long DRIFT_SECONDS = 30;
    private static final double DRIFT = 0.006;
    private static final double JITTER = 0.0025;
    private static final double NOISE_LIMIT = 0.03;
    /** Never sell below this share of the base fare, whatever the noise. */
    private static final double FLOOR = 0.6;
    private static final double SECONDS_PER_DAY = 86_400.0;
    /** Priced like a medium-haul flight when the airports are not ones the simulation knows. */
    private static final int UNKNOWN_DISTANCE_KM = 2_000;

    private static final long DEMAND = 1;
    private static final long JUMP = 2;
    private static final long WAVE = 3;
    private static final long DRIFT_KNOT = 4;
    private static final long JITTER_SECOND = 5;

    private final Flight flight;
    private final int digits;
    private final long departureSecond;
    private final double baseFare;
    private final long key;
    private final double demand;
    private final double[] jumps = new double[BUCKETS];

    FareModel(Flight flight, long marketSeed) {
        this.flight = flight;
        this.digits = Math.max(0, flight.currency().getDefaultFractionDigits());
        this.departureSecond = flight.departure().toEpochSecond();
        this.baseFare = baseFare(flight);
        // String.hashCode is fixed by the JLS, so the key is the same on every JVM and run.
        this.key = marketSeed ^ (flight.flightId().toString().hashCode() * 0x9E3779B97F4A7C15L);
        this.demand = between(MIN_DEMAND, MAX_DEMAND, uniform(DEMAND, 0));
        for (int i = 0; i < BUCKETS; i++) {
            jumps[i] = 1 + between(MIN_JUMP, MAX_JUMP, uniform(JUMP, i));
        }
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

    /**
     * The price at the second that holds {@code millis}, scaled by {@code level} (the filed fare over the
     * simulated one where a fare was filed, else 1), rounded to the currency's minor unit.
     */
    BigDecimal price(long millis, double level) {
        BigDecimal floor = BigDecimal.valueOf(FLOOR * baseFare * level).setScale(digits, RoundingMode.CEILING);
        return BigDecimal.valueOf(simulated(millis) * level).setScale(digits, RoundingMode.HALF_EVEN).max(floor);
    }

    /** The level a fare filed at {@code millis} sets: the simulation moves on from it as it would have from its own price. */
    double levelOf(BigDecimal filed, long millis) {
        return filed.doubleValue() / simulated(millis);
    }

    /** The unrounded simulated price; one value per whole second. */
    double simulated(long millis) {
        long second = Math.floorDiv(millis, 1000);
        return baseFare * demand * urgency(second) * buckets(second) * (1 + noise(second));
    }

    private double urgency(long second) {
        double daysLeft = Math.max(0, (departureSecond - second) / SECONDS_PER_DAY);
        return 1 + URGENCY * Math.exp(-daysLeft / URGENCY_DAYS);
    }

    /** Buckets sell out as departure nears, give or take a wave of bookings or cancellations. */
    private double buckets(long second) {
        double daysLeft = Math.max(0, (departureSecond - second) / SECONDS_PER_DAY);
        double sold = Math.max(0, 1 - daysLeft / SELLING_DAYS);
        double wave = WAVE_BUCKETS * (2 * smooth(WAVE, second, WAVE_SECONDS) - 1);
        int soldOut = (int) Math.max(0, Math.min(BUCKETS, Math.floor(sold * BUCKETS + wave)));
        double factor = 1.0;
        for (int i = 0; i < soldOut; i++) {
            factor *= jumps[i];
        }
        return factor;
    }

    private double noise(long second) {
        double drift = DRIFT * 2 * (smooth(DRIFT_KNOT, second, DRIFT_SECONDS) - 0.5) * 1.7;
        double jitter = JITTER * (uniform(JITTER_SECOND, second) - 0.5);
        return Math.max(-NOISE_LIMIT, Math.min(NOISE_LIMIT, drift + jitter));
    }

    /** Value noise in [0, 1): uniform draws every {@code period} seconds, eased into one another between them. */
    private double smooth(long stream, long second, long period) {
        long knot = Math.floorDiv(second, period);
        double t = (double) (second - knot * period) / period;
        double eased = t * t * (3 - 2 * t);
        return uniform(stream, knot) * (1 - eased) + uniform(stream, knot + 1) * eased;
    }

    /** A uniform draw in [0, 1) fixed by the flight's key, the stream and the index: SplitMix64's finaliser. */
    private double uniform(long stream, long index) {
        long z = key + stream * 0xD1B54A32D192ED03L + index * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    private static double between(double min, double max, double draw) {
        return min + (max - min) * draw;
    }
}
