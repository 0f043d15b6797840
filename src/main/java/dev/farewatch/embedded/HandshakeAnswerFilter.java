package dev.farewatch.embedded;

import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Watches Tyrus' answers to WebSocket handshakes on their way out, from just below Tyrus' filter.
 * <ul>
 *   <li>101: the connection is a WebSocket from now on, so the HTTP request timeout (Grizzly's
 *       {@link IdleTimeoutFilter}, which would otherwise close a WebSocket quiet for that long) stops
 *       applying to it; Farewatch's pings and its idle and slow-consumer rules take over.</li>
 *   <li>A refusal (403 for a foreign Origin, 426 for an unknown version, ...): Tyrus writes only its
 *       head, with no length and no end, and leaves the connection open, so a client waits for the
 *       rest until the timeout. It is sent whole instead, with Content-Length 0, and the connection
 *       is closed.</li>
 * </ul>
 * Thread-safe: immutable.
 */
final class HandshakeAnswerFilter extends BaseFilter {

    private final Set<String> webSocketPaths;

    /** @param webSocketPaths the endpoints' paths, exactly: only requests on them are Tyrus' to answer */
    HandshakeAnswerFilter(Set<String> webSocketPaths) {
        this.webSocketPaths = Set.copyOf(webSocketPaths);
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) {
        if (!(ctx.getMessage() instanceof HttpContent content)
                || !(content.getHttpHeader() instanceof HttpResponsePacket response) || response.isCommitted()) {
            return ctx.getInvokeAction();
        }
        if (response.getStatus() == 101) {
            IdleTimeoutFilter.setCustomTimeout(ctx.getConnection(), -1, TimeUnit.SECONDS);
            return ctx.getInvokeAction();
        }
        if (!content.isLast() && isHandshake(response.getRequest())) {
            ClosingAnswer.send(ctx, response, "");
            return ctx.getStopAction();
        }
        return ctx.getInvokeAction();
    }

    private boolean isHandshake(HttpRequestPacket request) {
        return "websocket".equalsIgnoreCase(request.getUpgrade()) && webSocketPaths.contains(request.getRequestURI());
    }
}
