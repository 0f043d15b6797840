package dev.farewatch;

import dev.farewatch.config.FarewatchConfig;
import dev.farewatch.flight.Timetable;
import dev.farewatch.market.PriceSource;
import dev.farewatch.market.SimulatedFareMarket;
import dev.farewatch.protocol.MessageCodec;
import dev.farewatch.protocol.ServerMessage;
import dev.farewatch.subscription.Subscriber;
import dev.farewatch.subscription.SubscriptionRegistry;
import dev.farewatch.ticker.PriceTicker;
import dev.farewatch.admission.OriginPolicy;
import dev.farewatch.endpoint.Connections;
import jakarta.websocket.CloseReason;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One running Farewatch: its prices, its subscriptions, its ticker and its open connections, which a
 * sweep looks over once a second.
 * The WebSocket container creates the endpoints, so they find the running instance through
 * {@link #running()}; there is one per deployment (class loader). Thread-safe.
 */
public final class Farewatch {

    private static final Logger LOG = Logger.getLogger(Farewatch.class.getName());
    private static volatile Farewatch running;

    private static final String VERSION = readVersion();

    private final FarewatchConfig config;
    private final Host host;
    private final PriceSource prices;
    private final MessageCodec codec = new MessageCodec();
    private final SubscriptionRegistry<Subscriber> subscriptions;
    private final PriceTicker ticker;
    private final Connections connections;
    private final OriginPolicy origins;
    private final String catalogJson;
    private ScheduledFuture<?> sweep;

    private Farewatch(FarewatchConfig config, Host host, PriceSource prices) {
        this.config = config;
        this.host = host;
        this.prices = prices;
        this.subscriptions = new SubscriptionRegistry<>(config.limits().maxSubscriptions());
        this.connections = new Connections(config.limits());
        this.origins = new OriginPolicy(config.allowedOrigins(), config.allowMissingOrigin());
        this.ticker = new PriceTicker(prices, subscriptions, codec);
        this.catalogJson = codec.encode(new ServerMessage.Flights(prices.catalog().flights()));
    }

    /** Starts the simulated fare market ticking on the given scheduler and makes it the running instance. */
    public static synchronized Farewatch start(FarewatchConfig config, ScheduledExecutorService scheduler, Host host) {
        if (running != null) {
            throw new IllegalStateException("Farewatch is already running");
        }
        PriceSource market = new SimulatedFareMarket(
                Timetable.generate(config.seed(), LocalDate.now(ZoneOffset.UTC), config.datesPerRoute()), config.seed());
        Farewatch farewatch = new Farewatch(config, host, market);
        farewatch.ticker.start(scheduler);
        farewatch.sweep = scheduler.scheduleWithFixedDelay(farewatch::sweep, 1, 1, TimeUnit.SECONDS);
        running = farewatch;
        LOG.info(() -> "Farewatch " + VERSION + " started on " + host.server() + ": " + market.catalog().size()
                + " flights, seed " + config.seed() + ", " + host.schedulerName() + " scheduler");
        return farewatch;
    }

    /** The running instance, or null before {@link #start} and after {@link #stop}. */
    public static Farewatch running() {
        return running;
    }

    /** Stops the ticker and closes every connection with 1001 (going away). */
    public void stop() {
        synchronized (Farewatch.class) {
            if (running == this) {
                running = null;
            }
        }
        ticker.stop();
        sweep.cancel(false);
        connections.closeAll(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Server shutting down"));
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

    public FarewatchConfig config() {
        return config;
    }

    public PriceSource prices() {
        return prices;
    }

    public MessageCodec codec() {
        return codec;
    }

    public SubscriptionRegistry<Subscriber> subscriptions() {
        return subscriptions;
    }

    public Connections connections() {
        return connections;
    }

    public OriginPolicy origins() {
        return origins;
    }

    public Host host() {
        return host;
    }

    /** What this node runs on and how busy it is, for the {@code info} message. */
    public ServerMessage.Info info() {
        return new ServerMessage.Info(host.server(), VERSION, host.schedulerName(),
                connections.count(), subscriptions.followedFlights().size());
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

    /** The {@code flights} message, encoded once: the catalog does not change while running. */
    public String catalogJson() {
        return catalogJson;
    }
}
