package dev.farewatch.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where Redis is, parsed from {@code redis://[user:password@]host:port[/db]} ({@code rediss://} for
 * TLS), with a clear error for anything else. The password never appears in {@link #toString()},
 * so the address can be logged.
 *
 * @param user     null for Redis' default user
 * @param password null when Redis asks for none
 */
public record RedisAddress(boolean tls, String host, int port, String user, String password, int database) {

    private static final int DEFAULT_PORT = 6379;

    public static RedisAddress parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid(url, "it is not a URL");
        }
        boolean tls;
        if ("redis".equalsIgnoreCase(uri.getScheme())) {
            tls = false;
        } else if ("rediss".equalsIgnoreCase(uri.getScheme())) {
            tls = true;
        } else {
            throw invalid(url, "it must start with redis:// or rediss://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid(url, "it names no host");
        }
        int database = 0;
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!path.isEmpty() && !path.equals("/")) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw invalid(url, "the path must be a database number, like /0");
            }
            if (database < 0) {
                throw invalid(url, "the database number must not be negative");
            }
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            if (colon < 0) {
                password = decode(info);
            } else {
                user = colon == 0 ? null : decode(info.substring(0, colon));
                password = decode(info.substring(colon + 1));
            }
        }
        // An IPv6 literal comes bracketed, as URLs write it; a socket wants the address alone.
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return new RedisAddress(tls, host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), user, password, database);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String url, String why) {
        String shown = url.replaceAll("//[^@/]*@", "//***@");
        return new IllegalArgumentException("farewatch.redisUrl / FAREWATCH_REDIS_URL must look like "
                + "redis://[user:password@]host:port[/db] (rediss:// for TLS), but " + why + ": \"" + shown + "\"");
    }

    @Override
    public String toString() {
        String credentials = password == null ? "" : (user == null ? "" : user) + ":***@";
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return (tls ? "rediss://" : "redis://") + credentials + shownHost + ":" + port + "/" + database;
    }
}
