package dev.farewatch.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A client of the HTTP API for the tests, on the JDK's own HTTP client so that it shares none of the
 * server's code: each call sends one request and returns the whole answer.
 */
public final class ApiClient {

    /**
     * HTTP/1.1 as curl speaks it: left to its default, Java's client asks every request to upgrade to
     * HTTP/2 ({@code Upgrade: h2c}), and Grizzly then leaves the embedded server's Content-Type out.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** One answer, as received. */
    public record Answer(int status, HttpHeaders headers, String body) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonObject json() {
            return (JsonObject) structure();
        }

        public JsonStructure structure() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final URI base;
    private final String token;

    /**
     * @param base  the server's root, such as {@code http://127.0.0.1:8080/}
     * @param token sent as {@code Authorization: Bearer <token>}; null sends none
     */
    public ApiClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The same server, with another token, or none. */
    public ApiClient withToken(String other) {
        return new ApiClient(base, other);
    }

    public Answer get(String path) {
        return send("GET", path, null, null);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Answer put(String path, String json) {
        return send("PUT", path, json, "application/json");
    }

    public Answer post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    /** @param body null sends none; {@code contentType} null sends no Content-Type */
    public Answer send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
