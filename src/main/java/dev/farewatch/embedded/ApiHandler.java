package dev.farewatch.embedded;

import dev.farewatch.ingest.ApiRequest;
import dev.farewatch.ingest.ApiResponse;
import dev.farewatch.ingest.HttpApi;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Carries the HTTP API on the embedded server: each Grizzly request below {@code /api} goes to the
 * {@link HttpApi}, and its answer back. Thread-safe: it keeps nothing between requests.
 */
final class ApiHandler extends HttpHandler {

    static final String PATH = "/api";

    private final HttpApi api;

    ApiHandler(HttpApi api) {
        this.api = api;
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        String uri = request.getDecodedRequestURI();
        String path = uri.length() > PATH.length() ? uri.substring(PATH.length()) : "/";
        ApiResponse answer = api.handle(new ApiRequest(request.getMethod().getMethodString(), path, request.getContentType(),
                request.getHeader("Authorization"), limit -> readAtMost(request, limit), request.getRemoteAddr(),
                ApiRequest.forwarded(request::getHeader)));
        response.setStatus(answer.status());
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        response.setContentLength(answer.body().length);
        if (!answer.bodyOmitted()) {
            response.getOutputStream().write(answer.body());
        }
    }

    private static byte[] readAtMost(Request request, int limit) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            // Grizzly's stream does not end where a declared length does: reading past it waits for the client.
            byte[] body = in.readNBytes(declared >= 0 ? (int) declared : limit + 1);
            if (declared >= 0 && body.length < declared) {
                throw new EOFException("The body ended after " + body.length + " of its " + declared + " bytes");
            }
            return body.length > limit ? null : body;
        }
    }
}
