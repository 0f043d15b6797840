package dev.farewatch.embedded;

import dev.farewatch.endpoint.StreamService;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Watches WebSocket handshakes on their way in and Tyrus' answers on their way out, from just below
 * Tyrus' filter.
 * <ul>
 *   <li>A handshake while the node takes no new connections (starting, or draining as it stops) is
 *       answered 503 before Tyrus sees it, so that a proxy in front retries it on another node rather
 *       than hand its client a connection that closes at once.</li>
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
    public NextAction handleRead(FilterChainContext ctx) {
        if (ctx.getMessage() instanceof HttpContent content && content.getHttpHeader() instanceof HttpRequestPacket request
                && isHandshake(request) && !StreamService.accepting()) {
            HttpResponsePacket response = request.getResponse();
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
            response.setHeader("Retry-After", "1");
            ClosingAnswer.send(ctx, response, "Not taking new connections: starting or stopping");
            return ctx.getStopAction();
        }
        return ctx.getInvokeAction();
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
