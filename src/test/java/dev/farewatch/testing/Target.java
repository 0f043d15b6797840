package dev.farewatch.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which server the black-box suite runs against, chosen by {@code -Dfarewatch.target}: the embedded
 * server (default), or the built WAR in Payara Micro or WildFly. The pom runs the suite once per target.
 */
public enum Target {
    EMBEDDED, PAYARA, WILDFLY;

    public static Target current() {
        return valueOf(System.getProperty("farewatch.target", "embedded").trim().toUpperCase(Locale.ROOT));
    }

    /** The scheduler the {@code info} message must report on this target. */
    public String scheduler() {
        return this == EMBEDDED ? "embedded" : "managed";
    }

    /** How the {@code info} message must say this target sends a connection's messages by default. */
    public String sharedFramePath() {
        return this == WILDFLY ? "undertow-payload" : "tyrus-raw-frame";
    }

    /** A new, not yet started, server of this target. */
    DeployedServer newServer() throws IOException {
        return newServer(Map.of(), "");
    }

    /**
     * A new, not yet started, server of this target whose process gets these environment variables
     * (Farewatch's {@code FAREWATCH_…} settings), working in a folder of its own named by {@code suffix}.
     */
    public DeployedServer newServer(Map<String, String> environment, String suffix) throws IOException {
        Path war = requireFile("farewatch.war", "run through Maven: mvn verify");
        Path work = Path.of(System.getProperty("farewatch.containerWork", "target/containers/work")).resolve(name().toLowerCase(Locale.ROOT) + suffix);
        return switch (this) {
            case PAYARA -> new PayaraMicroServer(requireFile("farewatch.payaraMicro", "mvn verify fetches it"), war, work,
                    environment, List.of());
            case WILDFLY -> new WildFlyServer(requireFile("farewatch.wildfly", "mvn verify unpacks it"), war, work,
                    environment, List.of());
            case EMBEDDED -> throw new IllegalStateException("The embedded server runs in the test JVM");
        };
    }

    private static Path requireFile(String property, String hint) {
        String value = System.getProperty(property);
        Path path = value == null ? null : Path.of(value);
        if (path == null || !path.toFile().exists()) {
            throw new IllegalStateException("-D" + property + " must name an existing file (" + hint + "), not " + value);
        }
        return path;
    }
}
