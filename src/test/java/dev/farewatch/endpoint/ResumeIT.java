package dev.farewatch.endpoint;

import dev.farewatch.testing.FarewatchServer;
import dev.farewatch.testing.WsClient;
import dev.farewatch.testing.WsClient.Received;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that lost its connection subscribes with {@code since} and goes on where its stream left off. */
class ResumeIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer();

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static List<String> flights;

    @BeforeAll
    static void readCatalog() {
        try (WsClient client = server.connect()) {
            flights = client.flightIds(WAIT);
        }
    }

    private static String subscribe(String flightId) {
        return "{\"type\":\"subscribe\",\"flightId\":\"" + flightId + "\"}";
    }

    private static String resume(String flightId, String epoch, long seq) {
        return "{\"type\":\"subscribe\",\"flightId\":\"" + flightId + "\",\"since\":{\"epoch\":\"" + epoch + "\",\"seq\":" + seq + "}}";
    }

    private static long seq(Received price) {
        return price.json().getJsonNumber("seq").longValueExact();
    }

    @Test
    void aClientThatReconnectsIsSentWhatItMissedThenTheLiveStreamWithoutGapOrRepeat() {
        String flight = flights.get(30);
        Received last;
        try (WsClient before = server.connect()) {
            last = before.send(subscribe(flight)).prices(flight, 2, WAIT).get(1);
        }
        String epoch = last.json().getString("epoch");
        try (WsClient watcher = server.connect()) {
            // Away for at least three ticks of the flight.
            watcher.send(subscribe(flight)).next(m -> m.type().equals("price") && seq(m) >= seq(last) + 3, Duration.ofSeconds(10));

            try (WsClient after = server.connect()) {
                JsonObject subscribed = after.send(resume(flight, epoch, seq(last))).next(WAIT).json();
                assertThat(subscribed.getString("type")).isEqualTo("subscribed");
                assertThat(subscribed.getString("epoch")).isEqualTo(epoch);
                assertThat(subscribed.getBoolean("recovered")).isTrue();

                List<Received> prices = after.prices(flight, 6, Duration.ofSeconds(10));
                List<Long> seqs = prices.stream().map(ResumeIT::seq).toList();
                assertThat(seqs).as("missed, then live").containsExactly(seq(last) + 1, seq(last) + 2, seq(last) + 3,
                        seq(last) + 4, seq(last) + 5, seq(last) + 6);
                assertThat(prices).allSatisfy(price -> assertThat(price.json().getString("epoch")).isEqualTo(epoch));
            }
        }
    }

    @Test
    void theMissedPricesAreTheSameQuotesOthersWereSent() {
        String flight = flights.get(31);
        try (WsClient watcher = server.connect()) {
            List<Received> seen = new ArrayList<>(watcher.send(subscribe(flight)).prices(flight, 4, Duration.ofSeconds(10)));
            Received first = seen.get(0);

            try (WsClient resumed = server.connect()) {
                resumed.send(resume(flight, first.json().getString("epoch"), seq(first))).next("subscribed", WAIT);
                List<Received> replayed = resumed.prices(flight, 3, WAIT);

                assertThat(replayed).extracting(Received::text).containsExactly(seen.get(1).text(), seen.get(2).text(), seen.get(3).text());
            }
        }
    }

    @Test
    void aResumeFromAStreamThatIsGoneIsRefusedAndShownTheLatestPrice() {
        String flight = flights.get(32);
        try (WsClient client = server.connect()) {
            JsonObject subscribed = client.send(resume(flight, "not-a-stream-here", 3)).next(WAIT).json();
            List<Received> prices = client.prices(flight, 2, Duration.ofSeconds(5));

            assertThat(subscribed.getBoolean("recovered")).isFalse();
            assertThat(subscribed.getString("epoch")).isEqualTo(prices.get(0).json().getString("epoch"));
            assertThat(seq(prices.get(1))).isEqualTo(seq(prices.get(0)) + 1);
        }
    }

    @Test
    void aResumeFromASeqTheStreamHasNotReachedIsRefused() {
        String flight = flights.get(33);
        try (WsClient client = server.connect()) {
            Received latest = client.send(subscribe(flight)).prices(flight, 1, WAIT).get(0);

            client.send(resume(flight, latest.json().getString("epoch"), seq(latest) + 1_000));

            assertThat(client.next("subscribed", WAIT).json().getBoolean("recovered")).isFalse();
        }
    }

    @Test
    void aSinceThatIsNotAPositionIsAnErrorAndTheConnectionStaysOpen() {
        String flight = flights.get(34);
        try (WsClient client = server.connect()) {
            JsonObject error = client.send("{\"type\":\"subscribe\",\"flightId\":\"" + flight + "\",\"since\":{\"epoch\":\"e\",\"seq\":-1}}")
                    .next(WAIT).json();

            assertThat(error.getString("type")).isEqualTo("error");
            assertThat(error.getString("code")).isEqualTo("INVALID_SINCE");
            assertThat(error.getString("flightId")).isEqualTo(flight);
            assertThat(client.send("{\"type\":\"ping\"}").next(WAIT).type()).isEqualTo("pong");
        }
    }
}
