/**
 * A client's conversation: {@link dev.farewatch.conversation.Conversation} answers each request of
 * the protocol (catalog, subscribe, unsubscribe, ping, info) through the client's outbox and the
 * fan-out. It knows no WebSocket {@code Session}, so it is tested without one.
 */
package dev.farewatch.conversation;
