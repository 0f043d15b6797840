package dev.farewatch.admission;

import dev.farewatch.testing.FarewatchServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static dev.farewatch.admission.OriginIT.handshakeStatus;
import static org.assertj.core.api.Assertions.assertThat;

/** The origin settings, on an embedded server configured with them. */
class ConfiguredOriginIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer(Map.of(
            "farewatch.allowedOrigins", "https://fares.example.com",
            "farewatch.allowMissingOrigin", "false"));

    @Test
    void aConfiguredOriginIsLetIn() {
        assertThat(handshakeStatus(server.stream(), "https://fares.example.com")).isEqualTo(101);
    }

    @Test
    void aSubdomainOfAConfiguredOriginIsRefused() {
        assertThat(handshakeStatus(server.stream(), "https://www.fares.example.com")).isEqualTo(403);
    }

    @Test
    void aClientWithoutOriginIsRefusedWhenSoConfigured() {
        assertThat(handshakeStatus(server.stream(), null)).isEqualTo(403);
    }
}
