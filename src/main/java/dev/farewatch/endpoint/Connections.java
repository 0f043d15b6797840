package dev.farewatch.endpoint;

import dev.farewatch.config.Limits;
import jakarta.websocket.CloseReason;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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

    public Connections(Limits limits) {
        this.limits = limits;
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
     * Closes every connection and forgets it, with its subscriptions, even where the container then
     * never reports the close: WildFly does not for some sessions it closes itself while undeploying.
     */
    public void closeAll(CloseReason reason) {
        open.values().forEach(connection -> connection.close(reason));
    }
}
