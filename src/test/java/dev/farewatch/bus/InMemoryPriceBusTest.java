package dev.farewatch.bus;

import dev.farewatch.flight.FlightId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryPriceBusTest {

    private static final FlightId LH400 = new FlightId("LH", 400, LocalDate.of(2026, 12, 24));
    private static final FlightId BA117 = new FlightId("BA", 117, LocalDate.of(2026, 12, 24));
    private static final Currency EUR = Currency.getInstance("EUR");

    private final AtomicInteger epochs = new AtomicInteger();
    private final InMemoryPriceBus bus = new InMemoryPriceBus(3, () -> "e" + epochs.incrementAndGet());
    private final List<Quote> delivered = Collections.synchronizedList(new ArrayList<>());

    InMemoryPriceBusTest() {
        bus.start(delivered::addAll);
    }

    private static PriceUpdate update(FlightId flight, String price, long ts) {
        return new PriceUpdate(flight, new BigDecimal(price), EUR, ts);
    }

    @Test
    void aStreamOpensAtSeqZeroWithoutChange() {
        bus.publish(List.of(update(LH400, "412.37", 1_000)));

        assertThat(bus.latest(LH400)).contains(new Quote(LH400, new BigDecimal("412.37"), EUR, 1_000, "e1", 0, new BigDecimal("0.00")));
    }

    @Test
    void eachQuoteTakesTheNextSeqAndItsChangeFromThePrevious() {
        bus.publish(List.of(update(LH400, "412.37", 1_000)));
        bus.publish(List.of(update(LH400, "409.27", 2_000)));
        bus.publish(List.of(update(LH400, "410.00", 3_000)));

        assertThat(bus.latest(LH400)).contains(new Quote(LH400, new BigDecimal("410.00"), EUR, 3_000, "e1", 2, new BigDecimal("0.73")));
    }

    @Test
    void flightsHaveStreamsOfTheirOwn() {
        bus.publish(List.of(update(LH400, "412.37", 1_000), update(BA117, "380.00", 1_000)));
        bus.publish(List.of(update(LH400, "413.00", 2_000)));

        assertThat(bus.latest(LH400).orElseThrow().seq()).isEqualTo(1);
        assertThat(bus.latest(BA117).orElseThrow().seq()).isZero();
    }

    @Test
    void onlySubscribedFlightsAreDelivered() {
        bus.subscribe(LH400);

        bus.publish(List.of(update(LH400, "412.37", 1_000), update(BA117, "380.00", 1_000)));

        assertThat(delivered).extracting(Quote::flightId).containsExactly(LH400);
    }

    @Test
    void nothingIsDeliveredAfterUnsubscribing() {
        bus.subscribe(LH400);
        bus.publish(List.of(update(LH400, "412.37", 1_000)));

        bus.unsubscribe(LH400);
        bus.publish(List.of(update(LH400, "413.00", 2_000)));

        assertThat(delivered).extracting(Quote::seq).containsExactly(0L);
    }

    @Test
    void aStreamGoesOnWhileNobodyIsSubscribed() {
        bus.publish(List.of(update(LH400, "412.37", 1_000)));
        bus.publish(List.of(update(LH400, "413.00", 2_000)));

        bus.subscribe(LH400);
        bus.publish(List.of(update(LH400, "414.00", 3_000)));

        assertThat(delivered).extracting(Quote::seq).containsExactly(2L);
    }

    @Test
    void aRemovedStreamStartsAgainFromSeqZeroUnderANewEpoch() {
        bus.publish(List.of(update(LH400, "412.37", 1_000)));
        bus.publish(List.of(update(LH400, "413.00", 2_000)));

        bus.remove(LH400);

        assertThat(bus.latest(LH400)).isEmpty();
        bus.publish(List.of(update(LH400, "500.00", 3_000)));
        assertThat(bus.latest(LH400).orElseThrow().position()).isEqualTo(new StreamPosition("e2", 0));
    }

    @Test
    void eachFlightsStreamHasAnEpochOfItsOwn() {
        bus.publish(List.of(update(LH400, "412.37", 1_000), update(BA117, "380.00", 1_000)));

        assertThat(bus.latest(LH400).orElseThrow().epoch()).isNotEqualTo(bus.latest(BA117).orElseThrow().epoch());
    }

    @Test
    void theQuotesAfterAKeptPositionAreGivenBackInOrderWithTheirChanges() {
        bus.publish(List.of(update(LH400, "412.37", 1_000)));
        bus.publish(List.of(update(LH400, "413.00", 2_000)));
        bus.publish(List.of(update(LH400, "411.50", 3_000)));

        assertThat(bus.after(LH400, new StreamPosition("e1", 0))).contains(List.of(
                new Quote(LH400, new BigDecimal("413.00"), EUR, 2_000, "e1", 1, new BigDecimal("0.63")),
                new Quote(LH400, new BigDecimal("411.50"), EUR, 3_000, "e1", 2, new BigDecimal("-1.50"))));
        assertThat(bus.after(LH400, new StreamPosition("e1", 2))).contains(List.of());
    }

    @Test
    void aStreamKeepsOnlyItsNewestQuotes() {
        for (int second = 1; second <= 5; second++) {
            bus.publish(List.of(update(LH400, "412.37", second * 1_000L)));
        }

        assertThat(bus.after(LH400, new StreamPosition("e1", 0))).as("seq 1 is forgotten: 3 are kept").isEmpty();
        assertThat(bus.after(LH400, new StreamPosition("e1", 1)).orElseThrow()).extracting(Quote::seq).containsExactly(2L, 3L, 4L);
    }

    @Test
    void noStreamGoesOnFromAnotherEpochOrAPositionNotReached() {
        bus.publish(List.of(update(LH400, "412.37", 1_000)));

        assertThat(bus.after(LH400, new StreamPosition("e9", 0))).isEmpty();
        assertThat(bus.after(LH400, new StreamPosition("e1", 1))).isEmpty();
        assertThat(bus.after(BA117, new StreamPosition("e1", 0))).as("no stream at all").isEmpty();
    }

    @Test
    void concurrentPublishersOfOneFlightGetEachSeqOnce() throws InterruptedException {
        bus.subscribe(LH400);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int thread = 0; thread < 8; thread++) {
            pool.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    bus.publish(List.of(update(LH400, "412.37", 1_000)));
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(delivered).extracting(Quote::seq).containsExactlyInAnyOrderElementsOf(LongStream.range(0, 4000).boxed().toList());
    }

    @Test
    void nothingIsDeliveredAfterClose() {
        bus.subscribe(LH400);
        bus.close();

        bus.publish(List.of(update(LH400, "412.37", 1_000)));

        assertThat(delivered).isEmpty();
    }
}
