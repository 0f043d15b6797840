/**
 * The fan-out: who follows which flight on this node ({@link dev.farewatch.fanout.SubscriptionRegistry}),
 * each connection's outgoing queue ({@link dev.farewatch.fanout.Outbox}), and
 * {@link dev.farewatch.fanout.Fanout}, which takes the bus's quotes and offers them to the outboxes of
 * their followers. Nothing here knows a WebSocket {@code Session}: an outbox sends over a
 * {@link dev.farewatch.fanout.Transport}.
 */
package dev.farewatch.fanout;
