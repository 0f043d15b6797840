package dev.farewatch.conversation;

import dev.farewatch.bus.InMemoryPriceBus;
import dev.farewatch.bus.PriceUpdate;
import dev.farewatch.fanout.Fanout;
import dev.farewatch.fanout.ReplyBacklogFull;
import dev.farewatch.fanout.Transport;
import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightCatalog;
import dev.farewatch.flight.Timetable;
import dev.farewatch.history.PriceHistory;
import dev.farewatch.listing.InMemoryListings;
import dev.farewatch.listing.Shelf;
import dev.farewatch.market.FiledFares;
import dev.farewatch.market.SimulatedFareMarket;
import dev.farewatch.protocol.MessageCodec;
import dev.farewatch.protocol.ServerMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client's requests answered without any WebSocket: a real fan-out, bus, catalog and codec, and a
 * client that reads every message at once.
 */
class ConversationTest {

    private final FlightCatalog catalog = Timetable.generate(5L, LocalDate.of(2026, 12, 1));
    private final Flight lh = catalog.flights().get(0);
    private final Flight other = catalog.flights().get(1);
    private final MessageCodec codec = new MessageCodec();
    private final InMemoryPriceBus bus = new InMemoryPriceBus(300);
    private final Fanout fanout = new Fanout(bus, codec, 2, 1_000, Runnable::run, System::nanoTime);
    private final InMemoryListings listings = new InMemoryListings(new Shelf(catalog, new FiledFares(), (flight, why) -> { }),
            () -> 42L);
    private final Conversations conversations = new Conversations(fanout, catalog,
            new PriceHistory(new SimulatedFareMarket(5L), listings, bus), codec,
            () -> new ServerMessage.Info("test", "1", "embedded", 1, fanout.followedFlights(), "node-1", "memory", true, null), () -> 42L);
    private final List<JsonObject> received = new ArrayList<>();
    private final Conversation conversation = conversations.open(readAtOnce());

    ConversationTest() {
        bus.start(fanout);
        bus.publish(List.of(new PriceUpdate(lh.flightId(), new BigDecimal("100.00"), lh.currency(), 1_000)));
    }

    @AfterEach
    void closeCodec() {
        codec.close();
    }

    private Transport readAtOnce() {
        return (message, done) -> {
            received.add(Json.createReader(new StringReader(message.text())).readObject());
            done.sent(true);
        };
    }

    private List<String> types() {
        return received.stream().map(json -> json.getString("type")).toList();
    }

    private void say(String json) throws ReplyBacklogFull {
        conversation.answer(json);
    }

    @Test
    void subscribingIsConfirmedAndFollowedByTheLatestPrice() throws ReplyBacklogFull {
        say("{\"type\":\"subscribe\",\"flightId\":\"" + lh.flightId() + "\"}");

        assertThat(types()).containsExactly("subscribed", "price");
        assertThat(received.get(1).getJsonNumber("price").bigDecimalValue()).isEqualByComparingTo("100.00");
        assertThat(conversation.watchesNothing()).isFalse();
    }

    @Test
    void theOriginalFlightIdRequestSubscribesToo() throws ReplyBacklogFull {
        say("{\"flight_id\":\"" + lh.flightId() + "\"}");

        assertThat(types()).containsExactly("subscribed", "price");
    }

    @Test
    void unsubscribingIsConfirmedAndLeavesTheConnectionFollowingNothing() throws ReplyBacklogFull {
        say("{\"type\":\"subscribe\",\"flightId\":\"" + lh.flightId() + "\"}");
        say("{\"type\":\"unsubscribe\",\"flightId\":\"" + lh.flightId() + "\"}");

        assertThat(types()).containsExactly("subscribed", "price", "unsubscribed");
        assertThat(conversation.watchesNothing()).isTrue();
    }

    @Test
    void aFlightNotInTheCatalogIsRefused() throws ReplyBacklogFull {
        say("{\"type\":\"subscribe\",\"flightId\":\"LH9999-2030-01-01\"}");

        assertThat(received).singleElement().satisfies(error -> {
            assertThat(error.getString("code")).isEqualTo("UNKNOWN_FLIGHT");
            assertThat(error.getString("flightId")).isEqualTo("LH9999-2030-01-01");
        });
    }

