/**
 * The listings of a cluster, kept in the Redis its nodes share: the catalog as one hash of flights,
 * the filed fares as another, each change made by a Lua script that also publishes it on one channel
 * every node listens to, and applied on each node in the order Redis made them.
 */
package dev.farewatch.listing.redis;
