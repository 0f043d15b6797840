package dev.farewatch.ingest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the API answers: a status, headers and a body, for the server carrying it to write out.
 *
 * @param contentType null when there is no body
 * @param bodyOmitted  the answer to a HEAD: its {@code Content-Length} is the body's, which is not sent
 */
public record ApiResponse(int status, Map<String, String> headers, String contentType, byte[] body, boolean bodyOmitted) {

    public static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(int status, String json, Map<String, String> headers) {
        return new ApiResponse(status, headers, JSON, json.getBytes(StandardCharsets.UTF_8), false);
    }

    static ApiResponse empty(int status) {
        return new ApiResponse(status, Map.of(), null, new byte[0], false);
    }

    public ApiResponse with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new ApiResponse(status, more, contentType, body, bodyOmitted);
    }

    /** The same answer without its body, for HEAD. */
    public ApiResponse headOnly() {
        return new ApiResponse(status, headers, contentType, body, true);
    }
}
