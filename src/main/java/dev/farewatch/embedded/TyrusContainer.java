package dev.farewatch.embedded;

import dev.farewatch.endpoint.TyrusFrameCounter;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Tyrus' WebSocket engine with Farewatch's endpoints, without a server of its own: {@link #addOn()}
 * plugs it into the embedded server's Grizzly listener. Tyrus' own Grizzly container builds an
 * {@code HttpServer} nobody else can reach, so that no HTTP handler could be added beside it, and it
 * binds 0.0.0.0 whatever host it is given. Deployed by one thread; thread-safe once {@link #deploy()} has returned.
 */
final class TyrusContainer extends TyrusServerContainer {

    /** Endpoint paths are taken as they are written: Farewatch's start at the root. */
    private static final String CONTEXT_PATH = "/";

    /** Tyrus reports every frame to the counter, pings too: they count against each client's rate. */
    private final WebSocketEngine engine = TyrusWebSocketEngine.builder(this)
            .applicationEventListener(new TyrusFrameCounter()).build();
    private final Set<String> paths = new LinkedHashSet<>();

    TyrusContainer(ServerApplicationConfig endpoints) {
        super(endpoints);
    }

    /** Registers the endpoints; the port is the embedded server's business, so Tyrus is told none. */
    void deploy() throws DeploymentException {
        try {
            start(CONTEXT_PATH, -1);
        } catch (IOException e) {
            throw new DeploymentException("Tyrus could not register Farewatch's endpoints", e);
        }
        doneDeployment();
    }

    /** The endpoints' paths, as registered by {@link #deploy()}: Farewatch's are plain paths, no templates. */
    Set<String> paths() {
        return Set.copyOf(paths);
    }

    /**
     * The Grizzly add-on that hands WebSocket handshakes on the endpoints' paths, and the frames after
     * them, to this container; every other request goes on to the HTTP handlers. In Tyrus 2.1.6 the
     * add-on's class is public for this use (TYRUS-317) but its constructor was left package-private,
     * so it is called reflectively; Tyrus 2.2.2 makes it public (eclipse-ee4j/tyrus#949).
     */
    AddOn addOn() {
        try {
            Constructor<WebSocketAddOn> constructor = WebSocketAddOn.class.getDeclaredConstructor(ServerContainer.class, String.class);
            constructor.setAccessible(true);
            return constructor.newInstance(this, CONTEXT_PATH);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot create Tyrus' WebSocketAddOn: the embedded server expects the "
                    + "constructor (ServerContainer, String) of tyrus-container-grizzly-server 2.1.x", e);
        }
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, CONTEXT_PATH);
        paths.add(endpointClass.getAnnotation(ServerEndpoint.class).value());
    }

    @Override
    public void register(ServerEndpointConfig serverEndpointConfig) throws DeploymentException {
        engine.register(serverEndpointConfig, CONTEXT_PATH);
        paths.add(serverEndpointConfig.getPath());
    }

    /** None: Tyrus' defaults for its executors and buffers, as the embedded server has always had. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of();
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }
}
