/**
 * The price bus shared by several nodes through one Redis server: each flight's stream is numbered
 * by a Lua script, kept as a bounded Redis stream for followers that resume, and published on the
 * flight's own channel to every node subscribed to it. One node at a time, the holder of the
 * market's lease, publishes. {@link dev.farewatch.bus.redis.RedisPriceBus} is the bus;
 * {@link dev.farewatch.redis.RedisLink} owns the connections to Redis.
 */
package dev.farewatch.bus.redis;
