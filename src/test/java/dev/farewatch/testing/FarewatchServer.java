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
import java.nio.file.Path;

/**
 * The server under test: the one at {@code -Dfarewatch.baseUrl=http://host:port/} when given (a
 * deployed WAR), or else an embedded server on a free loopback port for the test class.
 * Registered on a static field it serves the test class; on an instance field, each test.
 */
public final class FarewatchServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private EmbeddedServer embedded;
    private URI base;
    private boolean perTest;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    /** Registered on an instance field, it starts a server for each test. */
    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (base == null) {
            perTest = true;
            start();
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

    private void start() throws Exception {
        String baseUrl = System.getProperty("farewatch.baseUrl");
        if (baseUrl != null && !baseUrl.isBlank()) {
            base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
            return;
        }
        embedded = EmbeddedServer.start(new FarewatchConfig(0,
                Path.of(System.getProperty("farewatch.webapp", "webapp")), 2026, 50));
        base = URI.create("http://127.0.0.1:" + embedded.port() + "/");
    }

    private void stop() {
        if (embedded != null) {
            embedded.close();
            embedded = null;
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

    /** The embedded server's running Farewatch, for looking inside; null against a deployed WAR. */
    public Farewatch inside() {
        return embedded == null ? null : Farewatch.running();
    }

    public EmbeddedServer embedded() {
        return embedded;
    }
}
