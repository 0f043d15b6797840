package dev.farewatch.bus.redis;

import dev.farewatch.bus.PriceBus;
import dev.farewatch.bus.PriceUpdate;
import dev.farewatch.bus.Quote;
import dev.farewatch.bus.QuoteListener;
import dev.farewatch.bus.StreamPosition;
import dev.farewatch.flight.FlightId;
import dev.farewatch.redis.RedisLink;
import dev.farewatch.redis.Script;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bus of a cluster: every node connects to one Redis, the node holding the market's lease
 * appends each quote to its flight's stream there (numbered by a Lua script, so that no seq is
 * skipped, repeated or reused whoever publishes), and each node receives on the flight's channel the
 * quotes of the flights someone on it follows. Received quotes are handed to the node's listener on
 * the node's own scheduler, never on the Redis reader thread, in {@code seq} order per flight: a hole
 * (a message lost while the subscriber connection was down) is filled from the stream's history
 * first. While Redis is away, nodes keep their sessions, nothing is queued, and prices pause; once it
 * is back they flow again, in a new epoch if Redis lost the streams.
 *
 * <p>Thread-safe: publishing, subscribing and reading run on any thread; delivery runs on one
 * scheduler thread at a time, guarded by {@code draining}.
 */
public final class RedisPriceBus implements PriceBus {

    private static final Logger LOG = Logger.getLogger(RedisPriceBus.class.getName());
    private static final String HEAD = "farewatch:head:";
    private static final String HISTORY = "farewatch:history:";
    /** The channels quotes go out on: one per flight, with this prefix. */
    public static final String QUOTES = "farewatch:quotes:";
    private static final Duration SUBSCRIBE_WAIT = Duration.ofSeconds(2);

    private final int historySize;
    private final ScheduledExecutorService scheduler;
    private final MarketLease lease;
    private final RedisLink redis;
    private final ScheduledFuture<?> renewal;
    private final Queue<Quote> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Set<FlightId> subscribed = ConcurrentHashMap.newKeySet();
    /** The position of the last quote delivered for each subscribed flight. */
    private final Map<FlightId, StreamPosition> delivered = new ConcurrentHashMap<>();
    private final AtomicBoolean publishFailureReported = new AtomicBoolean();
    private final RedisLink.Listener arrivals = new Arrivals();
    private volatile QuoteListener listener;
    private volatile boolean closed;

