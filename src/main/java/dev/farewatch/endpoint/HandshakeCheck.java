package dev.farewatch.endpoint;

import dev.farewatch.admission.ClientAddress;
import dev.farewatch.admission.Handshake;
import dev.farewatch.config.AddressRanges;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;

/**
 * Vets each WebSocket handshake: the Origin (embedded; deployed, {@link HandshakeFilter} has already
 * answered a foreign one with 403, knowing the server's own origin from the Host header) and, for
 * every target, the origin and client address each connection is logged and counted by.
 */
public class HandshakeCheck extends ServerEndpointConfig.Configurator {

    /** Set by {@link HandshakeFilter}, the only way to learn the client's address on WildFly. */
    static final String REMOTE_ADDRESS_HEADER = "X-Farewatch-Remote-Address";

    @Override
    public boolean checkOrigin(String origin) {
        StreamService stream = StreamService.installed();
        // Not running: the connection is refused with 1013 once open. Deployed: the filter decided.
        return stream == null || stream.deployed() || stream.origins().allows(origin, null);
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        String origin = first(request, "Origin");
        StreamService stream = StreamService.installed();
        AddressRanges trusted = stream == null ? AddressRanges.NONE : stream.trustedProxies();
        String client = ClientAddress.of(peerAddress(request), all(request, "X-Forwarded-For"), trusted);
        new Handshake(origin == null ? "-" : origin, client).storeIn(config.getUserProperties());
    }

    private static String peerAddress(HandshakeRequest request) {
        // Tyrus (embedded and in Payara) knows the address; a client cannot forge it there.
        try {
            Object address = request.getClass().getMethod("getRemoteAddr").invoke(request);
            if (address instanceof String text && !text.isBlank()) {
                return text;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not Tyrus: fall through to what the filter recorded.
        }
        String recorded = first(request, REMOTE_ADDRESS_HEADER);
        return recorded == null ? Handshake.UNKNOWN.remoteAddress() : recorded;
    }

    private static List<String> all(HandshakeRequest request, String header) {
        for (var entry : request.getHeaders().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(header)) {
                return entry.getValue() == null ? List.of() : entry.getValue();
            }
        }
        return List.of();
    }

    private static String first(HandshakeRequest request, String header) {
        List<String> values = all(request, header);
        return values.isEmpty() ? null : values.get(0);
    }
}