    @Test
    void alertsBeyondTheSubscriptionLimitAreRefused() throws ReplyBacklogFull {
        say("{\"type\":\"alert\",\"flightId\":\"" + lh.flightId() + "\",\"below\":50}");
        say("{\"type\":\"alert\",\"flightId\":\"" + other.flightId() + "\",\"below\":50}");
        received.clear();

        say("{\"type\":\"alert\",\"flightId\":\"" + catalog.flights().get(2).flightId() + "\",\"below\":50}");

        assertThat(received).singleElement().satisfies(error ->
                assertThat(error.getString("code")).isEqualTo("TOO_MANY_ALERTS"));
    }

    @Test
    void settingAnAlertAgainReplacesItsThresholdWithinTheLimit() throws ReplyBacklogFull {
        say("{\"type\":\"alert\",\"flightId\":\"" + lh.flightId() + "\",\"below\":50}");
        say("{\"type\":\"alert\",\"flightId\":\"" + other.flightId() + "\",\"below\":50}");
        say("{\"type\":\"alert\",\"flightId\":\"" + lh.flightId() + "\",\"below\":150}");
        bus.publish(List.of(new PriceUpdate(lh.flightId(), new BigDecimal("120.00"), lh.currency(), 2_000)));

        assertThat(types()).containsExactly("alertSet", "alertSet", "alertSet", "alertTriggered");
        assertThat(received.get(3).getJsonNumber("below").intValue()).isEqualTo(150);
    }

    @Test
    void aClearedAlertTriggersNoMore() throws ReplyBacklogFull {
        say("{\"type\":\"alert\",\"flightId\":\"" + lh.flightId() + "\",\"below\":150}");
        say("{\"type\":\"alert\",\"flightId\":\"" + lh.flightId() + "\",\"below\":null}");
        bus.publish(List.of(new PriceUpdate(lh.flightId(), new BigDecimal("120.00"), lh.currency(), 2_000)));

        assertThat(types()).containsExactly("alertSet", "alertSet");
        assertThat(received.get(1).isNull("below")).isTrue();
        assertThat(fanout.isIdle()).isTrue();
    }

    @Test
    void followingBeyondTheLimitIsRefused() throws ReplyBacklogFull {
        say("{\"type\":\"subscribe\",\"flightId\":\"" + lh.flightId() + "\"}");
        say("{\"type\":\"subscribe\",\"flightId\":\"" + other.flightId() + "\"}");
        received.clear();

        say("{\"type\":\"subscribe\",\"flightId\":\"" + catalog.flights().get(2).flightId() + "\"}");

        assertThat(received).singleElement().satisfies(error ->
                assertThat(error.getString("code")).isEqualTo("TOO_MANY_SUBSCRIPTIONS"));
    }

    @Test
    void theCatalogIsAnsweredAsItIsNow() throws ReplyBacklogFull {
        say("{\"type\":\"flights\"}");
        catalog.remove(other.flightId());
        say("{\"type\":\"flights\"}");

        assertThat(received.get(0).getJsonArray("flights")).hasSize(catalog.size() + 1);
        assertThat(received.get(1).getJsonArray("flights")).hasSize(catalog.size());
    }

    @Test
    void pingIsAnsweredWithTheServersClock() throws ReplyBacklogFull {
        say("{\"type\":\"ping\"}");

        assertThat(received).singleElement().satisfies(pong -> assertThat(pong.getJsonNumber("ts").longValue()).isEqualTo(42));
    }

    @Test
    void infoIsTheNodesOwnAccount() throws ReplyBacklogFull {
        say("{\"type\":\"subscribe\",\"flightId\":\"" + lh.flightId() + "\"}");
        say("{\"type\":\"info\"}");

        assertThat(received.get(2).getString("server")).isEqualTo("test");
        assertThat(received.get(2).getInt("flights")).isEqualTo(1);
    }

    @Test
    void aMessageThatIsNotJsonIsAnsweredWithAnErrorAndTheConversationGoesOn() throws ReplyBacklogFull {
        say("not json");
        say("{\"type\":\"ping\"}");

        assertThat(types()).containsExactly("error", "pong");
        assertThat(received.get(0).getString("code")).isEqualTo("BAD_JSON");
    }

    @Test
    void endingForgetsEverythingFollowed() throws ReplyBacklogFull {
        say("{\"type\":\"subscribe\",\"flightId\":\"" + lh.flightId() + "\"}");

        conversation.end();

        assertThat(fanout.isIdle()).isTrue();
    }
}
