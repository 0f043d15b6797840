package dev.farewatch.embedded;

import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;

import java.util.concurrent.TimeUnit;

/**
 * Watches Tyrus' answers to WebSocket handshakes on their way out, from just below Tyrus' filter.
 * <ul>
 *   <li>101: the connection is a WebSocket from now on, so the HTTP request timeout (Grizzly's
 *       {@link IdleTimeoutFilter}, which would otherwise close a WebSocket quiet for that long) stops
 *       applying to it; Farewatch's pings and its idle and slow-consumer rules take over.</li>
 * </ul>
 * Thread-safe: stateless.
 */
final class HandshakeAnswerFilter extends BaseFilter {

    @Override
    public NextAction handleWrite(FilterChainContext ctx) {
        if (!(ctx.getMessage() instanceof HttpContent content)
                || !(content.getHttpHeader() instanceof HttpResponsePacket response) || response.isCommitted()) {
            return ctx.getInvokeAction();
        }
        if (response.getStatus() == 101) {
            IdleTimeoutFilter.setCustomTimeout(ctx.getConnection(), -1, TimeUnit.SECONDS);
        }
        return ctx.getInvokeAction();
    }
}
