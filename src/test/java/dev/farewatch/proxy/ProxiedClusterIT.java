package dev.farewatch.proxy;

import dev.farewatch.testing.ApiClient;
import dev.farewatch.testing.Cluster;
import dev.farewatch.testing.EmbeddedNode;
import dev.farewatch.testing.HeadlessChromium;
import dev.farewatch.testing.Nginx;
import dev.farewatch.testing.WsClient;
import dev.farewatch.testing.WsClient.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three embedded nodes and one Redis behind Debian's nginx, configured with the README's (and
 * docker/'s) proxy file. Protocol clients and a browser connect through the proxy only. One node is
 * stopped, as an operator stops it (it drains), another killed: every client that was on them comes
 * back through the proxy to a node still running and resumes where it left off, without a gap.
 */
class ProxiedClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int CLIENTS = 6;

    @RegisterExtension
    final Cluster cluster = Cluster.of(Map.of("trustedProxies", "127.0.0.1", "drainSeconds", "6"),
            "node-a", "node-b", "node-c");

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    private Nginx nginx;
    private final List<WsClient> opened = new ArrayList<>();

    @AfterEach
    void stopProxy() throws InterruptedException {
        opened.forEach(WsClient::close);
        if (nginx != null) {
            nginx.close();
        }
    }

    /** One traveller's view of one flight: the connection it has now, and the last price it got. */
    private final class Follower {
        final String flight;
        WsClient connection;
        String node;
        String epoch;
        long seq = -1;
        int resumes;

        Follower(String flight) {
            this.flight = flight;
            connect(null);
        }

        /** Connects and subscribes now, and leaves its prices to a later {@link #take}. */
        Follower(String flight, boolean takeLater) {
            this.flight = flight;
            open(null);
        }

        /** Connects through the proxy and subscribes, resuming after the last price if there is one, and takes 3 prices. */
        void connect(String since) {
            open(since);
            take(3);
        }

        private void open(String since) {
            connection = WsClient.connect(nginx.stream());
            opened.add(connection);
            node = connection.send("{\"type\":\"info\"}").next("info", WAIT).json().getString("node");
            JsonSubscribed subscribed = new JsonSubscribed(connection.send("{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\""
                    + (since == null ? "" : ",\"since\":" + since) + "}").next("subscribed", WAIT));
            if (since != null) {
                assertThat(subscribed.recovered()).as("resumed on " + node + " after seq " + seq).isTrue();
                resumes++;
            }
        }

        /** Takes the next prices, each the one after the last: no gap, no repeat. */
        void take(int count) {
            for (Received price : connection.prices(flight, count, WAIT)) {
                long next = price.json().getJsonNumber("seq").longValueExact();
                String stream = price.json().getString("epoch");
                if (seq >= 0) {
                    assertThat(stream).as("epoch on " + node).isEqualTo(epoch);
                    assertThat(next).as("seq on " + node).isEqualTo(seq + 1);
                }
                epoch = stream;
                seq = next;
            }
        }

        /** The connection ended: connects again through the proxy and resumes from the last price. */
        WsClient.Closed reconnect() {
            WsClient.Closed closed = connection.awaitClose(WAIT);
            connect("{\"epoch\":\"" + epoch + "\",\"seq\":" + seq + "}");
            return closed;
        }
    }

    private record JsonSubscribed(Received message) {
        boolean recovered() {
            return message.json().getBoolean("recovered", false);
        }
    }

    @Test
    void clientsOfAStoppedAndOfAKilledNodeResumeThroughTheProxyWithNoGap() throws Exception {
        List<EmbeddedNode> nodes = cluster.nodes();
        nginx = Nginx.start(Path.of("target", "nginx", "proxied-cluster"), nodes.stream().map(EmbeddedNode::http).toList());
        WsClient catalog = WsClient.connect(nginx.stream());
        opened.add(catalog);
        String flight = catalog.flightIds(WAIT).get(3);
        List<Follower> followers = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            followers.add(new Follower(flight));
        }
        Map<String, List<Follower>> byNode = new LinkedHashMap<>();
        followers.forEach(follower -> byNode.computeIfAbsent(follower.node, node -> new ArrayList<>()).add(follower));
        assertThat(byNode).as("the proxy spreads the clients over every node").hasSize(3);

        // The page, through the proxy as well.
        ChromeDriver browser = chromium.browser();
        browser.get(nginx.http().toString());
        chromium.until(b -> "live".equals(b.findElement(By.id("status")).getAttribute("data-state")));
        chromium.until(b -> !b.findElements(By.cssSelector("li[data-flight-id='" + flight + "'] button.follow")).isEmpty());
        browser.findElement(By.cssSelector("li[data-flight-id='" + flight + "'] button.follow")).click();
        By card = By.cssSelector("article.quote-card[data-flight-id='" + flight + "']");
        long pageSeq = chromium.until(b -> seqOf(b.findElement(card)));

        EmbeddedNode stopped = nodes.get(0);
        EmbeddedNode killed = nodes.get(1);
        // Stopped as an operator stops it: it drains for 6 s, still listening, refusing new streams with 503.
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                stopped.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ApiClient stoppedNode = new ApiClient(stopped.http(), null);
        await().atMost(WAIT).until(() -> stoppedNode.get("api/health/ready").status() == 503);
        // New clients during the drain: the proxy takes the draining node's 503 to the next node.
        List<Follower> lates = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Follower late = new Follower(flight, true);
            assertThat(late.node).as("a stream opened while " + stopped.name() + " drains").isNotEqualTo(stopped.name());
            lates.add(late);
        }
        assertThat(stoppedNode.get("api/health/ready").status()).as("still draining while the new clients came").isEqualTo(503);
        for (Follower follower : byNode.getOrDefault(stopped.name(), List.of())) {
            WsClient.Closed closed = follower.reconnect();
            assertThat(closed.code()).isEqualTo(1001);
            assertThat(closed.reason()).isEqualTo("Draining: reconnect now");
            assertThat(follower.node).isNotEqualTo(stopped.name());
        }
        stopping.get(30, TimeUnit.SECONDS);
        for (Follower late : lates) {
            late.take(3);
            followers.add(late);
        }
        killed.kill();
        int moved = byNode.getOrDefault(stopped.name(), List.of()).size();
        for (Follower follower : followers) {
            if (follower.node.equals(killed.name())) {
                follower.reconnect();
                assertThat(follower.node).isEqualTo(nodes.get(2).name());
                moved++;
            }
        }

        // Everyone, moved or not, goes on with the next prices; those who stayed saw no gap either.
        for (Follower follower : followers) {
            follower.take(3);
        }
        // The metrics are never served through the proxy.
        ApiClient proxied = new ApiClient(nginx.http(), null);
        assertThat(proxied.get("api/metrics").status()).isEqualTo(404);
        assertThat(proxied.get("api/metrics;x").status()).isEqualTo(404);
        assertThat(proxied.get("api/health/ready").status()).isEqualTo(200);
        assertThat(followers.stream().mapToInt(f -> f.resumes).sum()).isEqualTo(moved);
        // The page is live again, on the one node left, and its card still ticks.
        chromium.until(b -> "live".equals(b.findElement(By.id("status")).getAttribute("data-state"))
                && seqOf(b.findElement(card)) > pageSeq + 3);
        chromium.screenshot("through-the-proxy");
    }

    private static Long seqOf(WebElement card) {
        String seq = card.getAttribute("data-seq");
        return seq == null || seq.isEmpty() ? null : Long.valueOf(seq);
    }
}
