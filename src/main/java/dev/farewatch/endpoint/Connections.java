package dev.farewatch.endpoint;

import dev.farewatch.config.Limits;
import jakarta.websocket.CloseReason;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open connections: who gets in under the connection caps, the once-a-second check for idle, slow
 * and dead ones, and the goodbye at shutdown. Thread-safe.
 */
public final class Connections {

    private static final Logger LOG = Logger.getLogger(Connections.class.getName());

    private final Limits limits;
    /** By session id, which the runtime's frame hook knows a connection by. */
    private final Map<String, Connection> open = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final Closes closeCodes;

    /** Told of every connection that ends, once each. */
    @FunctionalInterface
    public interface Closes {
        /** @param byServer whether the server closed it (with that code), rather than the client */
        void ended(int code, boolean byServer);
    }

    public Connections(Limits limits) {
        this(limits, (code, byServer) -> { });
    }

    public Connections(Limits limits, Closes closeCodes) {
        this.limits = limits;
        this.closeCodes = closeCodes;
    }

    /** @return why the connection is refused, or null when it is let in */
    String admit(Connection connection) {
        if (count.incrementAndGet() > limits.maxConnections()) {
            count.decrementAndGet();
            return "Server full: " + limits.maxConnections() + " connections";
        }
        boolean[] admitted = {false};
        perAddress.compute(connection.remoteAddress(), (address, n) -> {
            int current = n == null ? 0 : n;
            admitted[0] = current < limits.maxConnectionsPerAddress();
            return admitted[0] ? current + 1 : n;
        });
        if (!admitted[0]) {
            count.decrementAndGet();
            return "Too many connections from your address: " + limits.maxConnectionsPerAddress();
        }
        open.put(connection.sessionId(), connection);
        return null;
    }

    /** A connection ended with this close code. */
    void ended(int closeCode, boolean byServer) {
        closeCodes.ended(closeCode, byServer);
    }

    void remove(Connection connection) {
        if (open.remove(connection.sessionId(), connection)) {
            count.decrementAndGet();
            perAddress.computeIfPresent(connection.remoteAddress(), (address, n) -> n > 1 ? n - 1 : null);
        }
    }

    public int count() {
        return open.size();
    }

    /** The open connection of this session, or null. */
    Connection bySession(String sessionId) {
        return open.get(sessionId);
    }

    /** Closes connections that follow nothing, stopped reading or stopped answering pings; pings the rest. */
    public void sweep() {
        long now = System.nanoTime();
        for (Connection connection : open.values()) {
            try {
                connection.check(now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Checking a connection failed", e);
            }
        }
    }

    /**
     * Closes every connection, one after another spread evenly over {@code over}, so that its clients
     * reconnect to the other nodes of a cluster a few at a time rather than all at once. Blocks meanwhile.
     */
    public void drain(CloseReason reason, Duration over) {
        List<Connection> all = new ArrayList<>(open.values());
        long start = System.nanoTime();
        for (int i = 0; i < all.size(); i++) {
            long wait = start + over.toNanos() * (i + 1) / all.size() - System.nanoTime();
            // Closes due within a millisecond go together: parking is coarser than that anyway.
            if (wait > 1_000_000) {
                LockSupport.parkNanos(wait);
            }
            all.get(i).close(reason);
        }
        if (!all.isEmpty()) {
            LOG.info(() -> "Drained " + all.size() + " connections over " + over.toMillis() + " ms");
        }
    }

    /**
     * Closes every connection and forgets it, with its subscriptions, even where the container then
     * never reports the close: WildFly does not for some sessions it closes itself while undeploying.
     */
    public void closeAll(CloseReason reason) {
        open.values().forEach(connection -> connection.close(reason));
    }
}
