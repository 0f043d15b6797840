package dev.farewatch.wire;

import dev.farewatch.fanout.OutgoingText;
import dev.farewatch.fanout.Transport;
import jakarta.websocket.RemoteEndpoint;

/**
 * The standard API's way, which every runtime offers: the message's text through the session's async
 * remote, encoded and framed by the runtime on every send. Thread-safe as the container's async
 * remote is.
 */
record StandardSend(RemoteEndpoint.Async remote) implements Transport {

    @Override
    public void send(OutgoingText message, Done done) {
        remote.sendText(message.text(), result -> done.sent(result.isOK()));
    }
}
