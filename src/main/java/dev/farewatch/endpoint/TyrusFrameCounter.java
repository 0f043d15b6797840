package dev.farewatch.endpoint;

import org.glassfish.tyrus.core.frame.TyrusFrame;
import org.glassfish.tyrus.core.monitoring.ApplicationEventListener;
import org.glassfish.tyrus.core.monitoring.EndpointEventListener;
import org.glassfish.tyrus.core.monitoring.MessageEventListener;

/**
 * Tyrus's report of every frame a client sends, the only way to see its pings: the standard API hides
 * them, and Tyrus answers each with a pong, so a ping flood would cost the node a core unlimited.
 * Each frame but a text frame (counted where its message is read) goes to its connection's rate.
 * Registered by the embedded server, and in Payara by its class name in {@code WEB-INF/web.xml}
 * (hence public, with a public no-argument constructor); WildFly never loads it. Thread-safe: a
 * session's frames are reported one at a time on its read path, which alone touches its counter.
 */
public final class TyrusFrameCounter implements ApplicationEventListener {

    private static final EndpointEventListener SESSIONS = new EndpointEventListener() {
        @Override
        public MessageEventListener onSessionOpened(String sessionId) {
            return new SessionFrames(sessionId);
        }

        @Override
        public void onSessionClosed(String sessionId) {
        }

        @Override
        public void onError(String sessionId, Throwable error) {
        }
    };

    @Override
    public void onApplicationInitialized(String applicationName) {
    }

    @Override
    public void onApplicationDestroyed() {
    }

    @Override
    public EndpointEventListener onEndpointRegistered(String path, Class<?> endpoint) {
        return SESSIONS;
    }

    @Override
    public void onEndpointUnregistered(String path) {
    }

    /** One session's frames; its connection is found on the first frame, once the endpoint has opened it. */
    private static final class SessionFrames implements MessageEventListener {

        private final String sessionId;
        private Connection connection;

        SessionFrames(String sessionId) {
            this.sessionId = sessionId;
        }

        @Override
        public void onFrameReceived(TyrusFrame.FrameType type, long payloadLength) {
            if (type == TyrusFrame.FrameType.TEXT) {
                return;
            }
            if (connection == null) {
                StreamService stream = StreamService.installed();
                connection = stream == null ? null : stream.connections().bySession(sessionId);
            }
            if (connection != null) {
                connection.receivedFrame();
            }
        }

        @Override
        public void onFrameSent(TyrusFrame.FrameType type, long payloadLength) {
        }
    }
}
