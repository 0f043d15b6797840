package dev.farewatch.embedded;

import dev.farewatch.Farewatch;
import dev.farewatch.Host;
import dev.farewatch.config.FarewatchConfig;
import dev.farewatch.endpoint.FarewatchEndpoints;
import dev.farewatch.endpoint.FlightPriceEndpoint;
import jakarta.websocket.DeploymentException;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Farewatch without an application server: one Grizzly {@link HttpServer} on one port serves the
 * browser page at {@code /}, the WebSocket endpoints through Tyrus' add-on, the HTTP API at
 * {@code /api} ({@link ApiHandler}), and whatever HTTP handlers
 * {@link #start(FarewatchConfig, Map)} is given; a plain scheduler drives the ticker. Run by
 * {@code mvn compile exec:java}.
 *
 * <p>A connection that does not complete an HTTP request head within {@code farewatch.requestTimeoutSeconds}
 * of opening, or of its last request or answer, is closed: Grizzly's {@link IdleTimeoutFilter}, fed by the
 * keep-alive idle timeout, sits above the HTTP codec, which passes nothing up until a head is whole, so
 * neither a silent socket nor a trickled head resets it. A WebSocket leaves that timeout at its upgrade
 * ({@link HandshakeAnswerFilter}). Thread-safe.
 */
public final class EmbeddedServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedServer.class.getName());
    private static final String LISTENER = "farewatch";

    private final ScheduledExecutorService scheduler;
    private final Farewatch farewatch;
    private final TyrusContainer webSockets;
    private final HttpServer server;
    private boolean closed;

    private EmbeddedServer(ScheduledExecutorService scheduler, Farewatch farewatch, TyrusContainer webSockets, HttpServer server) {
        this.scheduler = scheduler;
        this.farewatch = farewatch;
        this.webSockets = webSockets;
        this.server = server;
    }

    /** The page and the WebSocket endpoints, and nothing else. */
    public static EmbeddedServer start(FarewatchConfig config) throws DeploymentException, IOException {
        return start(config, Map.of());
    }

    /**
     * The page and the WebSocket endpoints, and beside them on the same port each of {@code handlers}
     * at its path: {@code "/api"} gets {@code /api} and everything under {@code /api/}, with the
     * request's context path {@code /api}; the page's files get every path no handler claims. WebSocket
     * handshakes on the endpoints' paths never reach a handler. A handler shares the server's request
     * timeout, its 400 for paths that do not decode and its error pages without stack traces.
     *
     * @param handlers by path: {@code /} and one or more segments, no trailing slash, no wildcard
     */
    public static EmbeddedServer start(FarewatchConfig config, Map<String, ? extends HttpHandler> handlers)
            throws DeploymentException, IOException {
        handlers.keySet().forEach(EmbeddedServer::checkMountPath);
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
        ThreadFactory daemons = task -> {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        };
        Farewatch farewatch = Farewatch.start(config, scheduler, daemons, new Host("Tyrus on Grizzly (embedded)", Host.Scheduler.EMBEDDED));
        TyrusContainer webSockets = new TyrusContainer(new FarewatchEndpoints());
        HttpServer server = new HttpServer();
        try {
            webSockets.deploy();
            NetworkListener listener = listener(config, webSockets);
            server.addListener(listener);
            mount(server.getServerConfiguration(), config, new ApiHandler(farewatch.httpApi()), handlers);
            server.start();
            if (!listener.isStarted()) {
                // HttpServer.start() only logs a failed bind, at FINEST: binding again throws why it failed.
                listener.start();
            }
        } catch (DeploymentException | IOException | RuntimeException e) {
            server.shutdownNow();
            webSockets.stop();
            farewatch.stop();
            scheduler.shutdownNow();
            throw e;
        }
        return new EmbeddedServer(scheduler, farewatch, webSockets, server);
    }

    private static NetworkListener listener(FarewatchConfig config, TyrusContainer webSockets) {
        // Port 0 binds a free port, which the listener then reports.
        NetworkListener listener = new NetworkListener(LISTENER, config.host(), config.port());
        // As Tyrus' own container: requests, frames and sends run on worker threads, never on a selector.
        listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
        // Feeds the IdleTimeoutFilter HttpServer puts above the HTTP codec: the request timeout.
        listener.getKeepAlive().setIdleTimeoutInSeconds(Math.toIntExact(config.requestTimeout().toSeconds()));
        listener.registerAddOn(webSockets.addOn());
        listener.registerAddOn((ignored, chain) -> {
            // Above the idle timeout, which they rely on, and below Tyrus' filter and the HTTP handlers,
            // whose requests and answers they vet.
            int at = indexAbove(chain, IdleTimeoutFilter.class);
            chain.add(at, new MalformedPathFilter());
            chain.add(at + 1, new HandshakeAnswerFilter(webSockets.paths()));
        });
        listener.setDefaultErrorPageGenerator(new ErrorPages());
        return listener;
    }

    private static int indexAbove(FilterChainBuilder chain, Class<? extends Filter> filter) {
        int index = chain.indexOfType(filter);
        if (index < 0) {
            throw new IllegalStateException("Grizzly's HttpServer built no " + filter.getSimpleName()
                    + ": the embedded server's request timeout depends on it");
        }
        return index + 1;
    }

    private static void mount(ServerConfiguration routes, FarewatchConfig config, ApiHandler api,
                              Map<String, ? extends HttpHandler> handlers) {
        routes.addHttpHandler(new WebRoot(config.webRoot()), HttpHandlerRegistration.ROOT);
        routes.addHttpHandler(api, HttpHandlerRegistration.builder().contextPath(ApiHandler.PATH).urlPattern("/*").build());
        handlers.forEach((path, handler) ->
                routes.addHttpHandler(handler, HttpHandlerRegistration.builder().contextPath(path).urlPattern("/*").build()));
    }

    private static void checkMountPath(String path) {
        if (path.equals(ApiHandler.PATH) || path.startsWith(ApiHandler.PATH + "/")) {
            throw new IllegalArgumentException("\"" + ApiHandler.PATH + "\" is the ingest API's: mount a handler elsewhere");
        }
        if (!path.matches("(/[^/*]+)+")) {
            throw new IllegalArgumentException("An HTTP handler's path is \"/\" and one or more segments, with no trailing "
                    + "slash and no wildcard, such as \"/api\"; not \"" + path + "\"");
        }
    }

    /** The node it serves, for looking inside in tests. */
    public Farewatch farewatch() {
        return farewatch;
    }

    /** The port it listens on: the configured one, or the one picked when configured as 0. */
    public int port() {
        return server.getListener(LISTENER).getPort();
    }

    /** Closes every connection with 1001, then stops the ticker and the server. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        farewatch.stop();
        webSockets.stop();
        server.shutdownNow();
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
        String authority = browsable(config.host()) + ":" + server.port();
        System.out.printf("Farewatch is live: http://%s/ (WebSocket ws://%s%s). Ctrl-C stops it.%n",
                authority, authority, FlightPriceEndpoint.PATH);
        stopped.await();
    }

    /** Where a browser on this machine finds a server bound to {@code host}. */
    private static String browsable(String host) {
        return switch (host) {
            case "0.0.0.0", "::", "[::]" -> "localhost";
            default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        };
    }
}
