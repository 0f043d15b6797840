package dev.farewatch.bus.redis;

import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Duration;
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
    }

    private final RedisAddress address;
    private final JedisClientConfig clientConfig;
    private final RedisClient commands;
    private final Listener listener;
    private final Set<String> wanted = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, CompletableFuture<Void>> confirmations = new ConcurrentHashMap<>();
    private final ScheduledExecutorService writer;
    private final Thread reader;
    private volatile Connection subscriberConnection;
    private volatile JedisPubSub subscriber;
    private volatile boolean running = true;
    /** Whether this outage was logged: once is enough. Touched by the reader thread only. */
    private boolean reported;

    /** @param threads makes the reader and writer threads: the container's managed thread factory when deployed */
    public RedisLink(RedisAddress address, String clientName, Listener listener, ThreadFactory threads) {
        this.address = address;
        this.listener = listener;
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
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(8);
        pool.setMaxWait(Duration.ofMillis(TIMEOUT_MILLIS));
        this.commands = RedisClient.builder().hostAndPort(hostAndPort()).clientConfig(clientConfig).poolConfig(pool).build();
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
        try {
            writer.execute(() -> writeNow(command));
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
            try (Connection connection = new Connection(hostAndPort(), clientConfig)) {
                subscriberConnection = connection;
                new Subscriber().proceed(connection, CONTROL);
            } catch (JedisException | IllegalStateException e) {
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

    /** The callbacks of one subscriber connection, on the reader thread. */
    private final class Subscriber extends JedisPubSub {

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            if (CONTROL.equals(channel)) {
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
    public void close() {
        running = false;
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
