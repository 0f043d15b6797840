package dev.farewatch.wire;

import dev.farewatch.fanout.OutgoingText;
import dev.farewatch.fanout.Transport;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.glassfish.tyrus.core.TyrusFuture;
import org.glassfish.tyrus.core.TyrusRemoteEndpoint;
import org.glassfish.tyrus.core.TyrusWebSocket;

import java.lang.reflect.Field;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/**
 * Tyrus's way (embedded, and Payara's Tyrus 2.1.5): the finished frame's bytes through
 * {@link TyrusWebSocket#sendRawFrame}, which writes them as they are — no encoding, no framing, no
 * idle-timeout task per send (Payara's collapse under load). The standard API hides the socket: it
 * sits in a package-private field of the session's remote, read here once per session. Thread-safe:
 * Tyrus serialises writes under the socket's own lock.
 */
final class TyrusFrameSend implements Transport {

    /** {@code TyrusRemoteEndpoint.webSocket}, or null if this Tyrus has no such field or hides it. */
    private static final Field WEB_SOCKET = socketField();

    private final TyrusWebSocket socket;

    private TyrusFrameSend(TyrusWebSocket socket) {
        this.socket = socket;
    }

    /**
     * The raw-frame path for a Tyrus session, or null where it cannot be taken: an extension was
     * negotiated (it would have to transform each frame), or this Tyrus is not built as expected.
     */
    static Transport of(Session session) {
        if (WEB_SOCKET == null || !session.getNegotiatedExtensions().isEmpty()) {
            return null;
        }
        RemoteEndpoint.Async remote = session.getAsyncRemote();
        if (!(remote instanceof TyrusRemoteEndpoint)) {
            return null;
        }
        try {
            return WEB_SOCKET.get(remote) instanceof TyrusWebSocket socket ? new TyrusFrameSend(socket) : null;
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    @Override
    public void send(OutgoingText message, Done done) {
        Future<?> written = socket.sendRawFrame(message.frame());
        ((CompletionStage<?>) written).whenComplete((frame, failure) -> done.sent(failure == null));
    }

    @Override
    public String path() {
        return "tyrus-raw-frame";
    }

    private static Field socketField() {
        // Its completion is heard only if the future it returns is a CompletionStage (Tyrus 2.1 and later).
        if (!CompletionStage.class.isAssignableFrom(TyrusFuture.class)) {
            return null;
        }
        try {
            Field field = TyrusRemoteEndpoint.class.getDeclaredField("webSocket");
            field.setAccessible(true);
            return field.getType() == TyrusWebSocket.class ? field : null;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }
}
