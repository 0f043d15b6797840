package dev.farewatch.bus.redis;

import dev.farewatch.testing.ApiClient;
import dev.farewatch.testing.DeployedServer;
import dev.farewatch.testing.EmbeddedNode;
import dev.farewatch.testing.RedisServer;
import dev.farewatch.testing.Target;
import dev.farewatch.testing.WsClient;
import dev.farewatch.testing.WsClient.Received;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One cluster of two kinds of node: the WAR, exactly as built, in the container under test (Payara
 * or WildFly), and an embedded node, both on one real Redis. Run against the containers only.
 */
class MixedClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TOKEN = "mixed-cluster-token-0123";

    private RedisServer redis;
    private DeployedServer container;
    private EmbeddedNode embedded;

    @BeforeEach
    void startCluster(TestInfo test) throws Exception {
        Target target = Target.current();
        Path work = Path.of("target", "cluster", "mixed-" + target.name().toLowerCase() + "-" + test.getTestMethod().orElseThrow().getName());
        redis = RedisServer.start(work);
        container = target.newServer(Map.of("FAREWATCH_REDIS_URL", redis.url(), "FAREWATCH_NODE_ID", "in-container",
                "FAREWATCH_API_TOKEN", TOKEN), "-cluster");
        container.start();
        embedded = EmbeddedNode.start("embedded", Map.of("redisUrl", redis.url()), work);
    }

    @AfterEach
    void stopCluster() throws Exception {
        try {
            assertThat(container.failuresSince(0)).as("the WAR's Redis client deploys and runs cleanly").isEmpty();
        } finally {
            embedded.close();
            container.close();
            redis.close();
        }
    }

    private WsClient inContainer() {
        return WsClient.connect(URI.create("ws://127.0.0.1:" + container.base().getPort() + "/ws/flight-price"));
    }

    @Test
    void theWarInTheContainerAndAnEmbeddedNodeCarryIdenticalStreams() {
        try (WsClient inContainer = inContainer(); WsClient onEmbedded = embedded.connect()) {
            String flight = onEmbedded.flightIds(WAIT).get(12);
            inContainer.send(subscribe(flight));
            onEmbedded.send(subscribe(flight));
            Map<Long, String> seenInContainer = bySeq(inContainer.prices(flight, 5, WAIT));
            Map<Long, String> seenOnEmbedded = bySeq(onEmbedded.prices(flight, 5, WAIT));

            Set<Long> common = seenInContainer.keySet().stream().filter(seenOnEmbedded::containsKey).collect(Collectors.toSet());
            assertThat(common).hasSizeGreaterThanOrEqualTo(3);
            common.forEach(seq -> assertThat(seenInContainer.get(seq)).isEqualTo(seenOnEmbedded.get(seq)));

            JsonObject info = inContainer.send("{\"type\":\"info\"}").next("info", WAIT).json();
            assertThat(info.getString("node")).isEqualTo("in-container");
            assertThat(info.getString("bus")).isEqualTo("redis");
            assertThat(info.getBoolean("busConnected")).isTrue();
        }
    }

    @Test
    void aFarePostedToTheWarsApiReachesASubscriberOfTheEmbeddedNode() {
        ApiClient api = new ApiClient(container.base(), TOKEN);
        try (WsClient onEmbedded = embedded.connect()) {
            String flight = onEmbedded.flightIds(WAIT).get(7);
            onEmbedded.send(subscribe(flight)).next("subscribed", WAIT);
            String currency = api.get("api/flights/" + flight).json().getString("currency");

            String fare = "{\"flightId\":\"" + flight + "\",\"price\":4321,\"currency\":\"" + currency + "\"}";
            assertThat(api.post("api/fares", fare).json().getInt("accepted")).isEqualTo(1);

            onEmbedded.next(m -> m.type().equals("price")
                    && m.json().getJsonNumber("price").bigDecimalValue().compareTo(new BigDecimal("4321")) == 0, WAIT);
        }
    }

    private static String subscribe(String flight) {
        return "{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}";
    }

    private static Map<Long, String> bySeq(List<Received> prices) {
        return prices.stream().collect(Collectors.toMap(m -> m.json().getJsonNumber("seq").longValueExact(), Received::text));
    }
}
