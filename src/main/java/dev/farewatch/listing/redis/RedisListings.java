package dev.farewatch.listing.redis;

import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightId;
import dev.farewatch.flight.Timetable;
import dev.farewatch.listing.FareLog;
import dev.farewatch.listing.Listings;
import dev.farewatch.listing.ListingsUnavailable;
import dev.farewatch.listing.Shelf;
import dev.farewatch.market.Fare;
import dev.farewatch.market.FiledFare;
import dev.farewatch.protocol.MessageCodec;
import dev.farewatch.redis.RedisLink;
import redis.clients.jedis.exceptions.JedisException;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The listings of a cluster, in the Redis its nodes share. Every change is made by a script that
 * publishes it on {@value #CHANNEL}, and each node, this one included, applies what it hears there in
 * Redis' order, so that two nodes changing one flight at once end alike. A call waits (a moment) for
 * its own change to come back before it returns, so that this node has applied it by then. Each time
 * the subscriber connection comes (back) up the node reads the whole catalog and the fares again:
 * what changed while it was away is applied, flights gone are told as removed; a Redis that lost its
 * data is first given back what this node has on sale. A fare is applied once: each carries a
 * version, and one no newer than the last applied for its flight is passed over.
 *
 * <p>Thread-safe: what is heard and what is read again is applied under this object's lock.
 */
public final class RedisListings implements Listings {

    private static final Logger LOG = Logger.getLogger(RedisListings.class.getName());
    /** Every change goes out here, to every node. */
    public static final String CHANNEL = "farewatch:listings";
    private static final String CATALOG = "farewatch:catalog";
    private static final String FARES = "farewatch:fares";
    private static final String FARE_VERSION = "farewatch:fares:version";
    private static final String FARE_LOG = "farewatch:fares:log:";
    private static final String TIMETABLE_DAY = "farewatch:timetable:";
    /** Set once the store holds the cluster's listings; missing after Redis lost its data. */
    private static final String MARKER = "farewatch:listings:kept";
    /** A day's marker outlives the day's flights, so that a removed flight of it does not come back. */
    private static final long DAY_MARKER_SECONDS = Duration.ofDays(60).toSeconds();
    private static final Duration ECHO_WAIT = Duration.ofSeconds(2);

    private final RedisLink redis;
    private final Shelf shelf;
    private final MessageCodec codec;
    private final Executor scheduler;
    private final RedisLink.Listener arrivals = new Arrivals();
    private final Map<String, CompletableFuture<Void>> awaited = new ConcurrentHashMap<>();
    /** The version of the last fare applied per flight. Guarded by {@code this}. */
    private final Map<FlightId, Long> fareVersions = new HashMap<>();
    /** The days of the timetable this node saw put on sale, to be put back if Redis loses them. Guarded by {@code this}. */
    private final Set<LocalDate> openedDays = new HashSet<>();

    /**
     * @param redis     the node's link, which must have {@value #CHANNEL} among its standing channels
     *                  and hand what arrives there to {@link #arrivals()}
     * @param scheduler where the whole listings are read again after a reconnect
     */
    public RedisListings(RedisLink redis, Shelf shelf, MessageCodec codec, Executor scheduler) {
        this.redis = redis;
        this.shelf = shelf;
        this.codec = codec;
        this.scheduler = scheduler;
    }

    /** What this takes from the subscriber connection: {@value #CHANNEL}, and the connection coming up. */
    public RedisLink.Listener arrivals() {
        return arrivals;
    }

    @Override
    public boolean put(Flight flight) throws ListingsUnavailable {
        String token = newToken();
        String json = codec.encodeFlight(flight);
        Object added = run(token, () -> ListingScripts.PUT.run(redis.commands(), List.of(CATALOG),
                List.of(flight.flightId().toString(), json, CHANNEL, token)));
        awaitEcho(token);
        return Long.valueOf(1).equals(added);
    }

    @Override
    public boolean remove(FlightId flight) throws ListingsUnavailable {
        String token = newToken();
        Object removed = run(token, () -> ListingScripts.REMOVE.run(redis.commands(), List.of(CATALOG, FARES, FARE_LOG + flight),
                List.of(flight.toString(), CHANNEL, token)));
        if (!Long.valueOf(1).equals(removed)) {
            awaited.remove(token);
            return false;
        }
        awaitEcho(token);
        return true;
    }

    @Override
    public List<Integer> file(List<Fare> fares) throws ListingsUnavailable {
        String token = newToken();
        List<String> args = new ArrayList<>(3 + 3 * fares.size());
        List<String> keys = new ArrayList<>(List.of(CATALOG, FARES, FARE_VERSION));
        args.add(CHANNEL);
        args.add(token);
        args.add(Long.toString(FareLog.KEPT.toMillis()));
        for (Fare fare : fares) {
            keys.add(FARE_LOG + fare.flightId());
            args.add(fare.flightId().toString());
            args.add(MinorUnits.of(fare.price(), fare.currency()));
            args.add(fare.currency().getCurrencyCode());
        }
        Object skipped = run(token, () -> ListingScripts.FILE.run(redis.commands(), keys, args));
        awaitEcho(token);
        List<Integer> notFiled = new ArrayList<>();
        if (skipped instanceof List<?> positions) {
            positions.forEach(position -> notFiled.add(Integer.parseInt(text(position)) - 1));
        }
        return notFiled;
    }

    @Override
    public List<FiledFare> filedSince(FlightId flight, long fromMillis) throws ListingsUnavailable {
        List<?> logged;
        try {
            logged = (List<?>) ListingScripts.LOG_SINCE.run(redis.commands(), List.of(FARE_LOG + flight),
                    List.of(Long.toString(fromMillis)));
        } catch (JedisException e) {
            throw new ListingsUnavailable("Redis does not answer: " + e.getMessage(), e);
        }
        List<FiledFare> fares = new ArrayList<>(logged.size());
        for (Object entry : logged) {
            String[] f = text(entry).split(" ");
            try {
                Currency currency = Currency.getInstance(f[2]);
                fares.add(new FiledFare(new Fare(flight, MinorUnits.parse(f[1], currency), currency),
                        filedAt(Long.parseLong(f[0]))));
            } catch (RuntimeException e) {
                LOG.warning(() -> "Ignored an entry of " + flight + "'s fare log that is not a fare (" + e + ")");
            }
        }
        return fares;
    }

    /** A fare's version counts Redis' clock in microseconds: its filing in milliseconds. */
    private static long filedAt(long version) {
        return version / 1000;
    }

    @Override
    public boolean openDay(LocalDate day, List<Flight> flights) {
        List<String> args = new ArrayList<>(2 + 2 * flights.size());
        args.add(CHANNEL);
        args.add(Long.toString(DAY_MARKER_SECONDS));
        Map<String, Flight> byId = new HashMap<>();
        for (Flight flight : flights) {
            args.add(flight.flightId().toString());
            args.add(codec.encodeFlight(flight));
            byId.put(flight.flightId().toString(), flight);
        }
        try {
            Object added = ListingScripts.OPEN_DAY.run(redis.commands(), List.of(CATALOG, TIMETABLE_DAY + day), args);
            synchronized (this) {
                openedDays.add(day);
                openedDays.removeIf(earlier -> earlier.isBefore(day.minusDays(2L * Timetable.DAYS_AHEAD)));
                // Heard on the channel as well, unless the subscriber connection is not up yet (as while the node
                // starts); then put here, and the reading that follows its connecting makes all agree again.
                if (!redis.isConnected() && added instanceof List<?> ids) {
                    ids.forEach(id -> Optional.ofNullable(byId.get(text(id))).ifPresent(shelf::put));
                }
            }
            return true;
        } catch (JedisException e) {
            LOG.log(Level.FINE, "Opening " + day + " in Redis failed; tried again in a moment", e);
            return false;
        }
    }

    @Override
    public void departed(List<Flight> flights) {
        List<String> args = new ArrayList<>(2 * flights.size());
        List<String> keys = new ArrayList<>(List.of(CATALOG, FARES));
        synchronized (this) {
            for (Flight flight : flights) {
                // Only as it departed: a flight moved to a later departure meanwhile stays.
                if (shelf.catalog().find(flight.flightId()).filter(flight::equals).isPresent()) {
                    shelf.remove(flight.flightId(), Shelf.Removal.DEPARTED);
                    fareVersions.remove(flight.flightId());
                    args.add(flight.flightId().toString());
                    args.add(codec.encodeFlight(flight));
                    keys.add(FARE_LOG + flight.flightId());
                }
            }
        }
        if (args.isEmpty()) {
            return;
        }
        try {
            ListingScripts.DEPART.run(redis.commands(), keys, args);
        } catch (JedisException e) {
            // Every node takes departed flights off by its own clock: Redis forgets them on a later try.
            LOG.log(Level.FINE, "Forgetting departed flights in Redis failed", e);
        }
    }

    @Override
    public void load() {
        reload();
    }

    /**
     * Reads the whole catalog and every fare from Redis in one step and makes this node's shelf match
     * them; where Redis lost them, puts back this node's first (see {@link ListingScripts#SNAPSHOT}).
     */
    private void reload() {
        int restored;
        int flightCount;
        int fareCount;
        synchronized (this) {
            List<Flight> mine = shelf.catalog().flights();
            List<String> keys = new ArrayList<>(List.of(MARKER, CATALOG, FARES));
            openedDays.forEach(day -> keys.add(TIMETABLE_DAY + day));
            List<String> args = new ArrayList<>(1 + 2 * mine.size());
            args.add(Long.toString(DAY_MARKER_SECONDS));
            for (Flight flight : mine) {
                args.add(flight.flightId().toString());
                args.add(codec.encodeFlight(flight));
            }
            List<?> snapshot;
            try {
                snapshot = (List<?>) ListingScripts.SNAPSHOT.run(redis.commands(), keys, args);
            } catch (JedisException | ClassCastException e) {
                LOG.log(Level.WARNING, "Reading the catalog from Redis failed; read again when Redis is back", e);
                return;
            }
            restored = Integer.parseInt(text(snapshot.get(0)));
            Map<String, String> flights = pairs(snapshot.get(1));
            Map<String, String> fares = pairs(snapshot.get(2));
            List<Flight> catalog = new ArrayList<>(flights.size());
            flights.values().forEach(json -> decodeFlight(json).ifPresent(catalog::add));
            shelf.replaceAll(catalog);
            Set<FlightId> filed = new HashSet<>();
            fares.keySet().forEach(flight -> FlightId.parse(flight).ifPresent(filed::add));
            // A flight whose fares Redis no longer has (it lost them) numbers its next ones from the start again.
            fareVersions.keySet().retainAll(filed);
            fares.forEach((flight, fare) -> applyFare(flight + " " + fare, true));
            flightCount = flights.size();
            fareCount = fares.size();
        }
        if (restored > 0) {
            LOG.warning(() -> "Redis had lost the catalog: put back this node's " + restored + " flights");
        }
        LOG.fine(() -> "Read " + flightCount + " flights and " + fareCount + " fares from Redis");
    }

    /** A hash as HGETALL gives it in a script's answer: field, value, field, value. */
    private static Map<String, String> pairs(Object flat) {
        Map<String, String> pairs = new HashMap<>();
        List<?> list = (List<?>) flat;
        for (int i = 0; i + 1 < list.size(); i += 2) {
            pairs.put(text(list.get(i)), text(list.get(i + 1)));
        }
        return pairs;
    }

    /** A value of a script's answer, which Jedis gives as text, bytes or a number. */
    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    private void scheduleReload() {
        try {
            scheduler.execute(this::reload);
        } catch (RejectedExecutionException stopping) {
            // The node is stopping.
        }
    }

    private interface Command {
        Object run();
    }

    private Object run(String token, Command command) throws ListingsUnavailable {
        awaited.put(token, new CompletableFuture<>());
        try {
            return command.run();
        } catch (JedisException e) {
            awaited.remove(token);
            throw new ListingsUnavailable("Redis does not answer: " + e.getMessage(), e);
        }
    }

    /**
     * Waits for the change to come back on the channel, so that this node has applied it when the
     * call returns. If it does not come in time (the subscriber connection is down), the whole
     * listings are read again instead: applying the change here out of Redis' order could undo a
     * later change made on another node.
     */
    private void awaitEcho(String token) {
        CompletableFuture<Void> echo = awaited.get(token);
        try {
            echo.get(ECHO_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            scheduleReload();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            awaited.remove(token);
        }
    }

    private static String newToken() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** Applies one message of the channel, in the order Redis published them. */
    private synchronized void heard(String text) {
        int space = text.indexOf(' ');
        int end = text.indexOf(' ', space + 1);
        int lineEnd = text.indexOf('\n');
        String kind = space < 0 ? text : text.substring(0, space);
        String token = null;
        try {
            switch (kind) {
                case "put" -> {
                    token = text.substring(space + 1, end);
                    applyPut(text.substring(end + 1));
                }
                case "remove" -> {
                    token = text.substring(space + 1, end);
                    applyRemove(text.substring(end + 1));
                }
                case "fares" -> {
                    token = text.substring(space + 1, lineEnd < 0 ? text.length() : lineEnd);
                    if (lineEnd >= 0) {
                        for (String line : text.substring(lineEnd + 1).split("\n")) {
                            String[] f = line.split(" ");
                            if (f.length == 4) {
                                applyFare(f[1] + " " + f[0] + " " + f[2] + " " + f[3], false);
                            }
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown change \"" + kind + "\"");
            }
        } finally {
            CompletableFuture<Void> echo = token == null ? null : awaited.get(token);
            if (echo != null) {
                echo.complete(null);
            }
        }
    }

    private void applyPut(String json) {
        decodeFlight(json).ifPresent(shelf::put);
    }

    private void applyRemove(String id) {
        FlightId.parse(id).ifPresent(flight -> {
            shelf.remove(flight, Shelf.Removal.REMOVED);
            fareVersions.remove(flight);
        });
    }

    /**
     * Files a fare unless one as new was filed for its flight already; one that is not a fare as the
     * scripts write it is passed over with a warning.
     *
     * @param filed {@code <flight> <version> <minor units> <currency>}
     * @param reread whether it was read again with the whole listings rather than heard as it was filed:
     *               one for a flight not in this node's catalog is then passed over, and one applied is
     *               recalled, not shown as the next tick's price
     */
    private void applyFare(String filed, boolean reread) {
        try {
            String[] f = filed.split(" ");
            Optional<FlightId> flight = FlightId.parse(f[0]);
            if (flight.isEmpty() || f.length != 4 || (reread && shelf.catalog().find(flight.get()).isEmpty())) {
                return;
            }
            long version = Long.parseLong(f[1]);
            Long applied = fareVersions.get(flight.get());
            if (applied != null && version <= applied) {
                if (reread && version < applied) {
                    // Redis' count went back (it lost data): later fares number on from what it has.
                    fareVersions.put(flight.get(), version);
                }
                return;
            }
            Currency currency = Currency.getInstance(f[3]);
            BigDecimal price = MinorUnits.parse(f[2], currency);
            fareVersions.put(flight.get(), version);
            FiledFare fare = new FiledFare(new Fare(flight.get(), price, currency), filedAt(version));
            if (reread) {
                // Read again with the whole listings: the market moves on from it, but does not show it anew.
                shelf.recall(fare);
            } else {
                shelf.file(fare);
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "Ignored a fare in Redis that is not one (" + e + "): " + (filed.length() > 80 ? filed.substring(0, 80) + "…" : filed));
        }
    }

    private Optional<Flight> decodeFlight(String json) {
        try {
            return Optional.of(codec.decodeFlight(json));
        } catch (RuntimeException e) {
            LOG.warning(() -> "Ignored a flight in Redis that is not one: " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        awaited.values().forEach(echo -> echo.cancel(false));
    }

    /** What the subscriber connection tells about the listings, on the Redis reader thread. */
    private final class Arrivals implements RedisLink.Listener {

        @Override
        public void message(String channel, String text) {
            try {
                heard(text);
            } catch (RuntimeException e) {
                LOG.warning(() -> "Ignored a message on " + channel + " that is not a change of the listings: " + e);
            }
        }

        @Override
        public void connected() {
            scheduleReload();
        }

        @Override
        public void disconnected() {
        }
    }
}
