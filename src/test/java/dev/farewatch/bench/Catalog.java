package dev.farewatch.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The flights the sessions follow: the first F of the server's own catalog, asked for over the
 * protocol like any client would, so a deployed server with another catalog is loaded correctly too.
 */
final class Catalog {

    private Catalog() {
    }

    /** The first {@code count} flight ids in catalog order; fails naming the shortfall if there are fewer. */
    static List<String> firstFlights(URI stream, int count) throws Exception {
        List<String> ids = flightIds(stream);
        if (ids.size() < count) {
            throw new IllegalStateException("The server's catalog has " + ids.size() + " flights, fewer than the "
                    + count + " asked for (--flights); a launched server gets farewatch.datesPerRoute=max(3, ceil(F/40)),"
                    + " at most 42, so at most 1680 flights");
        }
        return ids.subList(0, count);
    }

    static List<String> flightIds(URI stream) throws Exception {
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(stream, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            JsonObject message = parse(text.toString());
                            text.setLength(0);
                            switch (message.getString("type", "")) {
                                case "flights" -> reply.complete(message);
                                case "error" -> reply.completeExceptionally(
                                        new IllegalStateException("The server refused the catalog request: " + message));
                                default -> { }
                            }
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        reply.completeExceptionally(new IllegalStateException("The server closed the catalog request with "
                                + statusCode + " " + reason));
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        reply.completeExceptionally(error);
                    }
                }).get(15, TimeUnit.SECONDS);
        try {
            socket.sendText(Json.createObjectBuilder().add("type", "flights").build().toString(), true);
            return reply.get(15, TimeUnit.SECONDS).getJsonArray("flights").getValuesAs(JsonObject.class).stream()
                    .map(flight -> flight.getJsonString("flightId")).map(JsonString::getString).toList();
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "catalog read").exceptionally(e -> null);
        }
    }

    private static JsonObject parse(String message) {
        try (JsonReader reader = Json.createReader(new StringReader(message))) {
            return reader.readObject();
        }
    }
}
