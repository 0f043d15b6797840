package dev.farewatch.embedded;

import dev.farewatch.Farewatch;
import dev.farewatch.Host;
import dev.farewatch.config.FarewatchConfig;
import dev.farewatch.endpoint.FarewatchEndpoints;
import dev.farewatch.endpoint.FlightPriceEndpoint;
import dev.farewatch.endpoint.TyrusFrameCounter;
import jakarta.websocket.DeploymentException;
import org.glassfish.tyrus.core.monitoring.ApplicationEventListener;
import org.glassfish.tyrus.server.Server;

import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Farewatch without an application server: Tyrus on Grizzly serves the WebSocket endpoint and the
 * browser page on one port, and a plain scheduler drives the ticker. Run by {@code mvn compile exec:java}.
 */
public final class EmbeddedServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedServer.class.getName());

    private final ScheduledExecutorService scheduler;
    private final Farewatch farewatch;
    private final Server server;
    private boolean closed;

    private EmbeddedServer(ScheduledExecutorService scheduler, Farewatch farewatch, Server server) {
        this.scheduler = scheduler;
        this.farewatch = farewatch;
        this.server = server;
    }

    public static EmbeddedServer start(FarewatchConfig config) throws DeploymentException {
        if (!Files.isDirectory(config.webRoot())) {
            LOG.warning(() -> "No web root at " + config.webRoot().toAbsolutePath()
                    + ": the page will not be served (set farewatch.webRoot / FAREWATCH_WEB_ROOT)");
        }
        // Two threads, so that the once-a-second connection sweep never holds up a turn of the ticker.
        AtomicInteger threads = new AtomicInteger();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "farewatch-scheduler-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Farewatch farewatch = Farewatch.start(config, scheduler, new Host("Tyrus on Grizzly (embedded)", Host.Scheduler.EMBEDDED));
        // Tyrus' Grizzly container listens on every interface whatever host it is given, and takes
        // port 0 for its default 8025: -1 is how it is asked for a free port.
        Server server = new Server("0.0.0.0", config.port() == 0 ? -1 : config.port(), "/",
                Map.of(Server.STATIC_CONTENT_ROOT, config.webRoot().toAbsolutePath().toString(),
                        // Tyrus reports every frame to it, pings too: they count against each client's rate.
                        ApplicationEventListener.APPLICATION_EVENT_LISTENER, new TyrusFrameCounter()),
                FarewatchEndpoints.class);
        try {
            server.start();
        } catch (DeploymentException | RuntimeException e) {
            farewatch.stop();
            scheduler.shutdownNow();
            throw e;
        }
        return new EmbeddedServer(scheduler, farewatch, server);
    }

    /** The node it serves, for looking inside in tests. */
    public Farewatch farewatch() {
        return farewatch;
    }

    /** The port it listens on: the configured one, or the one picked when configured as 0. */
    public int port() {
        return server.getPort();
    }

    /** Closes every connection with 1001, then stops the ticker and the server. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        farewatch.stop();
        server.stop();
        scheduler.shutdownNow();
    }

    public static void main(String[] args) throws Exception {
        FarewatchConfig config = FarewatchConfig.fromEnvironment();
        EmbeddedServer server = start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            // java.util.logging shuts down in a hook of its own, so this goes straight to the console.
            System.out.println("Farewatch stopped.");
            stopped.countDown();
        }, "farewatch-shutdown"));
        System.out.printf("Farewatch is live: http://localhost:%d/ (WebSocket ws://localhost:%d%s). Ctrl-C stops it.%n",
                server.port(), server.port(), FlightPriceEndpoint.PATH);
        stopped.await();
    }
}
