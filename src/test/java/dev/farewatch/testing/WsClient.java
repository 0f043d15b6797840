package dev.farewatch.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A WebSocket client for the tests, on the JDK's own implementation so that the server is exercised
 * by a client that shares none of its code. Each received text message is kept with its arrival time.
 */
public final class WsClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A message as received, and when (System.nanoTime()). */
    public record Received(JsonObject json, String text, long nanos) {
        public String type() {
            return json.getString("type", "");
        }
    }

    /** How the server closed the connection. */
    public record Closed(int code, String reason) {
    }

    private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        this.socket = builder
                .buildAsync(uri, new Listener())
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    public static WsClient connect(URI uri) {
        return new WsClient(uri, Map.of());
    }

    /** With these request headers on the handshake, such as a proxy's {@code X-Forwarded-For}. */
    public static WsClient connect(URI uri, Map<String, String> headers) {
        return new WsClient(uri, headers);
    }

    public WsClient send(String text) {
        socket.sendText(text, true).orTimeout(5, TimeUnit.SECONDS).join();
        return this;
    }

    public WsClient sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).orTimeout(5, TimeUnit.SECONDS).join();
        return this;
    }

    /** The next message, whatever it is. */
    public Received next(Duration timeout) {
        try {
            Received message = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("No message within " + timeout + (closed.isDone() ? "; closed: " + closed.join() : ""));
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message of this type; messages of other types before it are dropped. */
    public Received next(String type, Duration timeout) {
        return next(m -> type.equals(m.type()), timeout);
    }

    public Received next(Predicate<Received> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Received message = next(Duration.ofNanos(Math.max(left, 0)));
            if (wanted.test(message)) {
                return message;
            }
        }
    }

    /** Asks for the catalog and returns its flight ids in its order; an {@code error} reply fails at once, naming it. */
    public List<String> flightIds(Duration timeout) {
        JsonObject reply = send("{\"type\":\"flights\"}")
                .next(m -> m.type().equals("flights") || m.type().equals("error"), timeout).json();
        if (!reply.getString("type").equals("flights")) {
            throw new IllegalStateException("The server refused the catalog request: " + reply);
        }
        return reply.getJsonArray("flights").getValuesAs(JsonObject.class).stream()
                .map(flight -> flight.getString("flightId")).toList();
    }

    /** The next {@code count} prices of one flight, other messages dropped. */
    public List<Received> prices(String flightId, int count, Duration timeout) {
        List<Received> prices = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (prices.size() < count) {
            prices.add(next(m -> m.type().equals("price") && m.json().getString("flightId").equals(flightId),
                    Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0))));
        }
        return prices;
    }

    /** Everything received so far and not yet taken. */
    public List<Received> drain() {
        List<Received> all = new ArrayList<>();
        inbox.drainTo(all);
        return all;
    }

    public CompletableFuture<Closed> closed() {
        return closed;
    }

    public Closed awaitClose(Duration timeout) {
        return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public boolean isOpen() {
        return !socket.isInputClosed() && !socket.isOutputClosed();
    }

    /** Drops the TCP connection without a closing handshake. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try (var reader = Json.createReader(new StringReader(text))) {
                    inbox.add(new Received(reader.readObject(), text, System.nanoTime()));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            closed.completeExceptionally(new AssertionError("The server sent a binary message"));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
