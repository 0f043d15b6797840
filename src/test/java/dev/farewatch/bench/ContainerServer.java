package dev.farewatch.bench;

import dev.farewatch.testing.DeployedServer;
import dev.farewatch.testing.PayaraMicroServer;
import dev.farewatch.testing.WildFlyServer;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The built WAR in Payara Micro or WildFly, booted by the same classes the integration tests use, so
 * the benchmark measures the deployment those tests check. Farewatch's settings reach the WAR as
 * environment variables; the collector and heap as the server's JVM options.
 */
final class ContainerServer implements ServerUnderTest {

    private final String name;
    private final DeployedServer server;

    private ContainerServer(String name, DeployedServer server) {
        this.name = name;
        this.server = server;
    }

    static ContainerServer start(BenchOptions options) throws Exception {
        require(options.war(), "the WAR");
        Map<String, String> environment = Map.of(
                "FAREWATCH_MAX_CONNECTIONS_PER_ADDRESS", "20000",
                "FAREWATCH_DATES_PER_ROUTE", Integer.toString(options.datesPerRoute()));
        Path work = options.out().toAbsolutePath().resolve(options.server());
        DeployedServer server = switch (options.server()) {
            case "payara" -> new PayaraMicroServer(require(options.payaraJar(), "Payara Micro"), options.war(), work,
                    environment, Jvm.serverOptions(options.out(), options.serverJvm()));
            case "wildfly" -> new WildFlyServer(require(options.wildflyHome(), "WildFly"), options.war(), work,
                    environment, Jvm.serverOptions(options.out(), options.serverJvm()));
            default -> throw new IllegalArgumentException("Not a container: " + options.server());
        };
        ContainerServer container = new ContainerServer(options.server(), server);
        try {
            server.start();
        } catch (Exception | AssertionError e) {
            container.close();
            throw e;
        }
        return container;
    }

    private static Path require(Path path, String what) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(what + " is not at " + path.toAbsolutePath() + ": build it first with "
                    + "mvn -q -DskipTests pre-integration-test (packages the WAR, fetches both servers)");
        }
        return path.toAbsolutePath();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public URI stream() {
        return URI.create(server.base().toString().replaceFirst("^http", "ws") + "ws/flight-price");
    }

    @Override
    public Long pid() {
        return server.jvm().pid();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
