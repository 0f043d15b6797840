package dev.farewatch.ingest;

import dev.farewatch.bus.PriceBus;
import dev.farewatch.bus.Quote;
import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightCatalog;
import dev.farewatch.flight.FlightId;
import dev.farewatch.listing.Listings;
import dev.farewatch.listing.ListingsUnavailable;
import dev.farewatch.market.ExchangeRates;
import dev.farewatch.protocol.MessageCodec;
import dev.farewatch.protocol.ServerMessage;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP API, below {@code /api}. Public reads: {@code GET /flights}, {@code GET /flights/{id}} and
 * {@code GET /fares/{id}}. Writes, switched on by {@code FAREWATCH_API_TOKEN} and else answered 404:
 * {@code POST /fares}, {@code PUT /flights/{id}} and {@code DELETE /flights/{id}}. At most
 * {@value #MAX_CONCURRENT} requests are worked on at once; the rest are answered 503 at once, so that
 * a flood of requests holds few of the server's threads and its price stream goes on.
 *
 * <p>Thread-safe: requests arrive on the server's threads; what they change is the listings'.
 */
public final class IngestApi implements HttpApi, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IngestApi.class.getName());
    /** Requests worked on at once, at most; a flood beyond them is answered 503 without reading its bodies. */
    public static final int MAX_CONCURRENT = 4;
    /** A body of more bytes is answered 413: a full batch of fares takes about 70 KiB. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** Flights the catalog may hold: past them a new flight is refused, so that the ticker's work stays bounded. */
    public static final int MAX_FLIGHTS = 20_000;
    /** Prices change every second: a cache may keep an answer for about that long. */
    private static final Map<String, String> ONE_SECOND = Map.of("Cache-Control", "public, max-age=1");
    private static final Map<String, String> ONE_MINUTE = Map.of("Cache-Control", "public, max-age=60");
    private static final Map<String, String> NO_STORE = Map.of("Cache-Control", "no-store");

    private final Optional<BearerToken> token;
    private final FlightCatalog catalog;
    private final Listings listings;
    private final PriceBus bus;
    private final MessageCodec codec;
    private final Supplier<String> catalogJson;
    private final Clock clock;
    private final Semaphore working = new Semaphore(MAX_CONCURRENT);
    private final Jsonb jsonb = JsonbBuilder.create();
    private final Tally tally;

    /**
     * @param apiToken    the writes' bearer token; empty switches them off
     * @param catalogJson the {@code flights} message, as the WebSocket answers it
     */
    public IngestApi(Optional<String> apiToken, FlightCatalog catalog, Listings listings, PriceBus bus, MessageCodec codec,
                     Supplier<String> catalogJson, Clock clock) {
        this(apiToken, catalog, listings, bus, codec, catalogJson, clock, receipt -> { });
    }

    /** Told of every fare batch's receipt, for the node's metrics. */
    @FunctionalInterface
    public interface Tally {
        void filed(FareReceipt receipt);
    }

    /** @param tally told what became of every fare posted */
    public IngestApi(Optional<String> apiToken, FlightCatalog catalog, Listings listings, PriceBus bus, MessageCodec codec,
                     Supplier<String> catalogJson, Clock clock, Tally tally) {
        this.tally = tally;
        this.token = apiToken.map(BearerToken::new);
        this.catalog = catalog;
        this.listings = listings;
        this.bus = bus;
        this.codec = codec;
        this.catalogJson = catalogJson;
        this.clock = clock;
    }

    /** Answers one request; never throws for anything the client sent. */
    @Override
    public ApiResponse handle(ApiRequest request) {
        if (!working.tryAcquire()) {
            return problem(Problem.of(503, "BUSY", "The API is answering " + MAX_CONCURRENT
                    + " requests already: try again in a second")).with("Retry-After", "1");
        }
        try {
            ApiResponse response = route(request);
            return "HEAD".equals(request.method()) ? response.headOnly() : response;
        } catch (Refusal e) {
            ApiResponse response = problem(e.problem());
            for (Map.Entry<String, String> header : e.headers().entrySet()) {
                response = response.with(header.getKey(), header.getValue());
            }
            return "HEAD".equals(request.method()) ? response.headOnly() : response;
        } catch (IOException e) {
            return problem(Problem.of(400, "UNREADABLE_BODY", "The request's body could not be read to its end"));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The API failed to answer " + JsonBody.loggable(request.method()) + " "
                    + JsonBody.loggable(String.valueOf(request.path())), e);
            return problem(Problem.of(500, "INTERNAL_ERROR", "The server failed to answer this request; its log says why"));
        } catch (ListingsUnavailable e) {
            LOG.log(Level.WARNING, "An API change was refused: " + e.getMessage());
            return problem(Problem.of(503, "UNAVAILABLE", "The store the cluster shares does not answer, so the change "
                    + "may not have been made: send it again in a moment")).with("Retry-After", "1");
        } finally {
            working.release();
        }
    }

    private ApiResponse route(ApiRequest request) throws Refusal, IOException, ListingsUnavailable {
        String path = request.path() == null || request.path().isEmpty() ? "/" : request.path();
        String method = request.method().toUpperCase(Locale.ROOT);
        if (path.equals("/flights")) {
            requireMethod(method, "GET, HEAD");
            return ApiResponse.json(200, catalogJson.get(), ONE_SECOND);
        }
        if (path.equals("/rates")) {
            requireMethod(method, "GET, HEAD");
            return ApiResponse.json(200, jsonb.toJson(new Rates("EUR", ExchangeRates.perEuro())), ONE_MINUTE);
        }
        if (path.equals("/fares")) {
            requireMethod(method, "POST");
            requireWriter(request);
            return fileFares(request);
        }
        if (path.startsWith("/flights/")) {
            FlightId flight = flightId(path.substring("/flights/".length()));
            return switch (method) {
                case "GET", "HEAD" -> ApiResponse.json(200, codec.encodeFlight(known(flight)), ONE_SECOND);
                case "PUT" -> {
                    requireWriter(request);
                    yield putFlight(flight, request);
                }
                case "DELETE" -> {
                    requireWriter(request);
                    yield removeFlight(flight);
                }
                default -> throw notAllowed(method, "GET, HEAD, PUT, DELETE");
            };
        }
        if (path.startsWith("/fares/")) {
            FlightId flight = flightId(path.substring("/fares/".length()));
            requireMethod(method, "GET, HEAD");
            known(flight);
            Quote latest = bus.latest(flight).orElseThrow(() -> new Refusal(404, "NO_PRICE_YET",
                    flight + " has no price yet: it gets one when its first fare is filed"));
            return ApiResponse.json(200, codec.encode(ServerMessage.Price.of(latest)), ONE_SECOND);
        }
        throw new Refusal(404, "NOT_FOUND", "No such resource: the API has /api/flights, /api/flights/{flightId}, "
                + "/api/fares, /api/fares/{flightId} and /api/rates");
    }

    private ApiResponse fileFares(ApiRequest request) throws Refusal, IOException, ListingsUnavailable {
        FareBatch.Checked checked = FareBatch.check(JsonBody.parse(jsonBody(request)), catalog);
        List<Integer> notFiled = checked.fares().isEmpty() ? List.of() : listings.file(checked.fares());
        FareReceipt receipt = checked.receipt(notFiled);
        tally.filed(receipt);
        return ApiResponse.json(200, jsonb.toJson(receipt), NO_STORE);
    }

    private ApiResponse putFlight(FlightId id, ApiRequest request) throws Refusal, IOException, ListingsUnavailable {
        Flight flight = FlightForm.check(id, JsonBody.parse(jsonBody(request)), clock.instant());
        Optional<Flight> listed = catalog.find(id);
        if (listed.isPresent() && !listed.get().currency().equals(flight.currency())) {
            throw new Refusal(409, "CURRENCY_CHANGE", id + " is sold in " + listed.get().currency().getCurrencyCode()
                    + ", and its price stream with it: DELETE the flight first to sell it in " + flight.currency().getCurrencyCode());
        }
        if (listed.isEmpty() && catalog.size() >= MAX_FLIGHTS) {
            throw new Refusal(409, "CATALOG_FULL", "The catalog holds " + MAX_FLIGHTS
                    + " flights, as many as it may: remove some before adding more");
        }
        boolean created = listings.put(flight);
        LOG.info(() -> (created ? "Added " : "Replaced ") + id + " through the API");
        ApiResponse response = ApiResponse.json(created ? 201 : 200, codec.encodeFlight(flight), NO_STORE);
        return created ? response.with("Location", "/api/flights/" + id) : response;
    }

    private ApiResponse removeFlight(FlightId id) throws Refusal, ListingsUnavailable {
        if (!listings.remove(id)) {
            throw unknown(id);
        }
        LOG.info(() -> "Removed " + id + " through the API");
        return ApiResponse.empty(204);
    }

    private Flight known(FlightId flight) throws Refusal {
        return catalog.find(flight).orElseThrow(() -> unknown(flight));
    }

    private static Refusal unknown(FlightId flight) {
        return new Refusal(404, "UNKNOWN_FLIGHT", "No flight " + flight + " in the catalog");
    }

    private static FlightId flightId(String text) throws Refusal {
        return FlightId.parse(text).orElseThrow(() -> new Refusal(400, "INVALID_FLIGHT_ID", "\"" + JsonBody.echo(text)
                + "\" is not a flight id: expected carrier, number and date such as LH400-2026-12-24"));
    }

    private static void requireMethod(String method, String allowed) throws Refusal {
        for (String one : allowed.split(", ")) {
            if (one.equals(method)) {
                return;
            }
        }
        throw notAllowed(method, allowed);
    }

    private static Refusal notAllowed(String method, String allowed) {
        return new Refusal(Problem.of(405, "METHOD_NOT_ALLOWED", "This resource takes " + allowed
                + ", not " + JsonBody.echo(method)), Map.of("Allow", allowed));
    }

    /** Writes exist only with a token, and take only the token. */
    private void requireWriter(ApiRequest request) throws Refusal {
        if (token.isEmpty()) {
            throw new Refusal(404, "NOT_FOUND", "Writes are switched off on this server: its operator sets FAREWATCH_API_TOKEN to switch them on");
        }
        if (!token.get().admits(request.authorization())) {
            // RFC 6750: a token sent and refused is an invalid_token; no token at all gets the bare challenge.
            throw new Refusal(Problem.of(401, "UNAUTHORIZED", "Send the API token as \"Authorization: Bearer <token>\""),
                    Map.of("WWW-Authenticate", request.authorization() == null ? "Bearer realm=\"farewatch\""
                            : "Bearer realm=\"farewatch\", error=\"invalid_token\""));
        }
    }

    private static byte[] jsonBody(ApiRequest request) throws Refusal, IOException {
        if (!isJson(request.contentType())) {
            throw new Refusal(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as Content-Type: application/json");
        }
        byte[] body = request.body().readAtMost(MAX_BODY_BYTES);
        if (body == null) {
            throw new Refusal(413, "BODY_TOO_LARGE", "A body holds at most " + MAX_BODY_BYTES + " bytes (1 MiB): "
                    + "send fewer fares per request");
        }
        return body;
    }

    /** {@code application/json}, in any case, with at most a UTF-8 charset. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].strip().equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().replace("\"", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }

    private ApiResponse problem(Problem problem) {
        return new ApiResponse(problem.status(), NO_STORE, ApiResponse.PROBLEM, jsonb.toJson(problem).getBytes(StandardCharsets.UTF_8), false);
    }

    @Override
    public void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Closing JSON-B failed", e);
        }
    }

    /**
     * The exchange rates the market prices in: {@code rates} units of each currency per one {@code base}.
     */
    public record Rates(String base, SortedMap<String, BigDecimal> rates) {
    }
}
