package dev.farewatch.embedded;

import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.memory.Buffers;

import java.nio.charset.StandardCharsets;

/**
 * A whole HTTP answer written from inside Grizzly's filter chain, below the HTTP handlers, after which
 * the connection is closed: for requests the server will not serve, so that the client sees where the
 * answer ends and nothing more is read from it.
 */
final class ClosingAnswer {

    private ClosingAnswer() {
    }

    /**
     * Writes {@code response} (its status and headers as set) with {@code body} as plain text, then
     * closes the connection once that is sent. {@code ctx} is the calling filter's: the answer goes
     * down the chain from that filter, through the HTTP codec, as any answer of a filter there would.
     */
    static void send(FilterChainContext ctx, HttpResponsePacket response, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > 0) {
            response.setContentType("text/plain;charset=US-ASCII");
        }
        response.setContentLength(bytes.length);
        response.setHeader(Header.Connection, "close");
        ctx.write(HttpContent.builder(response).content(Buffers.wrap(ctx.getMemoryManager(), bytes)).last(true).build());
        // Graceful: the close is queued behind the answer, which the write above has already queued.
        ctx.getConnection().closeSilently();
    }
}
