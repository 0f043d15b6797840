/**
 * The protocol's messages: what a client may ask ({@link dev.farewatch.protocol.Request}), what the
 * server sends ({@link dev.farewatch.protocol.ServerMessage}), the error codes, and
 * {@link dev.farewatch.protocol.MessageCodec}, which reads and writes them as JSON through JSON-B.
 */
package dev.farewatch.protocol;
