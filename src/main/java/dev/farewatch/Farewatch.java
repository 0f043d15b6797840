package dev.farewatch;

import dev.farewatch.admission.OriginPolicy;
import dev.farewatch.bus.InMemoryPriceBus;
import dev.farewatch.bus.PriceBus;
import dev.farewatch.bus.redis.RedisPriceBus;
import dev.farewatch.config.FarewatchConfig;
import dev.farewatch.conversation.Conversations;
import dev.farewatch.endpoint.Connections;
import dev.farewatch.endpoint.StreamService;
import dev.farewatch.fanout.Fanout;
import dev.farewatch.flight.FlightCatalog;
import dev.farewatch.flight.FlightId;
import dev.farewatch.flight.Timetable;
import dev.farewatch.history.PriceHistory;
import dev.farewatch.ingest.HttpApi;
import dev.farewatch.ingest.IngestApi;
import dev.farewatch.listing.InMemoryListings;
import dev.farewatch.listing.Listings;
import dev.farewatch.listing.Shelf;
import dev.farewatch.listing.Timekeeper;
import dev.farewatch.listing.redis.RedisListings;
import dev.farewatch.market.FiledFares;
import dev.farewatch.market.PriceSource;
import dev.farewatch.market.SimulatedFareMarket;
import dev.farewatch.monitoring.MonitoringApi;
import dev.farewatch.monitoring.NodeHealth;
import dev.farewatch.monitoring.NodeMetrics;
import dev.farewatch.protocol.MessageCodec;
import dev.farewatch.protocol.ServerMessage;
import dev.farewatch.redis.RedisLink;
import dev.farewatch.ticker.PriceTicker;
import dev.farewatch.wire.Transports;
import jakarta.websocket.CloseReason;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One running Farewatch node, put together from its parts: the catalog and the market, changed through
 * the listings and kept to the calendar; the ticker publishing the market's prices to the price bus;
 * the fan-out delivering the bus's quotes to this node's connections; the ingest API; and the sweep
 * that looks over the connections and the calendar once a second. Started by the
 * container's listener or the embedded server, on the scheduler they give it. Thread-safe: built
 * whole before it is installed, then only started and stopped.
 */
public final class Farewatch {

    private static final Logger LOG = Logger.getLogger(Farewatch.class.getName());
    private static final String VERSION = readVersion();
    /** The close reason of a draining node: the client library reads 1001 as "reconnect now", with a little jitter. */
    public static final String DRAINING = "Draining: reconnect now";

    private final Host host;
    private final String nodeId;
    private final FlightCatalog catalog = new FlightCatalog(List.of());
    private final PriceBus bus;
    private final MessageCodec codec = new MessageCodec();
    private final Fanout fanout;
    private final Listings listings;
    private final Timekeeper timekeeper;
    private final IngestApi api;
    private final PriceTicker ticker;
    private final Connections connections;
    private final StreamService stream;
    private final RedisLink redis;
    private final NodeHealth health;
    private final NodeMetrics metrics;
    private final MonitoringApi httpApi;
    private final Duration drain;
    private ScheduledFuture<?> sweep;

    private Farewatch(FarewatchConfig config, ScheduledExecutorService scheduler, ThreadFactory threads, Host host) {
        this.host = host;
        this.nodeId = config.nodeId();
        PriceSource prices = config.market() == FarewatchConfig.Market.SIMULATED
                ? new SimulatedFareMarket(config.seed()) : new FiledFares();
        Shelf shelf = new Shelf(catalog, prices, this::left);
        if (config.redis().isPresent()) {
            this.redis = new RedisLink(config.redis().get(), "farewatch-" + config.nodeId(), List.of(RedisListings.CHANNEL), threads);
            RedisPriceBus redisBus = new RedisPriceBus(redis, config.nodeId(), config.historySeconds(), scheduler);
            RedisListings redisListings = new RedisListings(redis, shelf, codec, scheduler);
            this.bus = redisBus;
            this.listings = redisListings;
            redis.start(RedisLink.Listener.byPrefix(Map.of(
                    RedisPriceBus.QUOTES, redisBus.arrivals(),
                    RedisListings.CHANNEL, redisListings.arrivals())));
        } else {
            this.redis = null;
            this.bus = new InMemoryPriceBus(config.historySeconds());
            this.listings = new InMemoryListings(shelf, System::currentTimeMillis);
        }
        this.timekeeper = new Timekeeper(listings, catalog, config.market() == FarewatchConfig.Market.SIMULATED
                ? day -> Timetable.flightsOn(config.seed(), day, config.datesPerRoute()) : null);
        // A resume may replay a whole history, and at least a thousand prices across a connection's follows.
        this.health = new NodeHealth(nodeId, bus.kind(), bus::connected, System::nanoTime);
        // The gauges read the node's parts when scraped, by then all made.
        this.metrics = new NodeMetrics(new NodeMetrics.Gauges(this::sessions, this::followedFlights, bus::connected));
        this.fanout = new Fanout(bus, codec, config.limits().maxSubscriptions(), Math.max(1_000, config.historySeconds()),
                scheduler, System::nanoTime, metrics::turn);
        this.ticker = new PriceTicker(catalog, prices, bus);
        this.connections = new Connections(config.limits(), metrics::closed);
        Conversations conversations = new Conversations(fanout, catalog,
                new PriceHistory(prices, listings, bus), codec, this::info, System::currentTimeMillis);
        this.api = new IngestApi(config.apiToken(), catalog, listings, bus, codec, conversations::catalogJson, Clock.systemUTC(),
                receipt -> {
                    metrics.faresAccepted(receipt.accepted());
                    receipt.rejected().forEach(rejection -> metrics.fareRejected(rejection.code()));
                });
        this.httpApi = new MonitoringApi(health, metrics, config.metricsAllow(), api);
        this.drain = config.drain();
        this.stream = new StreamService(conversations, connections,
                new OriginPolicy(config.allowedOrigins(), config.allowMissingOrigin()), config.limits(),
                new Transports(config.frames() == FarewatchConfig.Frames.SHARED), host.deployed(), config.trustedProxies());
    }

