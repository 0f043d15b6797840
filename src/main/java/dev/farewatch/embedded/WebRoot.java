package dev.farewatch.embedded;

import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.server.StaticHttpHandler;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.util.HttpStatus;

import java.io.File;
import java.nio.file.Path;

/**
 * The browser page's files at {@code /}: Grizzly's static files, which answer only GET and refuse
 * HEAD with 405, taught HEAD (RFC 9110: the same head as GET, no body; Grizzly's HTTP codec then
 * sends no body bytes). Thread-safe, as Grizzly's handler is.
 */
final class WebRoot extends StaticHttpHandler {

    private final File root;

    WebRoot(Path root) {
        super(root.toAbsolutePath().toString());
        this.root = root.toAbsolutePath().toFile();
    }

    @Override
    protected boolean handle(String uri, Request request, Response response) throws Exception {
        if (Method.HEAD.equals(request.getMethod())) {
            return head(uri, response);
        }
        if (Method.GET.equals(request.getMethod())) {
            // Not a look at the response after this: the file may be sent, and the response recycled, already.
            return super.handle(uri, request, response);
        }
        // Any other method: at most a 405, sent only once this returns.
        boolean handled = super.handle(uri, request, response);
        if (response.getStatus() == HttpStatus.METHOD_NOT_ALLOWED_405.getStatusCode()) {
            response.setHeader(Header.Allow, "GET, HEAD");
        }
        return handled;
    }

    /**
     * Finds the file as GET does ({@code uri} is decoded and free of {@code ..}: the base class saw to
     * it) and sets the headers GET would send for it.
     */
    private boolean head(String uri, Response response) {
        File file = new File(root, uri);
        if (file.isDirectory()) {
            if (!uri.endsWith("/")) {
                response.setStatus(HttpStatus.MOVED_PERMANENTLY_301);
                response.setHeader(Header.Location, response.encodeRedirectURL(uri + "/"));
                return true;
            }
            file = new File(file, "index.html");
        }
        if (!file.isFile()) {
            return false;
        }
        response.setStatus(HttpStatus.OK_200);
        pickupContentType(response, file.getPath());
        addCachingHeaders(response, file);
        response.setContentLengthLong(file.length());
        response.addDateHeader(Header.Date, System.currentTimeMillis());
        return true;
    }
}
