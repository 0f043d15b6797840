package dev.farewatch.deploy;

import dev.farewatch.ingest.ApiRequest;
import dev.farewatch.ingest.ApiResponse;
import dev.farewatch.ingest.HttpApi;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Carries the HTTP API in the application server: registered by {@link ContainerLifecycle} at
 * {@code /api/*} with the node's {@link HttpApi}, it hands each request over whatever its method
 * and passes the answer back. Thread-safe: it keeps nothing between requests, and the API it is
 * handed is read once per request.
 */
final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final long DRAINED_AT_MOST = 8L << 20;

    private transient volatile HttpApi api;

    ApiServlet(HttpApi api) {
        this.api = api;
    }

    /** The node stopped: answers 503 from now on, and holds on to nothing of it. */
    void detach() {
        api = null;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpApi current = api;
        if (current == null) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        ApiResponse answer = current.handle(new ApiRequest(request.getMethod(), path, request.getContentType(),
                request.getHeader("Authorization"), limit -> readAtMost(request, response, limit), request.getRemoteAddr(),
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

    /**
     * A body over the limit is read on and dropped, up to {@value #DRAINED_AT_MOST} bytes, and the
     * connection closed after the answer: Payara does neither for a servlet, and a client still sending
     * its body would never read the 413.
     */
    private static byte[] readAtMost(HttpServletRequest request, HttpServletResponse response, int limit) throws IOException {
        try (InputStream in = request.getInputStream()) {
            if (request.getContentLengthLong() <= limit) {
                byte[] body = in.readNBytes(limit + 1);
                if (body.length <= limit) {
                    return body;
                }
            }
            response.setHeader("Connection", "close");
            byte[] dropped = new byte[8192];
            long drained = 0;
            for (int read = 0; read >= 0 && drained < DRAINED_AT_MOST; read = in.read(dropped)) {
                drained += read;
            }
            return null;
        }
    }
}
