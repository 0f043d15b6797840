package dev.farewatch.fanout;

import dev.farewatch.bus.StreamPosition;
import dev.farewatch.flight.FlightId;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.LongStream;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxTest {

    private static final FlightId LH400 = new FlightId("LH", 400, LocalDate.of(2026, 12, 24));
    private static final FlightId BA117 = new FlightId("BA", 117, LocalDate.of(2026, 12, 24));

    private final SubscriptionRegistry<Outbox> registry = new SubscriptionRegistry<>(2);
    private final RecordingTransport client = new RecordingTransport();
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final Outbox outbox = new Outbox(client, registry, nanos::get, 1_000);

    private static StreamPosition at(long seq) {
        return new StreamPosition("e1", seq);
    }

    private static OutgoingText text(String json) {
        return new OutgoingText(json);
    }

    private static Outbox.Priced priced(long seq) {
        return new Outbox.Priced(at(seq), text("price " + seq));
    }

    /** A plain follow, confirmed with no opening price. */
    private SubscriptionRegistry.Outcome follow(FlightId flight, String confirmation) throws ReplyBacklogFull {
        SubscriptionRegistry.Outcome outcome = outbox.follow(flight);
        if (outcome != SubscriptionRegistry.Outcome.LIMIT_REACHED) {
            outbox.open(flight, confirmation, List.of());
        }
        return outcome;
    }

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
        follow(LH400, "subscribed");
        outbox.price(LH400, at(7), text("price 7"));

        client.readAll();

        assertThat(client.sent()).containsExactly("busy", "subscribed", "price 7");
    }

    @Test
    void aRetiredFlightIsToldAfterWhatWasSentAndNoPriceOfItFollows() throws ReplyBacklogFull {
        follow(LH400, "subscribed");
        outbox.price(LH400, at(7), text("price 7"));
        outbox.price(LH400, at(8), text("price 8"));

        assertThat(outbox.retire(LH400, text("unsubscribed removed"))).isTrue();
        outbox.price(LH400, at(9), text("price 9"));
        client.readAll();

        assertThat(client.sent()).containsExactly("subscribed", "unsubscribed removed");
        assertThat(registry.follows(outbox.follows(), LH400)).isFalse();
    }

    @Test
    void retiringAFlightNotFollowedTellsNothing() {
        assertThat(outbox.retire(LH400, text("unsubscribed removed"))).isFalse();

        assertThat(client.sent()).isEmpty();
    }

    @Test
    void aResumeThatMissedNothingSendsNoQuoteTheClientHasWhenItArrivesLate() throws ReplyBacklogFull {
        outbox.follow(LH400);
        outbox.open(LH400, "subscribed recovered", List.of(), at(7));

        outbox.price(LH400, at(7), text("price 7"));
        outbox.price(LH400, at(8), text("price 8"));
        client.readAll();

        assertThat(client.sent()).containsExactly("subscribed recovered", "price 8");
    }

    @Test
    void aPriceOfAFlightNotFollowedIsDropped() {
        outbox.price(LH400, at(7), text("price 7"));

        assertThat(client.sent()).isEmpty();
    }

    @Test
    void noPriceFollowsTheConfirmationOfUnfollowing() throws ReplyBacklogFull {
        follow(LH400, "subscribed");
        outbox.price(LH400, at(7), text("price 7"));
        outbox.unfollow(LH400, "unsubscribed");
        outbox.price(LH400, at(8), text("price 8"));

        client.readAll();

        assertThat(client.sent()).containsExactly("subscribed", "unsubscribed");
        assertThat(registry.follows(outbox.follows(), LH400)).isFalse();
    }

    @Test
    void aSlowReaderGetsEachFlightsNewestPriceOnly() throws ReplyBacklogFull {
        follow(LH400, "subscribed LH400");
        follow(BA117, "subscribed BA117");
        client.complete(true);
        client.complete(true);
        outbox.price(LH400, at(1), text("LH400 1"));
        outbox.price(LH400, at(2), text("LH400 2"));
        outbox.price(BA117, at(1), text("BA117 1"));
        outbox.price(LH400, at(3), text("LH400 3"));

        client.readAll();

        assertThat(client.sent()).containsExactly("subscribed LH400", "subscribed BA117", "LH400 1", "LH400 3", "BA117 1");
    }

    @Test
    void anOlderPriceArrivingLateIsNotSentAfterANewerOne() throws ReplyBacklogFull {
        follow(LH400, "subscribed");
        outbox.price(LH400, at(5), text("price 5"));
        outbox.price(LH400, at(4), text("price 4"));
        outbox.price(LH400, at(5), text("price 5 again"));

        client.readAll();

        assertThat(client.sent()).containsExactly("subscribed", "price 5");
    }

    @Test
    void aFollowBeyondTheLimitIsRefusedWithoutConfirmation() throws ReplyBacklogFull {
        follow(LH400, "subscribed LH400");
        follow(BA117, "subscribed BA117");

        assertThat(follow(new FlightId("AF", 6, LocalDate.of(2026, 12, 24)), "subscribed AF6"))
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
        assertThatThrownBy(() -> outbox.follow(LH400)).isInstanceOf(ReplyBacklogFull.class);
        assertThat(registry.follows(outbox.follows(), LH400)).as("a refused follow changes nothing").isFalse();
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
        follow(LH400, "subscribed");
        outbox.reply("waiting");
        outbox.close();
        client.complete(true);

        outbox.price(LH400, at(1), text("price"));
        outbox.reply("late");

        assertThat(client.sent()).containsExactly("subscribed");
    }

    @Test
    void aTransportThatRefusesToSendClosesTheOutbox() throws ReplyBacklogFull {
        Outbox refused = new Outbox((text, done) -> {
            throw new IllegalStateException("closing");
        }, registry, nanos::get, 1_000);

        refused.reply("a");

        assertThat(refused.stalledNanos(nanos.get() + 10_000)).isZero();
    }

    @Test
    void livePricesArrivingWhileAFollowOpensWaitBehindItsConfirmationAndOpeningPrices() throws ReplyBacklogFull {
        outbox.follow(LH400);
        outbox.price(LH400, at(5), text("price 5"));
        assertThat(client.sent()).as("held back while the follow opens").isEmpty();

        outbox.open(LH400, "subscribed", List.of(priced(3), priced(4)));
        client.readAll();

        assertThat(client.sent()).containsExactly("subscribed", "price 3", "price 4", "price 5");
    }

    @Test
    void aHeldPriceTheOpeningPricesAlreadyCoverIsDropped() throws ReplyBacklogFull {
        outbox.follow(LH400);
        outbox.price(LH400, at(4), text("live 4"));

        outbox.open(LH400, "subscribed", List.of(priced(3), priced(4)));
        client.readAll();

        assertThat(client.sent()).containsExactly("subscribed", "price 3", "price 4");
    }

    @Test
    void afterTheOpeningPricesOnlyNewerLivePricesAreSent() throws ReplyBacklogFull {
        outbox.follow(LH400);
        outbox.open(LH400, "subscribed", List.of(priced(3), priced(4)));

        outbox.price(LH400, at(4), text("live 4"));
        outbox.price(LH400, at(5), text("live 5"));
        client.readAll();

        assertThat(client.sent()).containsExactly("subscribed", "price 3", "price 4", "live 5");
    }

    @Test
    void aPriceOfANewEpochIsSentEvenWithALowerSeq() throws ReplyBacklogFull {
        follow(LH400, "subscribed");
        outbox.price(LH400, at(41), text("old stream 41"));
        client.readAll();

        outbox.price(LH400, new StreamPosition("e2", 0), text("new stream 0"));
        client.readAll();

        assertThat(client.sent()).containsExactly("subscribed", "old stream 41", "new stream 0");
    }

    @Test
    void openingPricesDoNotCountAgainstTheReplyBacklog() throws ReplyBacklogFull {
        outbox.follow(LH400);
        outbox.open(LH400, "subscribed", LongStream.range(0, 300).mapToObj(OutboxTest::priced).toList());

        outbox.reply("still answered");

        assertThat(outbox.roomForOpenings()).isEqualTo(1_000 - 300);
    }

    @Test
    void aFollowOfAFlightFollowedAgainOpensAfresh() throws ReplyBacklogFull {
        follow(LH400, "subscribed");
        outbox.price(LH400, at(7), text("live 7"));
        client.readAll();

        assertThat(outbox.follow(LH400)).isEqualTo(SubscriptionRegistry.Outcome.ALREADY_SUBSCRIBED);
        outbox.open(LH400, "subscribed again", List.of(priced(7)));
        client.readAll();

        assertThat(client.sent()).containsExactly("subscribed", "live 7", "subscribed again", "price 7");
    }
}
