package dev.farewatch.endpoint;

import dev.farewatch.testing.DeployedServer;
import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The WAR in a real server comes and goes cleanly: undeploying (stopping, on Payara Micro) closes every
 * connection with 1001, cancels the ticker and leaves no thread or live state of ours in the server,
 * and the WAR serves again once redeployed.
 */
class ContainerLifecycleIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer();

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Instances of these would mean a ticker, a connection or a price market outlived the deployment. */
    private static final List<String> RUNNING_STATE = List.of("dev.farewatch.Farewatch",
            "dev.farewatch.ticker.PriceTicker", "dev.farewatch.fanout.Outbox",
            "dev.farewatch.fanout.SubscriptionRegistry", "dev.farewatch.endpoint.Connection",
            "dev.farewatch.endpoint.StreamService", "dev.farewatch.bus.InMemoryPriceBus",
            "dev.farewatch.market.FlightFare");

    @Test
    void undeployClosesEveryConnectionWith1001AndLeavesNothingRunning() throws Exception {
        DeployedServer container = server.deployed();
        assumeTrue(container != null, "runs against the deployed WAR: -Dfarewatch.target=payara or wildfly");
        WsClient idle = server.connect();
        WsClient following = server.connect();
        String flight = server.flightIds().get(0);
        following.send("{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}").prices(flight, 2, WAIT);
        assertThat(liveState(container)).as("the check sees a running deployment").isNotEmpty();

        container.undeploy();
        try {
            assertThat(idle.awaitClose(WAIT).code()).isEqualTo(1001);
            assertThat(following.awaitClose(WAIT).code()).isEqualTo(1001);
            if (container.isRunning()) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    assertThat(liveState(container)).isEmpty();
                    assertThat(jcmd(container, "Thread.print")).noneMatch(line -> line.contains("dev.farewatch."));
                });
            }
        } finally {
            container.redeploy();
        }

        try (WsClient again = server.connect()) {
            again.send("{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\"}");
            assertThat(again.prices(flight, 2, WAIT)).hasSize(2);
        }
    }

    /** The histogram lines, after a full GC, of classes whose instances mean Farewatch is running. */
    private static List<String> liveState(DeployedServer container) throws IOException, InterruptedException {
        return jcmd(container, "GC.class_histogram").stream()
                .filter(line -> RUNNING_STATE.stream().anyMatch(name -> line.endsWith(" " + name))).toList();
    }

    private static List<String> jcmd(DeployedServer container, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(container.jvm().pid()), command)
                .redirectErrorStream(true).start();
        List<String> lines = new String(process.getInputStream().readAllBytes()).lines().toList();
        assertThat(process.waitFor()).as("jcmd %s: %s", command, lines).isZero();
        return lines;
    }
}
