package dev.farewatch.bench;

import dev.farewatch.testing.WsClient;

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
    static List<String> firstFlights(URI stream, int count) {
        List<String> ids;
        try (WsClient client = WsClient.connect(stream)) {
            ids = client.flightIds(Duration.ofSeconds(15));
        }
        if (ids.size() < count) {
            throw new IllegalStateException("The server's catalog has " + ids.size() + " flights, fewer than the "
                    + count + " asked for (--flights); a server the benchmark launches is given enough dates per route"
                    + " for up to " + BenchOptions.MAX_FLIGHTS + " flights");
        }
        return ids.subList(0, count);
    }
}
