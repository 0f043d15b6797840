package dev.farewatch.bus.redis;

import dev.farewatch.testing.Cluster;
import dev.farewatch.testing.EmbeddedNode;
import dev.farewatch.testing.WsClient;
import dev.farewatch.testing.WsClient.Received;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three embedded nodes, each a process of its own, sharing one real Redis, as the README's run
 * command starts them: one stream per flight whichever node a client is on, through the faults an
 * operator meets.
 */
class ClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final Cluster cluster = Cluster.of(Map.of(), "node-a", "node-b", "node-c");
    private final List<EmbeddedNode> nodes = cluster.nodes();
    private List<String> flights;

    @BeforeEach
    void readCatalog() {
        flights = client(nodes.get(0)).flightIds(WAIT);
    }

    private WsClient client(EmbeddedNode node) {
        return cluster.client(node);
    }

    private static String subscribe(String flight) {
        return "{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}";
    }

    private static String resume(String flight, Received last) {
        return "{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\",\"since\":{\"epoch\":\"" + epoch(last)
                + "\",\"seq\":" + seq(last) + "}}";
    }

    private static long seq(Received price) {
        return price.json().getJsonNumber("seq").longValueExact();
    }

    private static String epoch(Received price) {
        return price.json().getString("epoch");
    }

    /** The node publishing the market: the last to say it took the lease and not since that it lost it. */
    private EmbeddedNode leader() {
        await().atMost(WAIT).until(() -> nodes.stream().filter(EmbeddedNode::isRunning).anyMatch(ClusterIT::publishes));
        return nodes.stream().filter(EmbeddedNode::isRunning).filter(ClusterIT::publishes).findFirst().orElseThrow();
    }

    private static boolean publishes(EmbeddedNode node) {
        List<String> lines = node.logLines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains("now publishes the market's prices")) {
                return true;
            }
            if (lines.get(i).contains("no longer publishes the market's prices")) {
                return false;
            }
        }
        return false;
    }

    private static JsonObject info(WsClient client) {
        return client.send("{\"type\":\"info\"}").next("info", WAIT).json();
    }

    @Test
    void clientsOnEveryNodeGetTheSameQuoteAtTheSameSeq() {
        String flight = flights.get(5);
        List<Map<Long, String>> seen = new ArrayList<>();
        List<WsClient> watchers = nodes.stream().map(this::client).toList();
        watchers.forEach(client -> client.send(subscribe(flight)));
        for (WsClient client : watchers) {
            seen.add(client.prices(flight, 4, WAIT).stream().collect(Collectors.toMap(ClusterIT::seq, Received::text)));
        }

        Set<Long> common = seen.get(0).keySet().stream()
                .filter(seq -> seen.stream().allMatch(prices -> prices.containsKey(seq))).collect(Collectors.toSet());
        assertThat(common).hasSizeGreaterThanOrEqualTo(2);
        common.forEach(seq -> assertThat(seen).extracting(prices -> prices.get(seq)).containsOnly(seen.get(0).get(seq)));
        assertThat(info(watchers.get(0)).getString("bus")).isEqualTo("redis");
    }

    @Test
    void whenTheNodePublishingTheMarketDiesTheOthersPauseBrieflyAndMissNothing() throws Exception {
        String flight = flights.get(6);
        EmbeddedNode leader = leader();
        List<WsClient> watchers = nodes.stream().filter(node -> node != leader).map(this::client).toList();
        watchers.forEach(client -> client.send(subscribe(flight)).prices(flight, 1, WAIT));

        leader.kill();

        for (WsClient client : watchers) {
            List<Received> prices = client.prices(flight, 8, Duration.ofSeconds(20));
            for (int i = 1; i < prices.size(); i++) {
                assertThat(seq(prices.get(i))).as("no seq skipped or repeated").isEqualTo(seq(prices.get(i - 1)) + 1);
                assertThat(epoch(prices.get(i))).isEqualTo(epoch(prices.get(0)));
                assertThat(Duration.ofNanos(prices.get(i).nanos() - prices.get(i - 1).nanos()))
                        .as("pause between prices").isLessThanOrEqualTo(Duration.ofSeconds(5));
            }
        }
        assertThat(leader()).isNotSameAs(leader);
    }

    @Test
    void aClientOfAKilledNodeResumesOnAnotherWithoutGapOrRepeat() throws Exception {
        String flight = flights.get(7);
        EmbeddedNode doomed = leader();
        Received last = client(doomed).send(subscribe(flight)).prices(flight, 2, WAIT).get(1);

        doomed.kill();
        EmbeddedNode survivor = nodes.stream().filter(EmbeddedNode::isRunning).findFirst().orElseThrow();
        WsClient resumed = client(survivor).send(resume(flight, last));

        JsonObject subscribed = resumed.next("subscribed", WAIT).json();
        assertThat(subscribed.getBoolean("recovered")).isTrue();
        List<Long> seqs = resumed.prices(flight, 6, Duration.ofSeconds(20)).stream().map(ClusterIT::seq).toList();
        assertThat(seqs).containsExactly(seq(last) + 1, seq(last) + 2, seq(last) + 3, seq(last) + 4, seq(last) + 5, seq(last) + 6);
    }

    @Test
    void aNodeThatJoinsLaterCarriesTheSameStream() throws Exception {
        String flight = flights.get(8);
        WsClient old = client(nodes.get(1)).send(subscribe(flight));
        Map<Long, String> seenOnOld = new HashMap<>();
        old.prices(flight, 2, WAIT).forEach(price -> seenOnOld.put(seq(price), price.text()));

        EmbeddedNode joined = cluster.join("node-d");
        List<Received> onJoined = client(joined).send(subscribe(flight)).prices(flight, 3, WAIT);
        old.prices(flight, 4, WAIT).forEach(price -> seenOnOld.put(seq(price), price.text()));

        assertThat(onJoined).allSatisfy(price -> assertThat(seenOnOld).containsEntry(seq(price), price.text()));
    }

    @Test
    void whileRedisIsAwaySessionsStayOpenAndWhenItComesBackEmptyPricesFlowInANewEpoch() throws Exception {
        String flight = flights.get(9);
        List<WsClient> watchers = nodes.stream().map(this::client).toList();
        List<Received> before = new ArrayList<>();
        watchers.forEach(client -> before.add(client.send(subscribe(flight)).prices(flight, 1, WAIT).get(0)));

        cluster.redis().kill();
        for (WsClient client : watchers) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !info(client).getBoolean("busConnected"));
        }
        assertThat(watchers).allMatch(WsClient::isOpen);

        cluster.redis().start();
        for (int i = 0; i < watchers.size(); i++) {
            String oldEpoch = epoch(before.get(i));
            Received next = watchers.get(i).next(m -> m.type().equals("price") && !epoch(m).equals(oldEpoch), Duration.ofSeconds(10));
            List<Received> later = watchers.get(i).prices(flight, 2, WAIT);
            assertThat(later).extracting(ClusterIT::epoch).containsOnly(epoch(next));
            assertThat(List.of(seq(next), seq(later.get(0)), seq(later.get(1)))).as("within the new epoch, no repeat or going back")
                    .containsExactly(seq(next), seq(next) + 1, seq(next) + 2);
            assertThat(info(watchers.get(i)).getBoolean("busConnected")).isTrue();
        }
    }

    @Test
    void aNodeStoppedNormallyClosesItsSessionsWith1001() throws Exception {
        WsClient client = client(nodes.get(2)).send(subscribe(flights.get(10)));
        client.prices(flights.get(10), 1, WAIT);

        nodes.get(2).stop();

        assertThat(client.awaitClose(WAIT).code()).isEqualTo(1001);
    }
}
