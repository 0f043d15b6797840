/**
 * The WebSocket boundary: the endpoints the container creates per connection, their configurator and,
 * deployed, the handshake filter, which find the running node through
 * {@link dev.farewatch.endpoint.StreamService}; each client's {@code Connection} (size, rate,
 * liveness, closing) around its conversation; and {@link dev.farewatch.endpoint.Connections}, the
 * open connections under the caps, swept once a second.
 */
package dev.farewatch.endpoint;
