/**
 * How an outbox's messages reach a WebSocket session on each runtime: {@link dev.farewatch.wire.Transports}
 * picks, per session, Tyrus's raw frames (embedded and in Payara), Undertow's pre-encoded payloads (in
 * WildFly), or the standard {@code sendText} everywhere else. The only package that knows the
 * runtimes' own classes for sending; the fan-out sees a {@link dev.farewatch.fanout.Transport}.
 */
package dev.farewatch.wire;
