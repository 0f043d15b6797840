package dev.farewatch.monitoring;

import dev.farewatch.ingest.ApiRequest;
import dev.farewatch.ingest.ApiResponse;
import dev.farewatch.ingest.HttpApi;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code /api/health}, {@code /api/health/live}, {@code /api/health/ready} and {@code /api/metrics},
 * answered ahead of the rest of the API (whose cap on requests at once does not hold them up: a probe
 * must not fail for an upload's sake); every other path goes on to it. Thread-safe.
 */
public final class MonitoringApi implements HttpApi, AutoCloseable {

    private static final Map<String, String> NO_STORE = Map.of("Cache-Control", "no-store");

    private final NodeHealth health;
    private final NodeMetrics metrics;
    private final Predicate<String> scrapers;
    private final HttpApi rest;
    private final Jsonb jsonb = JsonbBuilder.create();

    /**
     * @param scrapers which peer addresses may read the metrics
     * @param rest     the rest of the API
     */
    public MonitoringApi(NodeHealth health, NodeMetrics metrics, Predicate<String> scrapers, HttpApi rest) {
        this.health = health;
        this.metrics = metrics;
        this.scrapers = scrapers;
        this.rest = rest;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        String path = request.path() == null ? "/" : request.path();
        HealthReport report = switch (path) {
            case "/health" -> health.all();
            case "/health/live" -> health.live();
            case "/health/ready" -> health.ready();
            default -> null;
        };
        if (report == null && !path.equals("/metrics")) {
            return rest.handle(request);
        }
        String method = request.method().toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return plain(405, "Only GET and HEAD\n").with("Allow", "GET, HEAD");
        }
        ApiResponse answer;
        if (report != null) {
            answer = ApiResponse.json(report.up() ? 200 : 503, jsonb.toJson(report), NO_STORE);
        } else if (request.forwarded() || !scrapers.test(request.remoteAddress())) {
            // Through a proxy the peer is the proxy, inside the network whoever asked: never served that way.
            answer = plain(403, "Metrics are for the addresses FAREWATCH_METRICS_ALLOW lists, asking directly, not through a proxy\n");
        } else {
            answer = new ApiResponse(200, NO_STORE, NodeMetrics.CONTENT_TYPE,
                    metrics.scrape().getBytes(StandardCharsets.UTF_8), false);
        }
        return method.equals("HEAD") ? answer.headOnly() : answer;
    }

    private static ApiResponse plain(int status, String text) {
        return new ApiResponse(status, NO_STORE, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), false);
    }

    @Override
    public void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            throw new IllegalStateException("Closing JSON-B failed", e);
        }
    }
}
