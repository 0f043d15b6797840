package dev.farewatch.testing;

import dev.farewatch.Farewatch;
import dev.farewatch.config.FarewatchConfig;
import dev.farewatch.embedded.EmbeddedServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server under test, by {@link Target}: an embedded server on a free loopback port for the test
 * class, or the WAR in a real Payara Micro or WildFly, booted once for the whole run and checked after
 * every test class for SEVERE or ERROR log lines. {@code -Dfarewatch.baseUrl=http://host:port/} points
 * the suite at a server started elsewhere instead. Registered on a static field it serves the test
 * class; on an instance field, each test.
 */
public final class FarewatchServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace SHARED = ExtensionContext.Namespace.create(FarewatchServer.class);

    private final Map<String, String> settings;
    /** Whether the settings go to a container of its own too, rather than keeping the test embedded. */
    private final boolean onEveryTarget;
    private EmbeddedServer embedded;
    private DeployedServer deployed;
    private int logMark;
    private URI base;
    private boolean perTest;

    public FarewatchServer() {
        this(Map.of());
    }

    /**
     * An embedded server with these settings (system property names, {@code farewatch.slowConsumerSeconds});
     * only the embedded target can take them, so a test that needs them runs embedded only.
     */
    public FarewatchServer(Map<String, String> settings) {
        this(settings, false);
    }

    private FarewatchServer(Map<String, String> settings, boolean onEveryTarget) {
        this.settings = Map.copyOf(settings);
        this.onEveryTarget = onEveryTarget;
    }

    /**
     * A server with these settings on whichever target runs: embedded with them, or the WAR in a
     * container of its own (booted once for the run) whose process has them as {@code FAREWATCH_…}
     * variables, the way an operator sets them.
     */
    public static FarewatchServer onEveryTarget(Map<String, String> settings) {
        return new FarewatchServer(settings, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (base == null) {
            perTest = true;
            start(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private void start(ExtensionContext context) throws Exception {
        String baseUrl = System.getProperty("farewatch.baseUrl");
        Target target = Target.current();
        if (baseUrl != null && !baseUrl.isBlank()) {
            base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        } else if (target == Target.EMBEDDED || (!settings.isEmpty() && !onEveryTarget)) {
            Map<String, String> all = new HashMap<>(settings);
            all.putIfAbsent("farewatch.port", "0");
            all.putIfAbsent("farewatch.webRoot", System.getProperty("farewatch.webapp", "webapp"));
            embedded = EmbeddedServer.start(FarewatchConfig.from(all::get, Map.of()));
            base = URI.create("http://127.0.0.1:" + embedded.port() + "/");
        } else {
            Map<String, String> environment = environment(settings);
            deployed = context.getRoot().getStore(SHARED).getOrComputeIfAbsent(List.of(target, environment),
                    key -> boot(target, environment), DeployedServer.class);
            if (!deployed.isRunning()) {
                deployed.start();
            }
            logMark = deployed.logLines().size();
            base = deployed.base();
        }
    }

    /** {@code farewatch.apiToken} becomes {@code FAREWATCH_API_TOKEN}. */
    private static Map<String, String> environment(Map<String, String> settings) {
        Map<String, String> environment = new TreeMap<>();
        settings.forEach((name, value) -> environment.put(
                name.replaceFirst("^farewatch\\.", "FAREWATCH_").replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT), value));
        return environment;
    }

    private static DeployedServer boot(Target target, Map<String, String> environment) {
        try {
            DeployedServer server = environment.isEmpty() ? target.newServer()
                    : target.newServer(environment, "-" + Integer.toHexString(environment.hashCode()));
            server.start();
            List<String> failures = server.failuresSince(0);
            if (!failures.isEmpty()) {
                throw new AssertionError(server.name() + " logged failures while deploying the WAR:\n" + String.join("\n", failures));
            }
            return server;
        } catch (Exception e) {
            throw new IllegalStateException("Could not boot " + target, e);
        }
    }

    private void stop() {
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
        if (deployed != null) {
            List<String> failures = deployed.failuresSince(logMark);
            deployed = null;
            if (!failures.isEmpty()) {
                throw new AssertionError("The server logged failures during these tests:\n" + String.join("\n", failures));
            }
        }
        base = null;
    }

    /** The price stream's WebSocket address. */
    public URI stream() {
        return webSocket("ws/flight-price");
    }

    public URI webSocket(String path) {
        return URI.create(base.resolve(path).toString().replaceFirst("^http", "ws"));
    }

    public URI http(String path) {
        return base.resolve(path);
    }

    public WsClient connect() {
        return WsClient.connect(stream());
    }

    /** The catalog's flight ids, in its order, asked for over a connection of its own. */
    public List<String> flightIds() {
        try (WsClient client = connect()) {
            return client.flightIds(Duration.ofSeconds(10));
        }
    }

    /** The embedded server's running Farewatch, for looking inside; null on any other target. */
    public Farewatch inside() {
        return embedded == null ? null : embedded.farewatch();
    }

    public EmbeddedServer embedded() {
        return embedded;
    }

    /** The application server running the WAR; null on the embedded target. */
    public DeployedServer deployed() {
        return deployed;
    }
}
