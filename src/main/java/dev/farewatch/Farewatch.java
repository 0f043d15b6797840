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
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One running Farewatch: its prices, its subscriptions, its ticker and its open connections.
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
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final String catalogJson;

    private Farewatch(FarewatchConfig config, Host host, PriceSource prices) {
        this.config = config;
        this.host = host;
        this.prices = prices;
        this.subscriptions = new SubscriptionRegistry<>(config.maxSubscriptions());
        this.ticker = new PriceTicker(prices, subscriptions, codec);
        this.catalogJson = codec.encode(new ServerMessage.Flights(prices.catalog().flights()));
    }

    /** Starts the simulated fare market ticking on the given scheduler and makes it the running instance. */
    public static synchronized Farewatch start(FarewatchConfig config, ScheduledExecutorService scheduler, Host host) {
        if (running != null) {
            throw new IllegalStateException("Farewatch is already running");
        }
        PriceSource market = new SimulatedFareMarket(
                Timetable.generate(config.seed(), LocalDate.now(ZoneOffset.UTC)), config.seed());
        Farewatch farewatch = new Farewatch(config, host, market);
        farewatch.ticker.start(scheduler);
        running = farewatch;
        LOG.info(() -> "Farewatch " + VERSION + " started on " + host.server() + ": " + market.catalog().size()
                + " flights, seed " + config.seed() + ", " + host.scheduler().name().toLowerCase(Locale.ROOT) + " scheduler");
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
        CloseReason goingAway = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Server shutting down");
        for (Session session : sessions) {
            try {
                session.close(goingAway);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "Session " + session.getId() + " was already gone", e);
            }
        }
        codec.close();
        LOG.info("Farewatch stopped");
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

    /** The open WebSocket sessions, for shutdown and for operators. */
    public Set<Session> sessions() {
        return sessions;
    }

    /** What this node runs on and how busy it is, for the {@code info} message. */
    public ServerMessage.Info info() {
        return new ServerMessage.Info(host.server(), VERSION, host.scheduler().name().toLowerCase(Locale.ROOT),
                sessions.size(), subscriptions.followedFlights().size());
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
