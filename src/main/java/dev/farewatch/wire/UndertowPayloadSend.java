package dev.farewatch.wire;

import dev.farewatch.fanout.OutgoingText;
import dev.farewatch.fanout.Transport;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.jsr.UndertowSession;
import jakarta.websocket.Session;

/**
 * Undertow's way (WildFly): the UTF-8 payload, encoded once for every follower, handed to
 * {@link WebSockets#sendText(java.nio.ByteBuffer, WebSocketChannel, WebSocketCallback)}, which frames
 * it (and applies any negotiated extension) on the connection's I/O thread. Thread-safe: Undertow
 * hands a write from any thread to that I/O thread.
 */
final class UndertowPayloadSend implements Transport {

    private final WebSocketChannel channel;

    private UndertowPayloadSend(WebSocketChannel channel) {
        this.channel = channel;
    }

    /** The payload path for an Undertow session, or null for any other. */
    static Transport of(Session session) {
        return session instanceof UndertowSession undertow ? new UndertowPayloadSend(undertow.getWebSocketChannel()) : null;
    }

    @Override
    public String path() {
        return "undertow-payload";
    }

    @Override
    public void send(OutgoingText message, Done done) {
        WebSockets.sendText(message.payload(), channel, new WebSocketCallback<Void>() {
            @Override
            public void complete(WebSocketChannel channel, Void context) {
                done.sent(true);
            }

            @Override
            public void onError(WebSocketChannel channel, Void context, Throwable throwable) {
                done.sent(false);
            }
        });
    }
}
