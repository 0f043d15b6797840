package dev.farewatch.ingest;

import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An HTTP request to the API, as the server carrying it hands it over.
 *
 * @param path          below {@code /api}, decoded: {@code /fares}, {@code /flights/LH400-2026-12-24}
 * @param contentType   the {@code Content-Type} header, or null
 * @param authorization the {@code Authorization} header, or null
 * @param body          read only once the request is let in, so that a refused one costs no upload
 * @param remoteAddress the address of the peer the request came from: the client, or a proxy before it
 * @param forwarded     whether a proxy passed it on ({@code X-Forwarded-For}, {@code Forwarded} or
 *                      {@code X-Real-IP} present), so that the peer is not who asked
 */
public record ApiRequest(String method, String path, String contentType, String authorization, Body body,
                         String remoteAddress, boolean forwarded) {

    /** The headers a proxy adds to say whom it passes a request on for. */
    private static final List<String> FORWARDING_HEADERS = List.of("X-Forwarded-For", "Forwarded", "X-Real-IP");

    /** @param header a request header by name, null when absent: whether a proxy passed the request on */
    public static boolean forwarded(UnaryOperator<String> header) {
        return FORWARDING_HEADERS.stream().anyMatch(name -> header.apply(name) != null);
    }

    /** The request's body, read on demand. */
    @FunctionalInterface
    public interface Body {

        /**
         * @return the whole body, or null if it is longer than {@code limit} bytes (read no further than
         *         needed to tell: {@code limit + 1} bytes, or none when its declared length says so)
         */
        byte[] readAtMost(int limit) throws IOException;
    }
}
