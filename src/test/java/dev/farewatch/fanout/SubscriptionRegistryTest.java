package dev.farewatch.fanout;

import dev.farewatch.flight.FlightId;
import dev.farewatch.fanout.SubscriptionRegistry.Member;
import dev.farewatch.fanout.SubscriptionRegistry.Outcome;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionRegistryTest {

    private static final FlightId LH400 = flight(400);
    private static final FlightId LH401 = flight(401);
    private final SubscriptionRegistry<String> registry = new SubscriptionRegistry<>(3);
    private final Member<String> ann = registry.join("ann");
    private final Member<String> bob = registry.join("bob");

    private static FlightId flight(int number) {
        return new FlightId("LH", number, LocalDate.of(2026, 12, 24));
    }

    @Test
    void indexesSubscriptionsBothWays() {
        registry.subscribe(ann, LH400);
        registry.subscribe(bob, LH400);
        registry.subscribe(bob, LH401);

        assertThat(registry.subscribersOf(LH400)).containsExactlyInAnyOrder("ann", "bob");
        assertThat(registry.subscribersOf(LH401)).containsExactly("bob");
        assertThat(registry.flightsOf(bob)).containsExactlyInAnyOrder(LH400, LH401);
        assertThat(registry.followedFlights()).containsExactlyInAnyOrder(LH400, LH401);
    }

    @Test
    void subscribingTwiceIsReportedAndChangesNothing() {
        assertThat(registry.subscribe(ann, LH400)).isEqualTo(Outcome.SUBSCRIBED);
        assertThat(registry.subscribe(ann, LH400)).isEqualTo(Outcome.ALREADY_SUBSCRIBED);
        assertThat(registry.subscribersOf(LH400)).containsExactly("ann");
    }

    @Test
    void refusesASubscriptionBeyondTheLimitPerSubscriber() {
        IntStream.range(1, 4).forEach(n -> registry.subscribe(ann, flight(n)));

        assertThat(registry.subscribe(ann, flight(4))).isEqualTo(Outcome.LIMIT_REACHED);
        assertThat(registry.flightsOf(ann)).hasSize(3);
        assertThat(registry.subscribe(bob, flight(4))).isEqualTo(Outcome.SUBSCRIBED);
    }

    @Test
    void aFlightNobodyFollowsAnyMoreIsForgotten() {
        registry.subscribe(ann, LH400);

        assertThat(registry.unsubscribe(ann, LH400)).isTrue();
        assertThat(registry.followedFlights()).isEmpty();
        assertThat(registry.isEmpty()).isTrue();
    }

    @Test
    void unsubscribingAFlightNotFollowedChangesNothing() {
        registry.subscribe(ann, LH400);

        assertThat(registry.unsubscribe(ann, LH401)).isFalse();
        assertThat(registry.unsubscribe(bob, LH400)).isFalse();
        assertThat(registry.subscribersOf(LH400)).containsExactly("ann");
    }

    @Test
    void removingASubscriberLeavesOthersInPlace() {
        registry.subscribe(ann, LH400);
        registry.subscribe(ann, LH401);
        registry.subscribe(bob, LH400);

        registry.removeAll(ann);

        assertThat(registry.subscribersOf(LH400)).containsExactly("bob");
        assertThat(registry.subscribersOf(LH401)).isEmpty();
        assertThat(registry.flightsOf(ann)).isEmpty();
        assertThat(registry.followsAny(ann)).isFalse();
        assertThat(registry.followsAny(bob)).isTrue();
    }

    @Test
    void isEmptyAgainAfterManyConcurrentSubscribersComeAndGo() throws Exception {
        SubscriptionRegistry<Integer> shared = new SubscriptionRegistry<>(50);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (int subscriber = 0; subscriber < 2_000; subscriber++) {
                int id = subscriber;
                Member<Integer> member = shared.join(id);
                work.add(CompletableFuture.runAsync(() -> {
                    for (int n = 0; n < 10; n++) {
                        shared.subscribe(member, flight(1 + (id + n) % 20));
                    }
                    shared.unsubscribe(member, flight(1 + id % 20));
                    shared.removeAll(member);
                }, pool));
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdown();
        }

        assertThat(shared.isEmpty()).isTrue();
        assertThat(shared.followedFlights()).isEmpty();
    }
}
