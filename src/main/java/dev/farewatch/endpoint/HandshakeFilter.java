package dev.farewatch.endpoint;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.logging.Logger;

/**
 * Deployed, answers a WebSocket handshake from a foreign Origin with 403 before the container upgrades
 * it (WildFly would answer a refusing {@code checkOrigin} with 404), and passes the client's address on
 * to {@link HandshakeCheck}, overwriting any client-sent header of that name.
 */
@WebFilter(urlPatterns = "/ws/*", asyncSupported = true)
public class HandshakeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(HandshakeFilter.class.getName());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        StreamService stream = StreamService.installed();
        if (stream == null) {
            // Starting or draining: a proxy in front (nginx's proxy_next_upstream http_503) tries another node.
            response.setHeader("Retry-After", "1");
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Not taking new connections: starting or stopping");
            return;
        }
        String origin = request.getHeader("Origin");
        if (!stream.origins().allows(origin, request.getHeader("Host"))) {
            LOG.info(() -> "Refused a WebSocket handshake from " + request.getRemoteAddr() + ": origin " + origin
                    + " is not allowed (farewatch.allowedOrigins)");
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Origin not allowed");
            return;
        }
        chain.doFilter(new WithRemoteAddress(request), response);
    }

    private static final class WithRemoteAddress extends HttpServletRequestWrapper {

        WithRemoteAddress(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return isRemoteAddress(name) ? getRemoteAddr() : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return isRemoteAddress(name) ? Collections.enumeration(List.of(getRemoteAddr())) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> all = super.getHeaderNames(); all.hasMoreElements(); ) {
                String name = all.nextElement();
                if (!isRemoteAddress(name)) {
                    names.add(name);
                }
            }
            names.add(HandshakeCheck.REMOTE_ADDRESS_HEADER);
            return Collections.enumeration(names);
        }

        private static boolean isRemoteAddress(String name) {
            return HandshakeCheck.REMOTE_ADDRESS_HEADER.equalsIgnoreCase(name);
        }
    }
}
