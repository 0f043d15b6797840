package dev.farewatch.admission;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which browser pages may open the price stream: the server's own origin, any page on this machine
 * (localhost, 127.0.0.1, [::1], any port), and the configured origins, each matched exactly. A page on
 * any other site cannot open a WebSocket in its visitor's name. Immutable.
 *
 * @param allowed       extra origins, as browsers send them: {@code https://fares.example.com}
 * @param allowMissing  whether a handshake without an Origin header is accepted: browsers always send
 *                      one, so its absence means a non-browser client, which cross-site hijacking cannot use
 */
public record OriginPolicy(List<String> allowed, boolean allowMissing) {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    public OriginPolicy {
        allowed = allowed.stream().map(OriginPolicy::normalize).toList();
    }

    /**
     * @param origin  the handshake's Origin header, or null
     * @param ownHost the handshake's Host header (the server's own authority), or null where unknown
     */
    public boolean allows(String origin, String ownHost) {
        if (origin == null || origin.isBlank()) {
            return allowMissing;
        }
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String authority = uri.getRawAuthority().toLowerCase(Locale.ROOT);
        return LOOPBACK.contains(host)
                || ownHost != null && authority.equals(ownHost.strip().toLowerCase(Locale.ROOT))
                || allowed.contains(normalize(origin));
    }

    private static String normalize(String origin) {
        String trimmed = origin.strip().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
