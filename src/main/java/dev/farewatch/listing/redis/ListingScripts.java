package dev.farewatch.listing.redis;

import dev.farewatch.redis.Script;

/**
 * The Lua of the shared listings: each script changes the hashes and publishes the change in one
 * atomic step, so that every node hears of each change once, in the order Redis made them. Keys:
 * {@code farewatch:catalog} (flight id to the flight's JSON), {@code farewatch:fares} (flight id to
 * {@code <version> <minor units> <currency>}), {@code farewatch:fares:version} (the last version
 * given), {@code farewatch:fares:log:<flight>} (a sorted set of the last fare of each minute, scored by
 * its filing in epoch milliseconds, over a week and one before), {@code farewatch:timetable:<day>} (set once the day was put on sale) and
 * {@code farewatch:listings:kept} (set while Redis holds the listings: gone after it lost its data).
 */
final class ListingScripts {

    private ListingScripts() {
    }

    /** KEYS: catalog. ARGV: flight id, flight JSON, channel, token. Returns 1 if the flight was added, 0 if replaced. */
    static final Script PUT = Script.of("""
            local added = redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('PUBLISH', ARGV[3], 'put ' .. ARGV[4] .. ' ' .. ARGV[2])
            return added
            """);

    /** KEYS: catalog, fares, the flight's fare log. ARGV: flight id, channel, token. Returns 1 if there was such a flight, else 0 (and tells nobody). */
    static final Script REMOVE = Script.of("""
            local removed = redis.call('HDEL', KEYS[1], ARGV[1])
            if removed == 1 then
              redis.call('HDEL', KEYS[2], ARGV[1])
              redis.call('DEL', KEYS[3])
              redis.call('PUBLISH', ARGV[2], 'remove ' .. ARGV[3] .. ' ' .. ARGV[1])
            end
            return removed
            """);

    /**
     * Files fares, each under the next version, for the flights still in the catalog, and logs each as
     * its minute's last (see {@link #LOG_SINCE}). KEYS: catalog, fares, version, then the fare log of
     * each fare's flight. ARGV: channel, token, the milliseconds a log keeps, then flight id, minor
     * units and currency per fare.
     * Publishes {@code fares <token>} and a line {@code <version> <flight> <minor> <currency>} per fare
     * filed; returns the (1-based) positions of the fares not filed, their flight being gone.
     * Versions count on from Redis' clock in microseconds (exact in Lua's doubles until 2255), so that
     * they keep growing when Redis lost its data, last version included, and nodes still hold newer ones.
     */
    static final Script FILE = Script.of("""
            local n = (#ARGV - 3) / 3
            local kept = tonumber(ARGV[3])
            local time = redis.call('TIME')
            local version = math.max(tonumber(redis.call('GET', KEYS[3]) or '0'), tonumber(time[1]) * 1000000 + tonumber(time[2]))
            redis.call('SET', KEYS[3], string.format('%.0f', version + n))
            local lines = {'fares ' .. ARGV[2]}
            local skipped = {}
            for i = 1, n do
              local flight, minor, currency = ARGV[3 * i + 1], ARGV[3 * i + 2], ARGV[3 * i + 3]
              version = version + 1
              if redis.call('HEXISTS', KEYS[1], flight) == 1 then
                local v = string.format('%.0f', version)
                redis.call('HSET', KEYS[2], flight, v .. ' ' .. minor .. ' ' .. currency)
                local log, at = KEYS[3 + i], math.floor(version / 1000)
                redis.call('ZREMRANGEBYSCORE', log, at - at % 60000, at)
                redis.call('ZADD', log, at, v .. ' ' .. minor .. ' ' .. currency)
                local old = redis.call('ZCOUNT', log, '-inf', '(' .. string.format('%.0f', at - kept))
                if old > 1 then
                  redis.call('ZREMRANGEBYRANK', log, 0, old - 2)
                end
                lines[#lines + 1] = v .. ' ' .. flight .. ' ' .. minor .. ' ' .. currency
              else
                skipped[#skipped + 1] = i
              end
            end
            redis.call('PUBLISH', ARGV[1], table.concat(lines, '\\n'))
            return skipped
            """);

    /**
     * Reads the whole catalog and every filed fare in one step. When the store has no listings marker
     * (it is new, or Redis lost its data), first puts back what the calling node has on sale: its
     * flights (where the store has none of that id) and the days of the timetable it has opened, so
     * that a Redis that comes back empty does not empty the cluster's catalog. KEYS: marker, catalog,
     * fares, then a marker per day to restore. ARGV: seconds to remember a day, then flight id and
     * JSON per flight. Returns how many flights were put back, the catalog and the fares, each hash as
     * a flat list of field and value.
     */
    static final Script SNAPSHOT = Script.of("""
            local restored = 0
            if redis.call('SET', KEYS[1], '1', 'NX') then
              for i = 4, #KEYS do
                redis.call('SET', KEYS[i], '1', 'NX', 'EX', ARGV[1])
              end
              for i = 2, #ARGV, 2 do
                restored = restored + redis.call('HSETNX', KEYS[2], ARGV[i], ARGV[i + 1])
              end
            end
            return {restored, redis.call('HGETALL', KEYS[2]), redis.call('HGETALL', KEYS[3])}
            """);

    /**
     * Forgets departed flights, each only if the store still has it as the caller saw it depart (not
     * moved to a later departure meanwhile). KEYS: catalog, fares, then each flight's fare log. ARGV:
     * flight id and JSON per flight.
     */
    static final Script DEPART = Script.of("""
            for i = 1, #ARGV, 2 do
              if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then
                redis.call('HDEL', KEYS[1], ARGV[i])
                redis.call('HDEL', KEYS[2], ARGV[i])
                redis.call('DEL', KEYS[3 + (i - 1) / 2])
              end
            end
            return 0
            """);

    /**
     * Puts a day of the timetable on sale unless it was already: KEYS: catalog, the day's marker.
     * ARGV: channel, seconds to remember the day, then flight id and JSON per flight. Publishes
     * {@code put - <json>} per flight added; returns the ids added, none if the day was open already.
     */
    static final Script OPEN_DAY = Script.of("""
            local added = {}
            if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[2]) then
              return added
            end
            for i = 3, #ARGV, 2 do
              if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then
                redis.call('PUBLISH', ARGV[1], 'put - ' .. ARGV[i + 1])
                added[#added + 1] = ARGV[i]
              end
            end
            return added
            """);

    /**
     * The fares of a flight's log from a time on, after the last one before it. KEYS: the fare log.
     * ARGV: epoch milliseconds. Returns {@code <version> <minor units> <currency>} per fare, oldest first.
     */
    static final Script LOG_SINCE = Script.of("""
            local fares = redis.call('ZREVRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '-inf', 'LIMIT', 0, 1)
            local after = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf')
            for i = 1, #after do
              fares[#fares + 1] = after[i]
            end
            return fares
            """);
}
