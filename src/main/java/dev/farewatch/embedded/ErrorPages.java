package dev.farewatch.embedded;

import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.util.HttpStatus;

/**
 * The body of every error answer an HTTP handler sends: the status and its standard reason, nothing
 * more. Grizzly's own page names its version and, for a 500, prints the exception's stack trace to
 * whoever asked; the exception belongs in the server's log. Thread-safe: stateless.
 */
final class ErrorPages implements ErrorPageGenerator {

    @Override
    public String generate(Request request, int status, String reasonPhrase, String description, Throwable exception) {
        // Neither the reason phrase nor the description: both can carry text taken from the request.
        String title = status + " " + HttpStatus.getHttpStatus(status).getReasonPhrase();
        return "<!DOCTYPE html><html><head><title>" + title + "</title></head><body><h1>" + title + "</h1></body></html>\n";
    }
}
