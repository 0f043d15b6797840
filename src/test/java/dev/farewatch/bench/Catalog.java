package dev.farewatch.bench;

import dev.farewatch.testing.WsClient;
import jakarta.json.JsonObject;

import java.net.URI;
import java.time.Duration;
import java.util.List;

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

    static List<String> flightIds(URI stream) {
        try (WsClient client = WsClient.connect(stream)) {
            JsonObject reply = client.send("{\"type\":\"flights\"}")
                    .next(m -> m.type().equals("flights") || m.type().equals("error"), Duration.ofSeconds(15)).json();
            if (!reply.getString("type").equals("flights")) {
                throw new IllegalStateException("The server refused the catalog request: " + reply);
            }
            return reply.getJsonArray("flights").getValuesAs(JsonObject.class).stream()
                    .map(flight -> flight.getString("flightId")).toList();
        }
    }
}