    /**
     * Tries once for the market's lease, and renews it on {@code scheduler}, which also delivers
     * received quotes. The link is the node's, which hands this bus what arrives on the
     * {@linkplain #QUOTES quotes channels} through {@link #arrivals()}, and closes after it.
     */
    public RedisPriceBus(RedisLink redis, String nodeId, int historySize, ScheduledExecutorService scheduler) {
        this.historySize = historySize;
        this.scheduler = scheduler;
        this.lease = new MarketLease(nodeId, System::nanoTime);
        this.redis = redis;
        lease.renew(redis.commands());
        this.renewal = scheduler.scheduleWithFixedDelay(this::renewLease, MarketLease.RENEW_MILLIS, MarketLease.RENEW_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private void renewLease() {
        // An exception escaping a periodic task would cancel every later renewal.
        try {
            lease.renew(redis.commands());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Renewing the market lease failed", e);
        }
    }

    @Override
    public void start(QuoteListener listener) {
        if (this.listener != null) {
            throw new IllegalStateException("already started");
        }
        this.listener = listener;
    }

    /** Appends the updates to their streams if this node holds the market's lease; another node's are dropped. */
    @Override
    public void publish(List<PriceUpdate> updates) {
        if (updates.isEmpty() || closed || !lease.held()) {
            return;
        }
        List<String> keys = new ArrayList<>(1 + 2 * updates.size());
        List<String> args = new ArrayList<>(3 + 5 * updates.size());
        keys.add(MarketLease.KEY);
        args.add(lease.token());
        args.add(StreamPosition.newEpoch());
        args.add(Integer.toString(historySize));
        for (PriceUpdate update : updates) {
            String flight = update.flightId().toString();
            keys.add(HEAD + flight);
            keys.add(HISTORY + flight);
            args.add(QUOTES + flight);
            args.add(flight);
            args.add(Long.toString(update.ts()));
            args.add(QuoteFormat.minorUnits(update.price(), update.currency()));
            args.add(update.currency().getCurrencyCode());
        }
        try {
            if (Long.valueOf(0).equals(Scripts.APPEND.run(redis.commands(), keys, args))) {
                lease.lost();
            }
            if (publishFailureReported.compareAndSet(true, false)) {
                LOG.info("Publishing prices to Redis again");
            }
        } catch (JedisException e) {
            if (publishFailureReported.compareAndSet(false, true)) {
                LOG.warning(() -> "Prices cannot be published to Redis (" + e.getMessage() + "); they are dropped until it answers");
            }
        }
    }

    @Override
    public void subscribe(FlightId flight) {
        subscribed.add(flight);
        // Whatever was delivered before an earlier unsubscribe says nothing of where the stream is now.
        delivered.remove(flight);
        redis.subscribe(QUOTES + flight, SUBSCRIBE_WAIT);
    }

    @Override
    public void unsubscribe(FlightId flight) {
        subscribed.remove(flight);
        redis.unsubscribe(QUOTES + flight);
        delivered.remove(flight);
    }

    /** Empty when the flight has no stream, or Redis cannot be asked. */
    @Override
    public Optional<Quote> latest(FlightId flight) {
        try {
            String quote = redis.commands().hget(HEAD + flight, "quote");
            return quote == null ? Optional.empty() : Optional.of(QuoteFormat.parse(quote));
        } catch (JedisException e) {
            LOG.log(Level.FINE, "Reading the latest quote of " + flight + " failed", e);
            return Optional.empty();
        }
    }

    /** Empty as well when Redis cannot be asked. */
    @Override
    public Optional<List<Quote>> after(FlightId flight, StreamPosition position) {
        try {
            List<String> head = redis.commands().hmget(HEAD + flight, "epoch", "seq");
            if (head.get(0) == null || !head.get(0).equals(position.epoch())) {
                return Optional.empty();
            }
            long latestSeq = Long.parseLong(head.get(1));
            if (position.seq() > latestSeq) {
                return Optional.empty();
            }
            List<Quote> missed = history(flight, position.seq() + 1);
            if (!missed.isEmpty() && (missed.get(0).seq() != position.seq() + 1 || !missed.get(0).epoch().equals(position.epoch()))) {
                return Optional.empty(); // The first quote after the position is forgotten already.
            }
            if (missed.isEmpty() && position.seq() < latestSeq) {
                return Optional.empty();
            }
            return Optional.of(missed);
        } catch (JedisException | IllegalArgumentException e) {
            LOG.log(Level.FINE, "Reading the history of " + flight + " failed", e);
            return Optional.empty();
        }
    }

    /** The flight's kept quotes from {@code fromSeq} on, oldest first. */
    private List<Quote> history(FlightId flight, long fromSeq) {
        List<StreamEntry> entries = redis.commands().xrange(HISTORY + flight, "0-" + (fromSeq + 1), "+");
        List<Quote> quotes = new ArrayList<>(entries.size());
        entries.forEach(entry -> quotes.add(QuoteFormat.parse(entry.getFields().get("q"))));
        return quotes;
    }

    @Override
    public void remove(FlightId flight) {
        if (!lease.held()) {
            return;
        }
        try {
            Scripts.REMOVE.run(redis.commands(), List.of(MarketLease.KEY, HEAD + flight, HISTORY + flight), List.of(lease.token()));
        } catch (JedisException e) {
            LOG.log(Level.WARNING, "Removing the stream of " + flight + " from Redis failed", e);
        }
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public boolean connected() {
        return redis.isConnected();
    }

    /** What this bus takes from the subscriber connection: the quotes channels, and the connection coming and going. */
    public RedisLink.Listener arrivals() {
        return arrivals;
    }

    /** What the subscriber connection tells, on the Redis reader thread: handed on at once. */
    private final class Arrivals implements RedisLink.Listener {

        @Override
        public void message(String channel, String text) {
            try {
                inbox.add(QuoteFormat.parse(text));
            } catch (RuntimeException e) {
                LOG.warning(() -> "Ignored a message on " + channel + " that is not a quote: " + e.getMessage());
                return;
            }
            drainSoon();
        }

        @Override
        public void connected() {
            // Quotes published while this node was away are in the streams: the latest of each subscribed
            // flight goes through delivery, which fills the hole before it from the history.
            try {
                scheduler.execute(RedisPriceBus.this::catchUp);
            } catch (RejectedExecutionException stopping) {
                // The node is stopping.
            }
        }

        @Override
        public void disconnected() {
            LOG.warning("Lost the connection to Redis: prices pause until it is back; sessions stay open");
        }
    }

    private void catchUp() {
        for (FlightId flight : List.copyOf(subscribed)) {
            latest(flight).ifPresent(inbox::add);
        }
        drainSoon();
    }

    private void drainSoon() {
        if (draining.compareAndSet(false, true)) {
            try {
                scheduler.execute(this::drain);
            } catch (RejectedExecutionException stopping) {
                draining.set(false);
            }
        }
    }

    /** Delivers what arrived, each flight in seq order, at most one quote per flight and call. */
    private void drain() {
        try {
            while (true) {
                List<Quote> arrived = new ArrayList<>();
                for (Quote quote = inbox.poll(); quote != null; quote = inbox.poll()) {
                    arrived.add(quote);
                }
                if (arrived.isEmpty()) {
                    return;
                }
                deliver(arrived);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Delivering quotes from Redis failed", e);
        } finally {
            draining.set(false);
            if (!inbox.isEmpty()) {
                drainSoon();
            }
        }
    }

    private void deliver(List<Quote> arrived) {
        // Rounds, so that no call carries two quotes of one flight and each flight's go in order.
        List<List<Quote>> rounds = new ArrayList<>();
        Map<FlightId, Integer> nextRound = new HashMap<>();
        for (Quote quote : arrived) {
            for (Quote next : inOrder(quote)) {
                int round = nextRound.merge(next.flightId(), 1, Integer::sum) - 1;
                while (rounds.size() <= round) {
                    rounds.add(new ArrayList<>());
                }
                rounds.get(round).add(next);
            }
        }
        QuoteListener current = listener;
        if (current != null && !closed) {
            rounds.forEach(current::delivered);
        }
    }

    /** The quote, after the quotes between it and the last delivered of its flight; nothing if it is not news. */
    private List<Quote> inOrder(Quote quote) {
        if (!subscribed.contains(quote.flightId())) {
            return List.of(); // Arrived after the unsubscribe: nobody here wants it.
        }
        StreamPosition last = delivered.get(quote.flightId());
        if (last != null && last.epoch().equals(quote.epoch()) && quote.seq() <= last.seq()) {
            return List.of();
        }
        List<Quote> quotes = new ArrayList<>(1);
        if (last != null && last.epoch().equals(quote.epoch()) && quote.seq() > last.seq() + 1) {
            try {
                for (Quote missed : history(quote.flightId(), last.seq() + 1)) {
                    if (missed.epoch().equals(quote.epoch()) && missed.seq() < quote.seq()) {
                        quotes.add(missed);
                    }
                }
            } catch (JedisException e) {
                LOG.log(Level.FINE, "Filling a hole in " + quote.flightId() + " from Redis failed", e);
            }
        }
        quotes.add(quote);
        delivered.put(quote.flightId(), quote.position());
        return quotes;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listener = null;
        renewal.cancel(false);
        lease.release(redis.commands());
    }
}
