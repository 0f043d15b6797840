package dev.farewatch.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FarewatchConfigTest {

    @Test
    void hasSaneDefaults() {
        FarewatchConfig config = FarewatchConfig.from(name -> null, Map.of());

        assertThat(config).isEqualTo(new FarewatchConfig(8080, Path.of("webapp"), 2026, 50));
    }

    @Test
    void readsEnvironmentVariables() {
        FarewatchConfig config = FarewatchConfig.from(name -> null,
                Map.of("FAREWATCH_PORT", "9090", "FAREWATCH_MAX_SUBSCRIPTIONS", "7", "FAREWATCH_SEED", "-3"));

        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.maxSubscriptions()).isEqualTo(7);
        assertThat(config.seed()).isEqualTo(-3);
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironment() {
        FarewatchConfig config = FarewatchConfig.from(Map.of("farewatch.port", "7070")::get, Map.of("FAREWATCH_PORT", "9090"));

        assertThat(config.port()).isEqualTo(7070);
    }

    @Test
    void namesTheSettingWhenAValueIsNotANumber() {
        assertThatThrownBy(() -> FarewatchConfig.from(name -> null, Map.of("FAREWATCH_PORT", "eighty")))
                .hasMessageContaining("farewatch.port").hasMessageContaining("FAREWATCH_PORT").hasMessageContaining("eighty");
    }

    @Test
    void refusesAPortOutOfRange() {
        assertThatThrownBy(() -> FarewatchConfig.from(name -> null, Map.of("FAREWATCH_PORT", "70000")))
                .hasMessageContaining("port");
    }

    @Test
    void refusesASubscriptionCapBelowOne() {
        assertThatThrownBy(() -> FarewatchConfig.from(name -> null, Map.of("FAREWATCH_MAX_SUBSCRIPTIONS", "0")))
                .hasMessageContaining("maxSubscriptions");
    }
}
