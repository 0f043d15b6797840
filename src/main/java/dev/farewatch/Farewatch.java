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
import dev.farewatch.flight.Timetable;
import dev.farewatch.market.PriceSource;
import dev.farewatch.market.SimulatedFareMarket;
import dev.farewatch.protocol.MessageCodec;
import dev.farewatch.protocol.ServerMessage;
import dev.farewatch.ticker.PriceTicker;
import jakarta.websocket.CloseReason;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One running Farewatch node, put together from its parts: the catalog, the simulated market and its
 * ticker publishing to the price bus, the fan-out delivering the bus's quotes to this node's
 * connections, and the sweep that looks over those connections once a second. Started by the
 * container's listener or the embedded server, on the scheduler they give it. Thread-safe: built
 * whole before it is installed, then only started and stopped.
 */
public final class Farewatch {

    private static final Logger LOG = Logger.getLogger(Farewatch.class.getName());
    private static final String VERSION = readVersion();

    private final Host host;
    private final String nodeId;
    private final FlightCatalog catalog;
    private final PriceBus bus;
    private final MessageCodec codec = new MessageCodec();
    private final Fanout fanout;
    private final PriceTicker ticker;
    private final Connections connections;
    private final StreamService stream;
    private ScheduledFuture<?> sweep;

    private Farewatch(FarewatchConfig config, ScheduledExecutorService scheduler, Host host, FlightCatalog catalog,
                      PriceSource prices, PriceBus bus) {
        this.host = host;
        this.catalog = catalog;
        this.bus = bus;
        this.nodeId = config.nodeId();
        // A resume may replay a whole history, and at least a thousand prices across a connection's follows.
        this.fanout = new Fanout(bus, codec, config.limits().maxSubscriptions(), Math.max(1_000, config.historySeconds()),
                scheduler, System::nanoTime);
        this.ticker = new PriceTicker(catalog, prices, bus);
        this.connections = new Connections(config.limits());
        Conversations conversations = new Conversations(fanout, catalog, codec, this::info, System::currentTimeMillis);
        this.stream = new StreamService(conversations, connections,
                new OriginPolicy(config.allowedOrigins(), config.allowMissingOrigin()), config.limits(), host.deployed());
    }

    /**
     * Starts a node of the simulated fare market, ticking on the given scheduler, and installs its
     * stream for the container's endpoints. Its bus is Redis when one is configured, shared with the
     * cluster's other nodes, and else in memory.
     *
     * @param threads makes the threads a Redis bus reads and writes on: the container's managed thread
     *                factory when deployed
     * @throws IllegalStateException if a node already runs in this deployment
     */
    public static Farewatch start(FarewatchConfig config, ScheduledExecutorService scheduler, ThreadFactory threads,
                                  Host host) {
        FlightCatalog catalog = Timetable.generate(config.seed(), LocalDate.now(ZoneOffset.UTC), config.datesPerRoute());
        PriceBus bus = config.redis()
                .<PriceBus>map(redis -> new RedisPriceBus(redis, config.nodeId(), config.historySeconds(), scheduler, threads))
                .orElseGet(() -> new InMemoryPriceBus(config.historySeconds()));
        Farewatch farewatch = new Farewatch(config, scheduler, host, catalog, new SimulatedFareMarket(config.seed()), bus);
        farewatch.stream.install();
        farewatch.bus.start(farewatch.fanout);
        farewatch.ticker.start(scheduler, System::currentTimeMillis);
        farewatch.sweep = scheduler.scheduleWithFixedDelay(farewatch::sweep, 1, 1, TimeUnit.SECONDS);
        LOG.info(() -> "Farewatch " + VERSION + " started on " + host.server() + ": " + catalog.size()
                + " flights, seed " + config.seed() + ", " + host.schedulerName() + " scheduler, node " + config.nodeId()
                + ", " + farewatch.bus.kind() + " bus" + config.redis().map(redis -> " at " + redis).orElse(""));
        return farewatch;
    }

    /** Stops the ticker and closes every connection with 1001 (going away). */
    public void stop() {
        stream.uninstall();
        ticker.stop();
        sweep.cancel(false);
        connections.closeAll(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Server shutting down"));
        bus.close();
        codec.close();
        LOG.info("Farewatch stopped");
    }

    private void sweep() {
        // An exception escaping a periodic task would cancel every later sweep.
        try {
            connections.sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Connection sweep failed", e);
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

    /** What this node runs on and how busy it is, for the {@code info} message. */
    public ServerMessage.Info info() {
        return new ServerMessage.Info(host.server(), VERSION, host.schedulerName(),
                connections.count(), fanout.followedFlights(), nodeId, bus.kind(), bus.connected());
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
