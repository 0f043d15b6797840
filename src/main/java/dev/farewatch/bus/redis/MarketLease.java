package dev.farewatch.bus.redis;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Which node publishes the market's quotes: the one holding a lease in Redis, taken when free and
 * renewed well before it runs out. A node that dies stops renewing, and another takes the lease once
 * it expires. The node believes it holds the lease only until the lease would have run out since it
 * was last renewed, so that a node cut off from Redis stops before another may start; every append
 * is fenced by the lease's token in Redis as well. Thread-safe: renewals are synchronised; the
 * answer to {@link #held} is a volatile read.
 */
final class MarketLease {

    private static final Logger LOG = Logger.getLogger(MarketLease.class.getName());
    static final String KEY = "farewatch:market";
    /** How long a lease lasts unless renewed; a dead holder's prices pause about this long. */
    static final long LEASE_MILLIS = 2_500;
    /** How often the lease is renewed, or tried for: a fifth of its life. */
    static final long RENEW_MILLIS = 500;

    private final String token;
    private final LongSupplier nanoTime;
    private volatile long heldUntilNanos;
    private volatile boolean held;

    MarketLease(String nodeId, LongSupplier nanoTime) {
        this.token = nodeId + ":" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        this.nanoTime = nanoTime;
    }

    String token() {
        return token;
    }

    /** Takes or renews the lease; on failure, this node no longer believes it holds it. */
    synchronized void renew(UnifiedJedis redis) {
        long askedAt = nanoTime.getAsLong();
        boolean nowHeld;
        try {
            nowHeld = Long.valueOf(1).equals(Scripts.HOLD_LEASE.run(redis, List.of(KEY), List.of(token, Long.toString(LEASE_MILLIS))));
        } catch (JedisException e) {
            nowHeld = false;
        }
        if (nowHeld) {
            // Timed from the asking, not the answer: Redis may have started the lease any time after.
            heldUntilNanos = askedAt + (LEASE_MILLIS - RENEW_MILLIS) * 1_000_000;
        }
        if (nowHeld != held) {
            LOG.info(nowHeld ? "This node now publishes the market's prices (it holds the market lease)"
                    : "This node no longer publishes the market's prices (another holds the market lease, or Redis is away)");
        }
        held = nowHeld;
    }

    /** Whether this node may publish now. */
    boolean held() {
        return held && nanoTime.getAsLong() - heldUntilNanos < 0;
    }

    /** Seen from an append that Redis refused: another node holds the lease. */
    void lost() {
        held = false;
    }

    /** Gives the lease up, so that another node takes it at its next renewal rather than after it expires. */
    synchronized void release(UnifiedJedis redis) {
        if (held) {
            try {
                Scripts.RELEASE_LEASE.run(redis, List.of(KEY), List.of(token));
            } catch (JedisException e) {
                // Redis is away: the lease runs out by itself.
            }
        }
        held = false;
    }
}
