package dev.farewatch.fanout;

import dev.farewatch.flight.FlightId;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxTest {

    private static final FlightId LH400 = new FlightId("LH", 400, LocalDate.of(2026, 12, 24));
    private static final FlightId BA117 = new FlightId("BA", 117, LocalDate.of(2026, 12, 24));

    private final SubscriptionRegistry<Outbox> registry = new SubscriptionRegistry<>(2);
    private final RecordingTransport client = new RecordingTransport();
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final Outbox outbox = new Outbox(client, registry, nanos::get);

    @Test
    void sendsOneMessageAtATime() throws ReplyBacklogFull {
        outbox.reply("a");
        outbox.reply("b");

        assertThat(client.sent()).containsExactly("a");
        client.complete(true);
        assertThat(client.sent()).containsExactly("a", "b");
    }

    @Test
    void followingIsConfirmedBeforeAnyPriceOfTheFlight() throws ReplyBacklogFull {
        outbox.reply("busy");
        outbox.follow(LH400, "subscribed");
        outbox.price(LH400, 7, "price 7");

        client.readAll();

        assertThat(client.sent()).containsExactly("busy", "subscribed", "price 7");
    }

    @Test
    void aPriceOfAFlightNotFollowedIsDropped() {
        outbox.price(LH400, 7, "price 7");

        assertThat(client.sent()).isEmpty();
    }

    @Test
    void noPriceFollowsTheConfirmationOfUnfollowing() throws ReplyBacklogFull {
        outbox.follow(LH400, "subscribed");
        outbox.price(LH400, 7, "price 7");
        outbox.unfollow(LH400, "unsubscribed");
        outbox.price(LH400, 8, "price 8");

        client.readAll();

        assertThat(client.sent()).containsExactly("subscribed", "unsubscribed");
        assertThat(registry.follows(outbox, LH400)).isFalse();
    }

    @Test
    void aSlowReaderGetsEachFlightsNewestPriceOnly() throws ReplyBacklogFull {
        outbox.follow(LH400, "subscribed LH400");
        outbox.follow(BA117, "subscribed BA117");
        client.complete(true);
        client.complete(true);
        outbox.price(LH400, 1, "LH400 1");
        outbox.price(LH400, 2, "LH400 2");
        outbox.price(BA117, 1, "BA117 1");
        outbox.price(LH400, 3, "LH400 3");

        client.readAll();

        assertThat(client.sent()).containsExactly("subscribed LH400", "subscribed BA117", "LH400 1", "LH400 3", "BA117 1");
    }

    @Test
    void anOlderPriceArrivingLateIsNotSentAfterANewerOne() throws ReplyBacklogFull {
        outbox.follow(LH400, "subscribed");
        outbox.price(LH400, 5, "price 5");
        outbox.price(LH400, 4, "price 4");
        outbox.price(LH400, 5, "price 5 again");

        client.readAll();

        assertThat(client.sent()).containsExactly("subscribed", "price 5");
    }

    @Test
    void aFollowBeyondTheLimitIsRefusedWithoutConfirmation() throws ReplyBacklogFull {
        outbox.follow(LH400, "subscribed LH400");
        outbox.follow(BA117, "subscribed BA117");

        assertThat(outbox.follow(new FlightId("AF", 6, LocalDate.of(2026, 12, 24)), "subscribed AF6"))
                .isEqualTo(SubscriptionRegistry.Outcome.LIMIT_REACHED);
        client.readAll();
        assertThat(client.sent()).containsExactly("subscribed LH400", "subscribed BA117");
    }

    @Test
    void repliesBeyondTheBacklogAreRefused() throws ReplyBacklogFull {
        outbox.reply("in flight");
        for (int i = 0; i < Outbox.MAX_UNSENT_REPLIES; i++) {
            outbox.reply("waiting " + i);
        }

        assertThatThrownBy(() -> outbox.reply("one too many")).isInstanceOf(ReplyBacklogFull.class);
        assertThatThrownBy(() -> outbox.follow(LH400, "subscribed")).isInstanceOf(ReplyBacklogFull.class);
        assertThat(registry.follows(outbox, LH400)).as("a refused follow changes nothing").isFalse();
    }

    @Test
    void aStalledSendIsTimedFromWhenItStarted() throws ReplyBacklogFull {
        assertThat(outbox.stalledNanos(5_000)).isZero();
        outbox.reply("a");

        assertThat(outbox.stalledNanos(5_000)).isEqualTo(4_000);
        client.complete(true);
        assertThat(outbox.stalledNanos(9_000)).isZero();
    }

    @Test
    void aFailedSendClosesTheOutbox() throws ReplyBacklogFull {
        outbox.reply("a");
        outbox.reply("b");

        client.complete(false);

        assertThat(client.sent()).containsExactly("a");
        assertThat(client.inFlight()).isFalse();
    }

    @Test
    void aClosedOutboxSendsNothingMore() throws ReplyBacklogFull {
        outbox.follow(LH400, "subscribed");
        outbox.reply("waiting");
        outbox.close();
        client.complete(true);

        outbox.price(LH400, 1, "price");
        outbox.reply("late");

        assertThat(client.sent()).containsExactly("subscribed");
    }

    @Test
    void aTransportThatRefusesToSendClosesTheOutbox() throws ReplyBacklogFull {
        Outbox refused = new Outbox((text, done) -> {
            throw new IllegalStateException("closing");
        }, registry, nanos::get);

        refused.reply("a");

        assertThat(refused.stalledNanos(nanos.get() + 10_000)).isZero();
    }
}
