package dev.farewatch.endpoint;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.WsClient;
import dev.farewatch.testing.WsClient.Received;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A connection may send 10 messages a second in bursts of 20 (the defaults); a flood is cut off. */
class MessageRateIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer();

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aBurstWithinTheLimitIsAnsweredInFull() {
        try (WsClient client = server.connect()) {
            for (int i = 0; i < 20; i++) {
                client.send("{\"type\":\"ping\"}");
            }
            for (int i = 0; i < 20; i++) {
                assertThat(client.next(WAIT).type()).isEqualTo("pong");
            }
        }
    }

    @Test
    void messagesBeyondTheLimitAreRefusedWithRateLimited() {
        try (WsClient client = server.connect()) {
            for (int i = 0; i < 25; i++) {
                client.send("{\"type\":\"ping\"}");
            }
            List<Received> answers = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                answers.add(client.next(WAIT));
            }

            assertThat(answers).filteredOn(m -> m.type().equals("pong")).hasSizeBetween(20, 21);
            assertThat(answers).filteredOn(m -> m.type().equals("error")).allSatisfy(error -> {
                assertThat(error.json().getString("code")).isEqualTo("RATE_LIMITED");
                assertThat(error.json().getString("message")).contains("10 messages a second");
            }).isNotEmpty();
            assertThat(client.isOpen()).isTrue();
        }
    }

    @Test
    void aFloodIsLimitedThenClosedWith1008WhileAPoliteNeighbourIsNeverThrottled() throws Exception {
        try (WsClient flooder = server.connect(); WsClient polite = server.connect()) {
            CompletableFuture<List<Received>> politeAnswers = CompletableFuture.supplyAsync(() -> {
                List<Received> answers = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    answers.add(polite.send("{\"type\":\"ping\"}").next(WAIT));
                    sleepASecond();
                }
                return answers;
            });

            int sent = 0;
            long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (!flooder.closed().isDone() && System.nanoTime() < end) {
                try {
                    flooder.send("{\"type\":\"ping\"}");
                    sent++;
                } catch (RuntimeException closedUnderUs) {
                    break;
                }
                if (sent % 10 == 0) {
                    Thread.sleep(10); // about 1,000 messages a second
                }
            }

            // Closing a client that is still sending may reset the connection before its close frame
            // is read (the server drops what the flooder sent after it): then there is no code to see.
            WsClient.Closed closed = flooder.closed().handle((close, reset) -> close)
                    .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
            if (closed != null) {
                assertThat(closed.code()).isEqualTo(1008);
            }
            assertThat(flooder.isOpen()).isFalse();
            assertThat(flooder.drain()).anySatisfy(m -> assertThat(m.json().getString("code", "")).isEqualTo("RATE_LIMITED"));
            assertThat(politeAnswers.get()).extracting(Received::type).containsOnly("pong");
        }
    }

    private static void sleepASecond() {
        try {
            Thread.sleep(1_000); // the polite client's own pace, not a wait for the server
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
