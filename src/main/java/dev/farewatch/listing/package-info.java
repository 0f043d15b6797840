/**
 * What is on sale: the flights of the catalog and the fares filed for them, as every node of a
 * cluster agrees on them. {@link dev.farewatch.listing.Listings} takes the changes (from the ingest
 * API, the rolling timetable and departures) and applies them on every node to its
 * {@link dev.farewatch.listing.Shelf}, this node's catalog and market;
 * {@link dev.farewatch.listing.InMemoryListings} serves a single node, and
 * {@code dev.farewatch.listing.redis} a cluster.
 */
package dev.farewatch.listing;
