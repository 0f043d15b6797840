package dev.farewatch.ingest;

import dev.farewatch.testing.ApiClient;
import dev.farewatch.testing.ApiClient.Answer;
import dev.farewatch.testing.FarewatchServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The API of a server started without {@code FAREWATCH_API_TOKEN}, on every target: reads only. */
class ReadOnlyApiIT {

    @RegisterExtension
    static final FarewatchServer server = new FarewatchServer();

    private final ApiClient api = new ApiClient(server.http(""), "a-token-nobody-configured");

    @Test
    void theCatalogIsReadAsTheWebSocketListsIt() {
        Answer catalog = api.get("api/flights");

        assertThat(catalog.status()).isEqualTo(200);
        assertThat(catalog.header("Content-Type")).startsWith("application/json");
        assertThat(catalog.json().getJsonArray("flights").getValuesAs(JsonObject.class))
                .extracting(flight -> flight.getString("flightId")).containsExactlyElementsOf(server.flightIds());
    }

    @Test
    void aSimulatedFlightsLatestPriceIsRead() {
        String flight = server.flightIds().get(0);

        Answer latest = api.get("api/fares/" + flight);

        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.json().getString("flightId")).isEqualTo(flight);
        assertThat(latest.json().getJsonNumber("seq").longValue()).isNotNegative();
    }

    @Test
    void theExchangeRatesArePerEuroForEveryCurrencyOfTheCatalog() {
        Answer rates = api.get("api/rates");

        assertThat(rates.status()).isEqualTo(200);
        assertThat(rates.header("Cache-Control")).isEqualTo("public, max-age=60");
        assertThat(rates.json().getString("base")).isEqualTo("EUR");
        JsonObject perEuro = rates.json().getJsonObject("rates");
        assertThat(perEuro.getJsonNumber("EUR").doubleValue()).isEqualTo(1.0);
        assertThat(perEuro.getJsonNumber("USD").doubleValue()).isBetween(0.5, 2.0);
        assertThat(api.get("api/flights").json().getJsonArray("flights").getValuesAs(JsonObject.class))
                .extracting(flight -> flight.getString("currency")).allSatisfy(code -> assertThat(perEuro).containsKey(code));
    }

    @Test
    void writesAre404WhateverTheToken() {
        String flight = server.flightIds().get(0);

        Answer post = api.post("api/fares", "{\"flightId\":\"" + flight + "\",\"price\":1,\"currency\":\"EUR\"}");
        Answer delete = api.delete("api/flights/" + flight);

        assertThat(post.status()).isEqualTo(404);
        assertThat(post.json().getString("detail")).contains("FAREWATCH_API_TOKEN");
        assertThat(delete.status()).isEqualTo(404);
        assertThat(server.flightIds()).contains(flight);
    }

    @Test
    void aMalformedFlightIdIs400() {
        Answer answer = api.get("api/fares/LH4-xx");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getString("code")).isEqualTo("INVALID_FLIGHT_ID");
    }
}
