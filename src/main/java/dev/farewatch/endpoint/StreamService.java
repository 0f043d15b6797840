package dev.farewatch.endpoint;

import dev.farewatch.admission.OriginPolicy;
import dev.farewatch.config.AddressRanges;
import dev.farewatch.config.Limits;
import dev.farewatch.conversation.Conversations;
import dev.farewatch.wire.Transports;

/**
 * The running price stream as the container's own objects reach it: the endpoints it creates per
 * connection, their configurator and the handshake filter. The container makes those, so they cannot
 * be handed their collaborators; this is the one place they find them, installed by whoever starts
 * the node and removed when it stops. Thread-safe: the installed service is immutable and published
 * through a volatile field.
 *
 * @param transports how each connection's messages leave the node
 * @param deployed whether it runs in an application server, where {@link HandshakeFilter} vets origins
 * @param trustedProxies the proxies whose {@code X-Forwarded-For} names the client a connection counts for
 */
public record StreamService(Conversations conversations, Connections connections, OriginPolicy origins, Limits limits,
                            Transports transports, boolean deployed, AddressRanges trustedProxies) {

    private static volatile StreamService installed;

    /** Makes this the running stream, which the container's objects find from now on. */
    public void install() {
        synchronized (StreamService.class) {
            if (installed != null) {
                throw new IllegalStateException("A price stream is already running in this deployment");
            }
            installed = this;
        }
    }

    /** From now on, new connections are refused as the server is stopping. */
    public void uninstall() {
        synchronized (StreamService.class) {
            if (installed == this) {
                installed = null;
            }
        }
    }

    /**
     * Whether a stream is running to take new connections: not while the node starts, nor once it
     * drains. A handshake then is refused with 503, which a proxy retries on another node.
     */
    public static boolean accepting() {
        return installed != null;
    }

    /** The running stream, or null before one is installed and after it is uninstalled. */
    static StreamService installed() {
        return installed;
    }
}
