package dev.farewatch.bus.redis;

import dev.farewatch.bus.PriceUpdate;
import dev.farewatch.bus.Quote;
import dev.farewatch.bus.StreamPosition;
import dev.farewatch.flight.FlightId;
import dev.farewatch.redis.RedisAddress;
import dev.farewatch.redis.RedisLink;
import dev.farewatch.testing.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two buses on one real Redis, in this JVM: the publishing node's and a follower's. */
class RedisPriceBusIT {

    private static final FlightId LH400 = new FlightId("LH", 400, LocalDate.of(2026, 12, 24));
    private static final Currency EUR = Currency.getInstance("EUR");

    private RedisServer redis;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final List<RedisPriceBus> buses = new ArrayList<>();
    private final List<RedisLink> links = new ArrayList<>();
    private final List<Quote> received = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start(Path.of("target", "redis-bus"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        buses.forEach(RedisPriceBus::close);
        links.forEach(RedisLink::close);
        scheduler.shutdownNow();
        redis.kill();
    }

    private RedisPriceBus bus(String node) {
        RedisLink link = new RedisLink(RedisAddress.parse(redis.url()), "farewatch-" + node, List.of(), Thread::new);
        RedisPriceBus bus = new RedisPriceBus(link, node, 5, scheduler);
        link.start(bus.arrivals());
        buses.add(bus);
        links.add(link);
        return bus;
    }

    private static List<PriceUpdate> tick(long second) {
        return List.of(new PriceUpdate(LH400, new BigDecimal("400.00").add(BigDecimal.valueOf(second)), EUR, second * 1_000));
    }

    @Test
    void theNodeHoldingTheLeasePublishesAndAnotherNodesFollowerGetsEveryQuoteInOrder() {
        RedisPriceBus publisher = bus("a");
        RedisPriceBus follower = bus("b");
        follower.start(received::addAll);
        // A subscribe made before the subscriber connection is up is caught up with the latest quote
        // alone, once it connects; these tests are about every quote after the subscription took.
        await().atMost(Duration.ofSeconds(5)).until(follower::connected);
        follower.subscribe(LH400);

        for (long second = 1; second <= 4; second++) {
            publisher.publish(tick(second));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 4);
        assertThat(received).extracting(Quote::seq).containsExactly(0L, 1L, 2L, 3L);
        assertThat(received.get(1).change()).isEqualByComparingTo("1.00");
        assertThat(follower.latest(LH400)).contains(received.get(3));
    }

    @Test
    void aNodeWithoutTheLeasePublishesNothing() {
        RedisPriceBus publisher = bus("a");
        RedisPriceBus other = bus("b");

        other.publish(tick(1));

        assertThat(publisher.latest(LH400)).isEmpty();
    }

    @Test
    void aFollowerResumesFromTheStreamsHistory() {
        RedisPriceBus publisher = bus("a");
        for (long second = 1; second <= 4; second++) {
            publisher.publish(tick(second));
        }
        String epoch = publisher.latest(LH400).orElseThrow().epoch();

        assertThat(publisher.after(LH400, new StreamPosition(epoch, 1)).orElseThrow()).extracting(Quote::seq).containsExactly(2L, 3L);
        assertThat(publisher.after(LH400, new StreamPosition(epoch, 3))).contains(List.of());
        assertThat(publisher.after(LH400, new StreamPosition("other", 1))).isEmpty();
        assertThat(publisher.after(LH400, new StreamPosition(epoch, 9))).isEmpty();
    }

    @Test
    void historyBeyondWhatIsKeptIsNotOffered() {
        RedisPriceBus publisher = bus("a");
        for (long second = 1; second <= 400; second++) {
            publisher.publish(tick(second));
        }
        String epoch = publisher.latest(LH400).orElseThrow().epoch();

        assertThat(publisher.after(LH400, new StreamPosition(epoch, 0))).as("seq 1 is long trimmed").isEmpty();
        assertThat(publisher.after(LH400, new StreamPosition(epoch, 394)).orElseThrow()).hasSize(5);
    }

    @Test
    void quotesPublishedWhileAFollowersConnectionWasDownAreDeliveredWithoutAHole() throws Exception {
        RedisPriceBus publisher = bus("a");
        RedisPriceBus follower = bus("b");
        follower.start(received::addAll);
        // A subscribe made before the subscriber connection is up is caught up with the latest quote
        // alone, once it connects; these tests are about every quote after the subscription took.
        await().atMost(Duration.ofSeconds(5)).until(follower::connected);
        follower.subscribe(LH400);
        publisher.publish(tick(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);

        try (Jedis admin = new Jedis("127.0.0.1", redis.port())) {
            admin.clientKill(ClientKillParams.clientKillParams().type(ClientType.PUBSUB));
        }
        for (long second = 2; second <= 6; second++) {
            publisher.publish(tick(second));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 6);
        assertThat(received).extracting(Quote::seq).containsExactlyElementsOf(LongStream.range(0, 6).boxed().toList());
    }

    @Test
    void whenThePublisherGivesUpTheLeaseAnotherNodeGoesOnWithTheNextSeq() {
        RedisPriceBus first = bus("a");
        RedisPriceBus second = bus("b");
        first.publish(tick(1));
        first.publish(tick(2));

        first.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            second.publish(tick(3));
            return second.latest(LH400).map(Quote::seq).orElse(-1L) == 2;
        });

        Quote latest = second.latest(LH400).orElseThrow();
        assertThat(second.after(LH400, new StreamPosition(latest.epoch(), 0)).orElseThrow()).extracting(Quote::seq).containsExactly(1L, 2L);
    }
}
