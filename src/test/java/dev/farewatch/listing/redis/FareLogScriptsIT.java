package dev.farewatch.listing.redis;

import dev.farewatch.listing.FareLog;
import dev.farewatch.testing.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fare log's Lua, run against a real Redis: what each flight's sorted set keeps and loses. */
class FareLogScriptsIT {

    private static final String FLIGHT = "LH400-2026-12-24";
    private static final String CATALOG = "farewatch:catalog";
    private static final String FARES = "farewatch:fares";
    private static final String LOG = "farewatch:fares:log:" + FLIGHT;
    private static final long DAY = Duration.ofDays(1).toMillis();

    private RedisServer redis;
    private UnifiedJedis jedis;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start(Path.of("target", "redis-fare-log"));
        jedis = RedisClient.builder().hostAndPort(new HostAndPort("127.0.0.1", redis.port())).build();
        jedis.hset(CATALOG, FLIGHT, "{}");
    }

    @AfterEach
    void stop() throws InterruptedException {
        jedis.close();
        redis.kill();
    }

    private void file(String minor) {
        ListingScripts.FILE.run(jedis, List.of(CATALOG, FARES, "farewatch:fares:version", LOG),
                List.of("farewatch:test", "token", Long.toString(FareLog.KEPT.toMillis()), FLIGHT, minor, "EUR"));
    }

    private List<String> logged() {
        return jedis.zrange(LOG, 0, -1).stream().map(entry -> entry.substring(entry.indexOf(' ') + 1)).toList();
    }

    /** Redis' clock, which the scripts file by, in epoch milliseconds. */
    private long now() {
        return (Long) jedis.eval("local t = redis.call('TIME') return t[1] * 1000 + math.floor(t[2] / 1000)");
    }

    @Test
    void aFareFiledInTheSameMinuteReplacesTheOneBefore() {
        // Tried again in the rare case that the minute turns between the two filings.
        for (int attempt = 0; attempt < 3; attempt++) {
            jedis.del(LOG);
            long before = now();
            file("41000");
            file("40000");
            if (before / 60_000 == now() / 60_000) {
                assertThat(logged()).containsExactly("40000 EUR");
                return;
            }
        }
        throw new AssertionError("the minute turned during each of three tries");
    }

    @Test
    void faresOlderThanAWeekGoSaveTheLastOfThem() {
        long now = now();
        jedis.zadd(LOG, now - 10 * DAY, "1 10000 EUR");
        jedis.zadd(LOG, now - 9 * DAY, "2 20000 EUR");
        jedis.zadd(LOG, now - 8 * DAY, "3 30000 EUR");
        jedis.zadd(LOG, now - 2 * DAY, "4 40000 EUR");

        file("50000");

        assertThat(logged()).containsExactly("30000 EUR", "40000 EUR", "50000 EUR");
    }

    @Test
    void faresSinceATimeComeAfterTheLastOneBeforeIt() {
        long now = now();
        jedis.zadd(LOG, now - 3 * DAY, "1 10000 EUR");
        jedis.zadd(LOG, now - 2 * DAY, "2 20000 EUR");
        jedis.zadd(LOG, now - DAY, "3 30000 EUR");

        Object since = ListingScripts.LOG_SINCE.run(jedis, List.of(LOG), List.of(Long.toString(now - 2 * DAY + 1)));

        assertThat(since).isEqualTo(List.of("2 20000 EUR", "3 30000 EUR"));
    }

    @Test
    void removingTheFlightDeletesItsLog() {
        file("41000");

        ListingScripts.REMOVE.run(jedis, List.of(CATALOG, FARES, LOG), List.of(FLIGHT, "farewatch:test", "token"));

        assertThat(jedis.exists(LOG)).isFalse();
    }

    @Test
    void aDepartedFlightsLogIsDeleted() {
        file("41000");

        ListingScripts.DEPART.run(jedis, List.of(CATALOG, FARES, LOG), List.of(FLIGHT, "{}"));

        assertThat(jedis.exists(LOG)).isFalse();
    }
}
