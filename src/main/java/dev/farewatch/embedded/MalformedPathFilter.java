package dev.farewatch.embedded;

import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.util.HttpStatus;

import java.io.CharConversionException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Answers 400, and closes the connection, when a request's path cannot be decoded (a broken
 * %-escape, bytes that are not UTF-8): left to them, Grizzly's static files answer such a path with
 * 500 and a stack trace, and Tyrus drops a WebSocket handshake whose path is no URI without a word.
 * Sits below Tyrus' filter and the HTTP handlers, so both only ever see decodable paths.
 * Thread-safe: stateless.
 */
final class MalformedPathFilter extends BaseFilter {

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        HttpContent content = ctx.getMessage();
        HttpRequestPacket request = (HttpRequestPacket) content.getHttpHeader();
        // Once answered (or upgraded to a WebSocket), what follows is a body or frames: the path was vetted.
        if (request.getResponse().isCommitted() || isWellFormed(request)) {
            return ctx.getInvokeAction();
        }
        request.getResponse().setStatus(HttpStatus.BAD_REQUEST_400);
        ClosingAnswer.send(ctx, request.getResponse(), "Malformed path\n");
        return ctx.getStopAction();
    }

    private static boolean isWellFormed(HttpRequestPacket request) {
        try {
            // The decoding every HTTP handler asks for; Grizzly keeps the result for them.
            request.getRequestURIRef().getDecodedRequestURIBC(false);
        } catch (CharConversionException | RuntimeException e) {
            return false;
        }
        if (request.isUpgrade()) {
            // Tyrus reads a handshake's path as a java.net.URI, which is stricter than Grizzly ("|", "{").
            try {
                new URI(request.getRequestURI());
            } catch (URISyntaxException e) {
                return false;
            }
        }
        return true;
    }
}
