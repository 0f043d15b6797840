package dev.farewatch.config;

import dev.farewatch.redis.RedisAddress;
import dev.farewatch.flight.Timetable;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Farewatch's settings, each read from a system property ({@code -Dfarewatch.port=9090}) or else an
 * environment variable ({@code FAREWATCH_PORT=9090}) or else its default.
 *
 * @param port               the embedded server's port; 0 picks a free one
 * @param webRoot            the folder the embedded server serves at {@code /}
 * @param seed               seeds the simulated fare market: the same seed gives the same flights and prices
 * @param datesPerRoute      on how many dates of the coming six weeks each route of the simulated
 *                           timetable is flown: the catalog holds this many flights per route
 * @param limits             what one connection, and the server, may use
 * @param allowedOrigins     browser origins allowed beyond the server's own and localhost, exactly as
 *                           browsers send them ({@code https://fares.example.com})
 * @param allowMissingOrigin whether a handshake without an Origin header (not from a browser) is accepted
 * @param host               the address the embedded server binds: {@code 0.0.0.0} (every IPv4 interface, so that
 *                           other machines can reach {@code mvn compile exec:java} as before), {@code 127.0.0.1}
 *                           for this machine only, or one interface's address or name
 * @param requestTimeout     how long an HTTP connection of the embedded server may stay without a complete
 *                           request head (from its opening, or since its last request or answer) before it is
 *                           closed; bytes of an unfinished head do not count. A WebSocket, once upgraded, is no
 *                           longer HTTP: only Farewatch's own liveness rules close it
 * @param historySeconds     how many of each flight's latest prices (one a second) are kept for clients that resume
 * @param nodeId             this node's name, as {@code info} reports it; generated when not set
 * @param redis              the Redis that nodes of a cluster share their price streams through; empty for a
 *                           single node, whose streams stay in memory
 * @param market             where prices come from: the simulated market and its timetable, or only the fares
 *                           filed through the ingest API
 * @param apiToken           the bearer token the ingest API's writes take; empty leaves them switched off
 * @param frames             how a message goes out: built once and shared by all its recipients through the
 *                           runtime's own path where it has one, or through the standard {@code sendText}
 * @param metricsAllow       the peer addresses {@code /api/metrics} answers
 * @param trustedProxies     the proxies whose {@code X-Forwarded-For} names the client a connection is counted for
 * @param drain              how long a stopping node takes to close its connections, spread evenly, so that the
 *                           other nodes are not handed them all at once
 */
public record FarewatchConfig(int port, Path webRoot, long seed, int datesPerRoute, Limits limits, List<String> allowedOrigins,
                              boolean allowMissingOrigin, String host, Duration requestTimeout, int historySeconds,
                              String nodeId, Optional<RedisAddress> redis, Market market, Optional<String> apiToken,
                              Frames frames, AddressRanges metricsAllow, AddressRanges trustedProxies, Duration drain) {

    private static final String NODE_ID = "[A-Za-z0-9._-]{1,64}";
    /** Long enough not to be guessed: 16 characters of a random token carry 80 bits or more. */
    public static final int MIN_API_TOKEN_LENGTH = 16;

    /** Where prices come from. */
    public enum Market {
        /** The simulated fare market, on a simulated timetable that rolls forward every day; filed fares set its prices. */
        SIMULATED,
        /** No simulation: the catalog starts empty, and every flight and price comes from the ingest API. */
        NONE
    }

    /** How a message goes out. */
    public enum Frames {
        /**
         * Built once (UTF-8, and the frame header where the runtime takes whole frames) and the same bytes
         * sent to every recipient: Tyrus's raw frames embedded and in Payara, Undertow's pre-encoded
         * payloads in WildFly; elsewhere, and where an extension was negotiated, the standard path.
         */
        SHARED,
        /** The standard {@code sendText} for every message, encoded and framed by the runtime each time. */
        STANDARD
    }

    public FarewatchConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("farewatch.port must be 0-65535: " + port);
        }
        allowedOrigins = List.copyOf(allowedOrigins);
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("farewatch.host must name an address to bind");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("farewatch.requestTimeoutSeconds must be positive: " + requestTimeout);
        }
        if (historySeconds < 1) {
            throw new IllegalArgumentException("farewatch.historySeconds must be positive: " + historySeconds);
        }
        if (!nodeId.matches(NODE_ID)) {
            throw new IllegalArgumentException("farewatch.nodeId / FAREWATCH_NODE_ID must be 1 to 64 letters, digits, "
                    + "dots, dashes or underscores, not \"" + nodeId + "\"");
        }
        if (apiToken.isPresent() && (apiToken.get().length() < MIN_API_TOKEN_LENGTH || !apiToken.get().matches("[\\x21-\\x7E]+"))) {
            // The token itself is never part of the message, lest it end up in a log.
            throw new IllegalArgumentException("farewatch.apiToken / FAREWATCH_API_TOKEN must be at least "
                    + MIN_API_TOKEN_LENGTH + " printable ASCII characters without spaces (it has "
                    + apiToken.get().length() + "); generate one with: openssl rand -hex 24");
        }
    }

    /** Redacted: the API token is never printed. */
    @Override
    public String toString() {
        return "FarewatchConfig[port=" + port + ", host=" + host + ", market=" + market + ", nodeId=" + nodeId
                + ", redis=" + redis.map(Object::toString).orElse("none") + ", apiToken=" + (apiToken.isPresent() ? "set" : "unset") + ", frames=" + frames
                + ", metricsAllow=" + metricsAllow + ", trustedProxies=" + trustedProxies + ", drain=" + drain.toSeconds() + "s]";
    }

    public static FarewatchConfig fromEnvironment() {
        return from(System.getProperties()::getProperty, System.getenv());
    }

    /**
     * @param properties system properties by name ({@code farewatch.port})
     * @param env        environment variables by name ({@code FAREWATCH_PORT})
     */
    public static FarewatchConfig from(Function<String, String> properties, Map<String, String> env) {
        Settings s = new Settings(properties, env);
        Limits limits = new Limits(
                s.integer("maxSubscriptions", 50, 1, 10_000),
                s.integer("maxMessageBytes", 4096, 64, Limits.MAX_MESSAGE_BYTES),
                s.integer("messagesPerSecond", 10, 1, 100_000),
                s.integer("messageBurst", 20, 1, 100_000),
                s.integer("maxConnections", 20_000, 1, 1_000_000),
                s.integer("maxConnectionsPerAddress", 100, 1, 1_000_000),
                s.seconds("subscribeWithinSeconds", 30),
                s.seconds("slowConsumerSeconds", 10),
                s.seconds("pingSeconds", 25),
                s.seconds("pongTimeoutSeconds", 20));
        return new FarewatchConfig(
                s.integer("port", 8080, 0, 65_535),
                Path.of(s.text("webRoot", "webapp")),
                s.longInteger("seed", 2026),
                s.integer("datesPerRoute", Timetable.DEFAULT_DATES_PER_ROUTE, 1, Timetable.DAYS_AHEAD),
                limits,
                s.list("allowedOrigins"),
                s.bool("allowMissingOrigin", true),
                s.address("host", "0.0.0.0"),
                s.seconds("requestTimeoutSeconds", 10),
                s.integer("historySeconds", 300, 1, 86_400),
                s.text("nodeId", generatedNodeId()),
                Optional.ofNullable(s.text("redisUrl", null)).map(RedisAddress::parse),
                s.choice("market", Market.SIMULATED),
                Optional.ofNullable(s.text("apiToken", null)),
                s.choice("frames", Frames.SHARED),
                s.ranges("metricsAllow", "private"),
                s.ranges("trustedProxies", "none"),
                Duration.ofSeconds(s.integer("drainSeconds", 5, 0, 60)));
    }

    /** {@code node-} and six base-36 characters: told apart in logs and {@code info}, not meant to be stable. */
    private static String generatedNodeId() {
        long random = ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36);
        return "node-" + String.format("%6s", Long.toString(random, 36)).replace(' ', '0');
    }

    private record Settings(Function<String, String> properties, Map<String, String> env) {

        String text(String name, String fallback) {
            String property = properties.apply("farewatch." + name);
            if (property != null && !property.isBlank()) {
                return property.strip();
            }
            String variable = env.get(envName(name));
            return variable != null && !variable.isBlank() ? variable.strip() : fallback;
        }

        int integer(String name, int fallback, int min, int max) {
            long value = longInteger(name, fallback);
            if (value < min || value > max) {
                throw invalid(name, Long.toString(value), "a whole number from " + min + " to " + max);
            }
            return (int) value;
        }

        long longInteger(String name, long fallback) {
            String text = text(name, null);
            if (text == null) {
                return fallback;
            }
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw invalid(name, text, "a whole number");
            }
        }

        Duration seconds(String name, int fallback) {
            return Duration.ofSeconds(integer(name, fallback, 1, 86_400));
        }

        boolean bool(String name, boolean fallback) {
            String text = text(name, null);
            if (text == null) {
                return fallback;
            }
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw invalid(name, text, "true or false");
            };
        }

        <E extends Enum<E>> E choice(String name, E fallback) {
            String text = text(name, null);
            if (text == null) {
                return fallback;
            }
            for (E value : fallback.getDeclaringClass().getEnumConstants()) {
                if (value.name().equalsIgnoreCase(text)) {
                    return value;
                }
            }
            throw invalid(name, text, "one of " + Arrays.stream(fallback.getDeclaringClass().getEnumConstants())
                    .map(value -> value.name().toLowerCase(Locale.ROOT)).toList());
        }

        /** An IP address, or a host name that resolves (once, here, rather than as a puzzling bind failure later). */
        String address(String name, String fallback) {
            String text = text(name, fallback);
            try {
                InetAddress.getByName(text);
                return text;
            } catch (UnknownHostException | SecurityException e) {
                throw invalid(name, text, "an IP address or a host name that resolves");
            }
        }

        AddressRanges ranges(String name, String fallback) {
            String text = text(name, fallback);
            try {
                return AddressRanges.parse(text);
            } catch (IllegalArgumentException e) {
                throw invalid(name, text, "a comma-separated list of IP addresses, blocks such as 10.0.0.0/8, "
                        + "and the words loopback, private, any or none (" + e.getMessage() + ")");
            }
        }

        List<String> list(String name) {
            String text = text(name, "");
            return Arrays.stream(text.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
        }

        private static IllegalArgumentException invalid(String name, String value, String expected) {
            return new IllegalArgumentException("farewatch." + name + " / " + envName(name) + " must be " + expected
                    + ", not \"" + value + "\"");
        }

        /** {@code maxSubscriptions} becomes {@code FAREWATCH_MAX_SUBSCRIPTIONS}. */
        static String envName(String name) {
            return "FAREWATCH_" + name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        }
    }
}
