package dev.farewatch.bus.redis;

import dev.farewatch.redis.Script;

/**
 * The Lua that makes one stream per flight out of Redis: run atomically, each script sees and leaves
 * the streams whole. Keys: {@code farewatch:market} (the lease), and per flight
 * {@code farewatch:head:<flight>} (a hash: epoch, seq, price in minor units, the latest quote) and
 * {@code farewatch:history:<flight>} (a Redis stream of its latest quotes, entry id {@code 0-<seq+1>}).
 * Quotes go out on {@code farewatch:quotes:<flight>}.
 */
final class Scripts {

    private Scripts() {
    }

    /**
     * Takes the lease if it is free, renews it if this node holds it. KEYS: lease. ARGV: token,
     * milliseconds to hold it. Returns 1 if this node holds it now, else 0.
     */
    static final Script HOLD_LEASE = Script.of("""
            local holder = redis.call('GET', KEYS[1])
            if holder == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            if not holder then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            end
            return 0
            """);

    /** Gives the lease up if this node holds it. KEYS: lease. ARGV: token. */
    static final Script RELEASE_LEASE = Script.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """);

    /**
     * Appends one quote to each flight's stream, if this node holds the lease: the next seq of the
     * stream's epoch, or seq 0 of a new epoch (ARGV[2]) where the flight has no stream (never had,
     * removed, or Redis lost it); the change from the previous price; the history trimmed to about
     * ARGV[3] quotes; and one PUBLISH. KEYS: lease, then head and history per flight. ARGV: token,
     * new epoch, history size, then channel, flight id, ts, price in minor units and currency per
     * flight. Returns the number of quotes appended, 0 if this node does not hold the lease.
     */
    static final Script APPEND = Script.of("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return 0
            end
            local keep = ARGV[3]
            local n = (#KEYS - 1) / 2
            for i = 1, n do
              local head, history = KEYS[2 * i], KEYS[2 * i + 1]
              local a = 3 + (i - 1) * 5
              local channel, flight, ts, price, currency = ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], ARGV[a + 5]
              local state = redis.call('HMGET', head, 'epoch', 'seq', 'price')
              local epoch, seq, change
              if state[1] then
                epoch = state[1]
                seq = tonumber(state[2]) + 1
                change = tonumber(price) - tonumber(state[3])
              else
                epoch = ARGV[2]
                seq = 0
                change = 0
                redis.call('DEL', history)
              end
              local seqText = string.format('%.0f', seq)
              local quote = flight .. ' ' .. epoch .. ' ' .. seqText .. ' ' .. ts .. ' ' .. price .. ' '
                .. string.format('%.0f', change) .. ' ' .. currency
              redis.call('HSET', head, 'epoch', epoch, 'seq', seqText, 'price', price, 'quote', quote)
              redis.call('XADD', history, 'MAXLEN', '~', keep, '0-' .. string.format('%.0f', seq + 1), 'q', quote)
              redis.call('PUBLISH', channel, quote)
            end
            return n
            """);

    /** Ends flights' streams, if this node holds the lease. KEYS: lease, then head and history per flight. ARGV: token. */
    static final Script REMOVE = Script.of("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return 0
            end
            for i = 2, #KEYS do
              redis.call('DEL', KEYS[i])
            end
            return 1
            """);
}
