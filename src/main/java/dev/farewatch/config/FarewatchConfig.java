package dev.farewatch.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Farewatch's settings, each read from a system property ({@code -Dfarewatch.port=9090}) or else an
 * environment variable ({@code FAREWATCH_PORT=9090}) or else its default.
 *
 * @param port             the embedded server's port, on every interface; 0 picks a free one
 * @param webRoot          the folder the embedded server serves at {@code /}
 * @param seed             seeds the simulated fare market: the same seed gives the same flights and prices
 * @param maxSubscriptions how many flights one connection may follow at once
 */
public record FarewatchConfig(int port, Path webRoot, long seed, int maxSubscriptions) {

    public FarewatchConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535: " + port);
        }
        if (maxSubscriptions < 1) {
            throw new IllegalArgumentException("maxSubscriptions must be at least 1: " + maxSubscriptions);
        }
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
        return new FarewatchConfig(
                s.integer("port", 8080),
                Path.of(s.text("webRoot", "webapp")),
                s.longInteger("seed", 2026),
                s.integer("maxSubscriptions", 50));
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

        int integer(String name, int fallback) {
            return (int) number(name, fallback, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }

        long longInteger(String name, long fallback) {
            return number(name, fallback, Long.MIN_VALUE, Long.MAX_VALUE);
        }

        private long number(String name, long fallback, long min, long max) {
            String text = text(name, null);
            if (text == null) {
                return fallback;
            }
            try {
                long value = Long.parseLong(text);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below with the setting's names
            }
            throw new IllegalArgumentException("farewatch." + name + " / " + envName(name)
                    + " must be a whole number, not \"" + text + "\"");
        }

        /** {@code maxSubscriptions} becomes {@code FAREWATCH_MAX_SUBSCRIPTIONS}. */
        static String envName(String name) {
            return "FAREWATCH_" + name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
        }
    }
}
