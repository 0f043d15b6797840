package dev.farewatch.endpoint;

import dev.farewatch.fanout.Transport;
import jakarta.websocket.RemoteEndpoint;

/** An outbox's messages as text frames of one WebSocket session, sent asynchronously. Thread-safe as the container's async remote is. */
record SessionTransport(RemoteEndpoint.Async remote) implements Transport {

    @Override
    public void send(String text, Done done) {
        remote.sendText(text, result -> done.sent(result.isOK()));
    }
}
