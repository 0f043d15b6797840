package dev.farewatch.redis;

import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A node's connections to Redis: a small pool for commands, each bounded by a timeout, and one
 * subscriber connection read by a thread of its own, which comes back by itself after Redis went
 * away and subscribes again to every channel wanted. Messages are handed to the listener on that
 * thread, which must not block. While Redis is away commands fail at once and nothing is queued.
 * Thread-safe: every write to the subscriber connection goes through one writer thread.
 */
public final class RedisLink implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisLink.class.getName());
    /** Always subscribed, so that the subscriber connection has a channel even when no flight is wanted. */
    private static final String CONTROL = "farewatch:control";
    private static final int TIMEOUT_MILLIS = 2_000;
    /** A ping this often keeps the subscriber connection talking, so that its read timeout means a dead link. */
    private static final long PING_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 3 * (int) PING_MILLIS;
    private static final long MAX_BACKOFF_MILLIS = 2_000;

    /** What the subscriber connection tells. */
    public interface Listener {

        /** A message on a wanted channel, on the subscriber thread: hand it on, do not block. */
        void message(String channel, String text);

        /** The subscriber connection is up, and every wanted channel is being subscribed again. */
        void connected();

        /** The subscriber connection went down; it will be tried again. */
        void disconnected();

        /**
         * Hands each message to the listener of the first prefix its channel starts with, and tells
         * every listener of the connection coming and going, in the order given.
         */
        static Listener byPrefix(Map<String, Listener> listeners) {
            Map<String, Listener> routes = new LinkedHashMap<>(listeners);
            return new Listener() {
                @Override
                public void message(String channel, String text) {
                    for (Map.Entry<String, Listener> route : routes.entrySet()) {
                        if (channel.startsWith(route.getKey())) {
                            route.getValue().message(channel, text);
                            return;
                        }
                    }
                }

                @Override
                public void connected() {
                    routes.values().forEach(Listener::connected);
                }

                @Override
                public void disconnected() {
                    routes.values().forEach(Listener::disconnected);
                }
            };
        }
    }

    private final RedisAddress address;
    private final JedisClientConfig clientConfig;
    private final JedisClientConfig subscriberConfig;
    private final RedisClient commands;
    private final ThreadFactory threads;
    private final String[] standing;
    private volatile Listener listener;
    private final Set<String> wanted = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, CompletableFuture<Void>> confirmations = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService writer;
    private Thread reader;
    private volatile Connection subscriberConnection;
    private volatile JedisPubSub subscriber;
    private volatile boolean running = true;
    /** Whether this outage was logged: once is enough. Touched by the reader thread only. */
    private boolean reported;

    /**
     * Ready for commands; the subscriber connection opens on {@link #start}.
     *
     * @param standing channels always subscribed, whatever else is wanted
     * @param threads  makes the reader and writer threads: the container's managed thread factory when deployed
     */
    public RedisLink(RedisAddress address, String clientName, List<String> standing, ThreadFactory threads) {
        this.address = address;
        this.threads = threads;
        this.standing = standing.toArray(new String[0]);
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS)
                .socketTimeoutMillis(TIMEOUT_MILLIS)
                .blockingSocketTimeoutMillis(READ_TIMEOUT_MILLIS)
                .database(address.database())
                .clientName(clientName);
        if (address.password() != null) {
            config.user(address.user()).password(address.password());
        }
        if (address.tls()) {
            config.sslOptions(SslOptions.defaults());
        }
        this.clientConfig = config.build();
        // RESP2 on the subscriber connection: under RESP3 (Jedis' default) Redis answers a subscriber's PING
        // with a plain +PONG, which Jedis matches to a handler queued by the pinging thread; the reader
        // thread can read the answer before that thread has queued it, and Jedis then drops the connection
        // ("Unexpected message : PONG"). In RESP2 the answer is a pub/sub message, read like any other.
        this.subscriberConfig = DefaultJedisClientConfig.builder().from(clientConfig).protocol(RedisProtocol.RESP2).build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(8);
        pool.setMaxWait(Duration.ofMillis(TIMEOUT_MILLIS));
        this.commands = RedisClient.builder().hostAndPort(hostAndPort()).clientConfig(clientConfig).poolConfig(pool).build();
    }

    /** Opens the subscriber connection, handing what it tells to {@code listener} from now on; called once. */
    public synchronized void start(Listener listener) {
        if (this.listener != null) {
            throw new IllegalStateException("already started");
        }
        this.listener = listener;
        this.writer = Executors.newSingleThreadScheduledExecutor(threads);
        writer.scheduleWithFixedDelay(() -> writeNow(JedisPubSub::ping), PING_MILLIS, PING_MILLIS, TimeUnit.MILLISECONDS);
        this.reader = threads.newThread(this::read);
        reader.setName("farewatch-redis-subscriber");
        reader.setDaemon(true);
        reader.start();
    }

    private HostAndPort hostAndPort() {
        return new HostAndPort(address.host(), address.port());
    }

    /** For commands: each fails within a few seconds, at once while Redis is away. */
    public UnifiedJedis commands() {
        return commands;
    }

    /** Whether the subscriber connection is up. */
    public boolean isConnected() {
        return subscriber != null;
    }

    /**
     * Wants the channel's messages from now on, and again after every reconnect. Waits up to
     * {@code wait} for Redis to confirm, so that a message published after this returns is delivered;
     * returns at once while Redis is away.
     */
    public void subscribe(String channel, Duration wait) {
        if (!wanted.add(channel)) {
            return;
        }
        CompletableFuture<Void> confirmed = confirmations.computeIfAbsent(channel, c -> new CompletableFuture<>());
        write(pubsub -> pubsub.subscribe(channel));
        if (isConnected()) {
            try {
                confirmed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.fine(() -> "No confirmation of " + channel + " within " + wait + ": " + e);
            }
        }
    }

    public void unsubscribe(String channel) {
        if (wanted.remove(channel)) {
            confirmations.remove(channel);
            write(pubsub -> pubsub.unsubscribe(channel));
        }
    }

    private void write(Consumer<JedisPubSub> command) {
        ScheduledExecutorService current = writer;
        if (current == null) {
            return; // Not started: everything wanted is subscribed on connecting.
        }
        try {
            current.execute(() -> writeNow(command));
        } catch (RejectedExecutionException closing) {
            // Closed: nothing more is written.
        }
    }

    /** On the writer thread: every write to the subscriber connection, pings included, goes through here. */
    private void writeNow(Consumer<JedisPubSub> command) {
        JedisPubSub pubsub = subscriber;
        if (pubsub == null) {
            return; // Not connected: everything wanted is subscribed again on connecting.
        }
        try {
            command.accept(pubsub);
        } catch (JedisException | IllegalStateException e) {
            LOG.log(Level.FINE, "Writing to Redis' subscriber connection failed; the reader will reconnect", e);
        }
    }

    private void read() {
        long backoff = 0;
        while (running) {
            try (Connection connection = new Connection(hostAndPort(), subscriberConfig)) {
                subscriberConnection = connection;
                new Subscriber().proceed(connection, initialChannels());
            } catch (JedisException | IllegalStateException e) {
                LOG.log(Level.FINE, "Redis' subscriber connection ended", e);
                // A connection that was up and broke is told by the listener; one that never came up, once an outage.
                if (running && !reported && subscriber == null) {
                    LOG.warning(() -> "Redis at " + address + " is unreachable (" + e.getMessage() + "); trying again until it answers");
                }
                reported = true;
            }
            subscriberConnection = null;
            if (subscriber != null) {
                subscriber = null;
                backoff = 0;
                listener.disconnected();
            }
            if (running) {
                backoff = Math.min(Math.max(100, backoff * 2), MAX_BACKOFF_MILLIS);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private String[] initialChannels() {
        String[] channels = new String[1 + standing.length];
        channels[0] = CONTROL;
        System.arraycopy(standing, 0, channels, 1, standing.length);
        return channels;
    }

    private String lastInitialChannel() {
        return standing.length == 0 ? CONTROL : standing[standing.length - 1];
    }

    /** The callbacks of one subscriber connection, on the reader thread. */
    private final class Subscriber extends JedisPubSub {

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            if (channel.equals(lastInitialChannel())) {
                // The standing channels are subscribed with the first command, so that nothing on them is missed from here on.
                subscriber = this;
                reported = false;
                LOG.info(() -> "Connected to Redis at " + address);
                write(pubsub -> {
                    if (!wanted.isEmpty()) {
                        pubsub.subscribe(wanted.toArray(new String[0]));
                    }
                });
                listener.connected();
            } else {
                CompletableFuture<Void> confirmed = confirmations.get(channel);
                if (confirmed != null) {
                    confirmed.complete(null);
                }
            }
        }

        @Override
        public void onMessage(String channel, String text) {
            if (!CONTROL.equals(channel)) {
                listener.message(channel, text);
            }
        }
    }

    /** Stops reading and closes every connection; the reader thread ends within moments. */
    @Override
    public synchronized void close() {
        running = false;
        if (reader == null) {
            commands.close();
            return;
        }
        Connection connection = subscriberConnection;
        if (connection != null) {
            // Closing the socket ends the blocked read at once.
            connection.close();
        }
        writer.shutdownNow();
        reader.interrupt();
        try {
            reader.join(TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commands.close();
    }
}
