package dev.farewatch.endpoint;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Set;

/** Tells the container (and the embedded server) which endpoints make up Farewatch. */
public class FarewatchEndpoints implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return Set.of(ServerEndpointConfig.Builder.create(TrailingSlashEndpoint.class, TrailingSlashEndpoint.PATH)
                .configurator(new HandshakeCheck()).build());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of(FlightPriceEndpoint.class);
    }
}
