package dev.farewatch.fanout;

import dev.farewatch.bus.InMemoryPriceBus;
import dev.farewatch.bus.PriceUpdate;
import dev.farewatch.bus.StreamPosition;
import dev.farewatch.flight.FlightId;
import dev.farewatch.protocol.MessageCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The fan-out over a real in-memory bus and codec; clients are recording transports read by the test. */
class FanoutTest {

    private static final FlightId LH400 = new FlightId("LH", 400, LocalDate.of(2026, 12, 24));
    private static final FlightId BA117 = new FlightId("BA", 117, LocalDate.of(2026, 12, 24));
    private static final Currency EUR = Currency.getInstance("EUR");

    private final MessageCodec codec = new MessageCodec();
    private final InMemoryPriceBus bus = new InMemoryPriceBus(5);
    private final ExecutorService helper = Executors.newSingleThreadExecutor();
    private final Fanout fanout = new Fanout(bus, codec, 10, 1_000, helper, System::nanoTime);

    FanoutTest() {
        bus.start(fanout);
    }

    @AfterEach
    void stop() throws InterruptedException {
        helper.shutdown();
        assertThat(helper.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        codec.close();
    }

    private void tick(FlightId flight, String price, long ts) {
        bus.publish(List.of(new PriceUpdate(flight, new BigDecimal(price), EUR, ts)));
    }

    private void follow(Outbox outbox, FlightId flight) throws ReplyBacklogFull {
        fanout.follow(outbox, flight, null);
    }

    private String epoch(FlightId flight) {
        return bus.latest(flight).orElseThrow().epoch();
    }

    /** What a client resuming after {@code seq} is sent. */
    private List<String> resume(FlightId flight, String epoch, long seq) throws ReplyBacklogFull {
        RecordingTransport client = new RecordingTransport();
        fanout.follow(fanout.open(client), flight, new StreamPosition(epoch, seq));
        client.readAll();
        return client.sent();
    }

    @Test
    void aNewFollowerIsConfirmedThenShownTheLatestQuote() throws ReplyBacklogFull {
        tick(LH400, "412.37", 1_000);
        tick(LH400, "409.27", 2_000);
        RecordingTransport client = new RecordingTransport();

        follow(fanout.open(client), LH400);
        client.readAll();

        String epoch = epoch(LH400);
        assertThat(client.sent()).containsExactly(
                "{\"type\":\"subscribed\",\"flightId\":\"LH400-2026-12-24\",\"epoch\":\"" + epoch + "\"}",
                "{\"type\":\"price\",\"flightId\":\"LH400-2026-12-24\",\"price\":409.27,\"currency\":\"EUR\",\"ts\":2000,"
                        + "\"epoch\":\"" + epoch + "\",\"seq\":1,\"change\":-3.10}");
    }

    @Test
    void eachQuoteReachesEveryFollowerOfItsFlightAndNoOneElse() throws ReplyBacklogFull {
        List<RecordingTransport> lh400 = new ArrayList<>();
        for (int i = 0; i < 3 * Fanout.SLICE; i++) {
            RecordingTransport client = new RecordingTransport();
            follow(fanout.open(client), LH400);
            client.readAll();
            lh400.add(client);
        }
        RecordingTransport ba117 = new RecordingTransport();
        follow(fanout.open(ba117), BA117);
        ba117.readAll();

        tick(LH400, "412.37", 1_000);

        for (RecordingTransport client : lh400) {
            org.awaitility.Awaitility.await().until(client::inFlight);
            assertThat(client.sent()).last().asString().contains("\"seq\":0");
        }
        assertThat(ba117.sent()).hasSize(1);
    }

    @Test
    void theNodeIsOnTheBusForAFlightOnlyWhileSomeoneHereFollowsIt() throws ReplyBacklogFull {
        Outbox first = fanout.open(new RecordingTransport());
        Outbox second = fanout.open(new RecordingTransport());
        follow(first, LH400);
        follow(second, LH400);
        assertThat(fanout.followedFlights()).isEqualTo(1);

        fanout.unfollow(first, LH400);
        assertThat(fanout.isIdle()).isFalse();
        fanout.close(second);

        assertThat(fanout.followedFlights()).isZero();
        assertThat(fanout.isIdle()).isTrue();
    }

    @Test
    void aClosedFollowerIsSentNothingMore() throws ReplyBacklogFull {
        RecordingTransport client = new RecordingTransport();
        Outbox outbox = fanout.open(client);
        follow(outbox, LH400);
        client.readAll();

        fanout.close(outbox);
        tick(LH400, "412.37", 1_000);

        assertThat(client.sent()).hasSize(1);
        assertThat(fanout.followsAny(outbox)).isFalse();
    }

    @Test
    void aFollowerResumingWithinTheHistoryIsSentWhatItMissedAndNothingElse() throws ReplyBacklogFull {
        for (int second = 1; second <= 5; second++) {
            tick(LH400, "41" + second + ".00", second * 1_000L);
        }

        List<String> sent = resume(LH400, epoch(LH400), 2);

        assertThat(sent).hasSize(3);
        assertThat(sent.get(0)).isEqualTo("{\"type\":\"subscribed\",\"flightId\":\"LH400-2026-12-24\",\"epoch\":\""
                + epoch(LH400) + "\",\"recovered\":true}");
        assertThat(sent.get(1)).contains("\"seq\":3", "\"price\":414.00");
        assertThat(sent.get(2)).contains("\"seq\":4", "\"price\":415.00");
    }

    @Test
    void aFollowerThatMissedNothingIsToldSoAndSentNoPrice() throws ReplyBacklogFull {
        tick(LH400, "412.37", 1_000);

        assertThat(resume(LH400, epoch(LH400), 0)).containsExactly(
                "{\"type\":\"subscribed\",\"flightId\":\"LH400-2026-12-24\",\"epoch\":\"" + epoch(LH400) + "\",\"recovered\":true}");
    }

    @Test
    void aResumeFromAnotherEpochIsRefusedAndShownTheLatestPrice() throws ReplyBacklogFull {
        tick(LH400, "412.37", 1_000);
        tick(LH400, "413.00", 2_000);

        List<String> sent = resume(LH400, "gone", 0);

        assertThat(sent.get(0)).endsWith("\"epoch\":\"" + epoch(LH400) + "\",\"recovered\":false}");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).contains("\"seq\":1");
    }

    @Test
    void aResumeFromASeqTheStreamHasNotReachedIsRefused() throws ReplyBacklogFull {
        tick(LH400, "412.37", 1_000);

        List<String> sent = resume(LH400, epoch(LH400), 7);

        assertThat(sent.get(0)).endsWith("\"recovered\":false}");
        assertThat(sent.get(1)).contains("\"seq\":0");
    }

    @Test
    void aResumeFromBeyondTheKeptHistoryIsRefused() throws ReplyBacklogFull {
        for (int second = 1; second <= 10; second++) {
            tick(LH400, "412.37", second * 1_000L);
        }

        assertThat(resume(LH400, epoch(LH400), 3).get(0)).as("seq 4 is forgotten: 5 quotes are kept")
                .endsWith("\"recovered\":false}");
        assertThat(resume(LH400, epoch(LH400), 4)).as("seq 5 to 9 are kept").hasSize(1 + 5);
    }
}