    /**
     * Starts a node, ticking on the given scheduler, and installs its stream for the container's
     * endpoints. Its bus and listings are Redis when one is configured, shared with the cluster's
     * other nodes, and else in memory; its prices come from the simulated market or, with
     * {@code FAREWATCH_MARKET=none}, only from the ingest API.
     *
     * @param threads makes the threads a Redis link reads and writes on: the container's managed thread
     *                factory when deployed
     * @throws IllegalStateException if a node already runs in this deployment
     */
    public static Farewatch start(FarewatchConfig config, ScheduledExecutorService scheduler, ThreadFactory threads,
                                  Host host) {
        Farewatch farewatch = new Farewatch(config, scheduler, threads, host);
        farewatch.listings.load();
        farewatch.timekeeper.keep(Instant.now());
        farewatch.stream.install();
        farewatch.bus.start(farewatch.fanout);
        farewatch.ticker.start(scheduler, System::currentTimeMillis);
        farewatch.sweep = scheduler.scheduleWithFixedDelay(farewatch::sweep, 1, 1, TimeUnit.SECONDS);
        farewatch.health.serving();
        LOG.info(() -> "Farewatch " + VERSION + " started on " + host.server() + ": " + farewatch.catalog.size()
                + " flights, " + config.market().name().toLowerCase(Locale.ROOT) + " market"
                + (config.market() == FarewatchConfig.Market.SIMULATED ? " (seed " + config.seed() + ")" : "")
                + ", " + host.schedulerName() + " scheduler, node " + config.nodeId()
                + ", " + farewatch.bus.kind() + " bus" + config.redis().map(redis -> " at " + redis).orElse("")
                + ", ingest API " + (config.apiToken().isPresent() ? "on" : "off (no FAREWATCH_API_TOKEN)"));
        return farewatch;
    }

    private void left(FlightId flight, Shelf.Removal why) {
        fanout.retire(new ServerMessage.Unsubscribed(flight,
                why == Shelf.Removal.DEPARTED ? ServerMessage.Unsubscribed.DEPARTED : ServerMessage.Unsubscribed.REMOVED));
    }

    /**
     * Drains the node, then stops it: it turns not ready at once, so that load balancers send it no
     * one new, refuses new connections, and closes its connections with 1001 and {@link #DRAINING}
     * spread over the drain time (prices flow to the others meanwhile), so that the other nodes are
     * not handed them all in one instant. Then the ticker stops and what is left is closed.
     */
    public void stop() {
        health.draining();
        stream.uninstall();
        connections.drain(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, DRAINING), drain);
        ticker.stop();
        sweep.cancel(false);
        connections.closeAll(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, DRAINING));
        httpApi.close();
        api.close();
        bus.close();
        listings.close();
        if (redis != null) {
            redis.close();
        }
        codec.close();
        LOG.info("Farewatch stopped");
    }

    private void sweep() {
        health.swept();
        // An exception escaping a periodic task would cancel every later sweep.
        try {
            connections.sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Connection sweep failed", e);
        }
        try {
            timekeeper.keep(Instant.now());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Keeping the catalog to the calendar failed", e);
        }
    }

    public FlightCatalog catalog() {
        return catalog;
    }

    public Fanout fanout() {
        return fanout;
    }

    public Connections connections() {
        return connections;
    }

    /** The HTTP API, for the container's servlet or the embedded server's handler to serve. */
    public IngestApi api() {
        return api;
    }

    /** Everything under {@code /api}: health and metrics, then the ingest API. */
    public HttpApi httpApi() {
        return httpApi;
    }

    public NodeHealth health() {
        return health;
    }

    private int sessions() {
        return connections.count();
    }

    private int followedFlights() {
        return fanout.followedFlights();
    }

    /** What this node runs on and how busy it is, for the {@code info} message. */
    public ServerMessage.Info info() {
        return new ServerMessage.Info(host.server(), VERSION, host.schedulerName(),
                connections.count(), fanout.followedFlights(), nodeId, bus.kind(), bus.connected(), null);
    }

    private static String readVersion() {
        try (InputStream in = Farewatch.class.getResourceAsStream("farewatch.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
