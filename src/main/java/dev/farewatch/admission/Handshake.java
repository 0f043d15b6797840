package dev.farewatch.admission;

import java.util.Map;

/**
 * What the handshake tells about a connection, kept in its session's user properties (a per-session
 * copy since WebSocket 2.1) from the handshake on. Immutable.
 *
 * @param origin        the Origin header, or {@code "-"} when there was none
 * @param remoteAddress the client's IP address, or {@code "unknown"}
 */
public record Handshake(String origin, String remoteAddress) {

    private static final String KEY = Handshake.class.getName();
    public static final Handshake UNKNOWN = new Handshake("-", "unknown");

    public void storeIn(Map<String, Object> userProperties) {
        userProperties.put(KEY, this);
    }

    public static Handshake of(Map<String, Object> userProperties) {
        return userProperties.get(KEY) instanceof Handshake handshake ? handshake : UNKNOWN;
    }
}
