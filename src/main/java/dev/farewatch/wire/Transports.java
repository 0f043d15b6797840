package dev.farewatch.wire;

import dev.farewatch.fanout.Transport;
import jakarta.websocket.Session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * How each session's messages leave this node. With shared frames on, a message built once for all
 * followers goes out through the cheapest path the session's runtime offers — Tyrus's raw frame, or
 * Undertow's pre-encoded payload — and through the standard {@code sendText} where neither applies
 * (another runtime, a negotiated extension, a Tyrus built otherwise); with them off, always through
 * {@code sendText}. A runtime's classes are touched only once its session is seen, so the WAR loads
 * on a server that lacks them. Thread-safe: the paths it has announced are a concurrent set.
 */
public final class Transports {

    private static final Logger LOG = Logger.getLogger(Transports.class.getName());
    private static final String TYRUS = "org.glassfish.tyrus.";
    private static final String UNDERTOW = "io.undertow.";

    private final boolean sharedFrames;
    private final Set<String> announced = ConcurrentHashMap.newKeySet();

    /** @param sharedFrames whether to take a runtime's pre-built-frame path where it has one */
    public Transports(boolean sharedFrames) {
        this.sharedFrames = sharedFrames;
    }

    /** The transport for a newly opened session. */
    public Transport of(Session session) {
        if (sharedFrames) {
            Transport direct = directPath(session);
            if (direct != null) {
                return direct;
            }
        }
        announce("the standard sendText");
        return new StandardSend(session.getAsyncRemote());
    }

    private Transport directPath(Session session) {
        String runtime = session.getClass().getName();
        if (runtime.startsWith(TYRUS)) {
            return direct("Tyrus raw frames", () -> TyrusFrameSend.of(session));
        }
        if (runtime.startsWith(UNDERTOW)) {
            return direct("Undertow pre-encoded payloads", () -> UndertowPayloadSend.of(session));
        }
        return null;
    }

    /** @param path names the runtime's classes only inside its body, run here under the catch */
    private Transport direct(String name, Supplier<Transport> path) {
        try {
            Transport transport = path.get();
            if (transport != null) {
                announce(name);
            }
            return transport;
        } catch (LinkageError notVisible) {
            // The runtime's classes are not visible to this application: the standard path it is.
            if (announced.add("unavailable " + name)) {
                LOG.warning("Cannot send " + name + " (" + notVisible + "); sending through the standard sendText");
            }
            return null;
        }
    }

    private void announce(String path) {
        if (announced.add(path)) {
            LOG.info("Sending messages through " + path);
        }
    }
}
