package dev.farewatch.listing;

import dev.farewatch.flight.FlightId;
import dev.farewatch.market.FiledFare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fares filed for each flight, as far back as its price history reaches: the last fare of each
 * minute, over {@link #KEPT}, and the last one before that, which set the price the window opens with.
 * A single node keeps it here; a cluster keeps the same in Redis. Thread-safe: each flight's fares
 * change under that flight's map entry.
 */
public final class FareLog {

    /** As far back as a history request reaches, a week, and a minute's grace. */
    public static final Duration KEPT = Duration.ofDays(7).plusMinutes(1);
    private static final long MINUTE = 60_000;

    private final Map<FlightId, NavigableMap<Long, FiledFare>> byFlight = new ConcurrentHashMap<>();

    /** Keeps the fare as its minute's last, and forgets what is too old to matter, save the last of those. */
    public void record(FiledFare filed) {
        long at = filed.filedAtMillis();
        byFlight.compute(filed.fare().flightId(), (flight, fares) -> {
            NavigableMap<Long, FiledFare> kept = fares != null ? fares : new TreeMap<>();
            long minute = Math.floorDiv(at, MINUTE) * MINUTE;
            Map.Entry<Long, FiledFare> later = kept.ceilingEntry(minute);
            if (later != null && later.getKey() > at) {
                // Older than one already kept for this minute or after: heard late, it changes no minute's last price.
                return kept;
            }
            kept.subMap(minute, true, at, true).clear();
            kept.put(at, filed);
            Long lastTooOld = kept.lowerKey(at - KEPT.toMillis());
            if (lastTooOld != null) {
                kept.headMap(lastTooOld, false).clear();
            }
            return kept;
        });
    }

    /** The fares filed from {@code fromMillis} on, oldest first, after the last one filed before it if any. */
    public List<FiledFare> since(FlightId flight, long fromMillis) {
        List<FiledFare> fares = new ArrayList<>();
        byFlight.computeIfPresent(flight, (id, kept) -> {
            Map.Entry<Long, FiledFare> before = kept.lowerEntry(fromMillis);
            if (before != null) {
                fares.add(before.getValue());
            }
            fares.addAll(kept.tailMap(fromMillis, true).values());
            return kept;
        });
        return fares;
    }

    /** The flight left the catalog: its fares go with it. */
    public void forget(FlightId flight) {
        byFlight.remove(flight);
    }
}
