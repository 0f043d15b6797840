/**
 * The HTTP API under {@code /api}: fare teams file fares and change the catalog with a bearer token,
 * anyone reads the catalog and the latest prices. {@link dev.farewatch.ingest.IngestApi} answers an
 * {@link dev.farewatch.ingest.ApiRequest} with an {@link dev.farewatch.ingest.ApiResponse} and knows
 * no HTTP server: the container's servlet and the embedded server's Grizzly handler carry them, so
 * that every server answers alike.
 */
package dev.farewatch.ingest;
