package dev.farewatch.config;

import dev.farewatch.redis.RedisAddress;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FarewatchConfigTest {

    @Test
    void hasSaneDefaults() {
        FarewatchConfig config = FarewatchConfig.from(name -> null, Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.webRoot()).isEqualTo(Path.of("webapp"));
        assertThat(config.seed()).isEqualTo(2026);
        assertThat(config.datesPerRoute()).isEqualTo(3);
        assertThat(config.allowedOrigins()).isEmpty();
        assertThat(config.allowMissingOrigin()).isTrue();
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.historySeconds()).isEqualTo(300);
        assertThat(config.nodeId()).matches("node-[0-9a-z]{6}");
        assertThat(config.redis()).as("a single node, in memory").isEmpty();
        assertThat(config.market()).isEqualTo(FarewatchConfig.Market.SIMULATED);
        assertThat(config.apiToken()).as("the API's writes switched off").isEmpty();
        assertThat(config.limits()).isEqualTo(new Limits(50, 4096, 10, 20, 20_000, 100, Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofSeconds(25), Duration.ofSeconds(20)));
    }

    @Test
    void readsEnvironmentVariables() {
        FarewatchConfig config = FarewatchConfig.from(name -> null,
                Map.of("FAREWATCH_PORT", "9090", "FAREWATCH_MAX_SUBSCRIPTIONS", "7", "FAREWATCH_SEED", "-3"));

        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.limits().maxSubscriptions()).isEqualTo(7);
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
                .hasMessageContaining("maxSubscriptions").hasMessageContaining("from 1");
    }

    @Test
    void refusesAMessageLimitAboveWhatTheEndpointsBuffer() {
        assertThatThrownBy(() -> FarewatchConfig.from(Map.of("farewatch.maxMessageBytes", "100000")::get, Map.of()))
                .hasMessageContaining("farewatch.maxMessageBytes").hasMessageContaining("65536");
    }

    @Test
    void refusesMoreDatesPerRouteThanDaysOnSale() {
        assertThatThrownBy(() -> FarewatchConfig.from(name -> null, Map.of("FAREWATCH_DATES_PER_ROUTE", "43")))
                .hasMessageContaining("farewatch.datesPerRoute").hasMessageContaining("from 1 to 42");
    }

    @Test
    void readsAllowedOriginsAsACommaSeparatedList() {
        FarewatchConfig config = FarewatchConfig.from(name -> null,
                Map.of("FAREWATCH_ALLOWED_ORIGINS", " https://fares.example.com, http://intranet:8080 ,"));

        assertThat(config.allowedOrigins()).containsExactly("https://fares.example.com", "http://intranet:8080");
    }

    @Test
    void readsDurationsInSeconds() {
        FarewatchConfig config = FarewatchConfig.from(Map.of("farewatch.slowConsumerSeconds", "3")::get, Map.of());

        assertThat(config.limits().slowConsumerAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void refusesAFlagThatIsNeitherTrueNorFalse() {
        assertThatThrownBy(() -> FarewatchConfig.from(name -> null, Map.of("FAREWATCH_ALLOW_MISSING_ORIGIN", "yes")))
                .hasMessageContaining("true or false");
    }

    @Test
    void readsTheBindHostAndTheRequestTimeout() {
        FarewatchConfig config = FarewatchConfig.from(name -> null,
                Map.of("FAREWATCH_HOST", "127.0.0.1", "FAREWATCH_REQUEST_TIMEOUT_SECONDS", "2"));

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void takesAnIpv6LiteralAsTheBindHost() {
        FarewatchConfig config = FarewatchConfig.from(Map.of("farewatch.host", "::1")::get, Map.of());

        assertThat(config.host()).isEqualTo("::1");
    }

    @Test
    void refusesABindHostThatIsNoAddress() {
        assertThatThrownBy(() -> FarewatchConfig.from(name -> null, Map.of("FAREWATCH_HOST", "[::zz]")))
                .hasMessageContaining("farewatch.host").hasMessageContaining("FAREWATCH_HOST").hasMessageContaining("[::zz]");
    }

    @Test
    void refusesARequestTimeoutOfZero() {
        assertThatThrownBy(() -> FarewatchConfig.from(name -> null, Map.of("FAREWATCH_REQUEST_TIMEOUT_SECONDS", "0")))
                .hasMessageContaining("farewatch.requestTimeoutSeconds").hasMessageContaining("FAREWATCH_REQUEST_TIMEOUT_SECONDS")
                .hasMessageContaining("from 1");
    }

    @Test
    void aRedisUrlMakesTheNodePartOfACluster() {
        FarewatchConfig config = FarewatchConfig.from(name -> null, Map.of("FAREWATCH_REDIS_URL", "redis://cache:6380/1",
                "FAREWATCH_NODE_ID", "fra-1"));

        assertThat(config.redis()).contains(new RedisAddress(false, "cache", 6380, null, null, 1));
        assertThat(config.nodeId()).isEqualTo("fra-1");
    }

    @Test
    void refusesANodeIdThatCannotBeLoggedPlainly() {
        assertThatThrownBy(() -> FarewatchConfig.from(name -> null, Map.of("FAREWATCH_NODE_ID", "node one")))
                .hasMessageContaining("FAREWATCH_NODE_ID");
    }

    @Test
    void takesTheMarketByNameInAnyCase() {
        assertThat(FarewatchConfig.from(name -> null, Map.of("FAREWATCH_MARKET", "None")).market()).isEqualTo(FarewatchConfig.Market.NONE);
    }

    @Test
    void refusesAnUnknownMarketListingTheKnownOnes() {
        assertThatThrownBy(() -> FarewatchConfig.from(name -> null, Map.of("FAREWATCH_MARKET", "live")))
                .hasMessageContaining("FAREWATCH_MARKET").hasMessageContaining("simulated").hasMessageContaining("none");
    }

    @Test
    void refusesAShortApiTokenWithoutShowingIt() {
        assertThatThrownBy(() -> FarewatchConfig.from(name -> null, Map.of("FAREWATCH_API_TOKEN", "secret-15-chars")))
                .hasMessageContaining("FAREWATCH_API_TOKEN").hasMessageContaining("16").hasMessageNotContaining("secret-15-chars");
    }

    @Test
    void neverPrintsTheApiToken() {
        FarewatchConfig config = FarewatchConfig.from(name -> null, Map.of("FAREWATCH_API_TOKEN", "a-long-enough-secret-token"));

        assertThat(config.apiToken()).contains("a-long-enough-secret-token");
        assertThat(config.toString()).doesNotContain("a-long-enough-secret-token");
    }
}
