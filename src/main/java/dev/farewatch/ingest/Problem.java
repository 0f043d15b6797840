package dev.farewatch.ingest;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/**
 * An error answer, as RFC 9457 problem details: the HTTP status's own meaning ({@code about:blank})
 * and title, what went wrong in {@code detail}, a stable {@code code} for programs, and for a flight
 * that does not validate each bad field in {@code errors}.
 *
 * @param errors null (and left out) unless fields were refused
 */
@JsonbPropertyOrder({"type", "title", "status", "code", "detail", "errors"})
public record Problem(String type, String title, int status, String code, String detail, List<FieldError> errors) {

    /** One refused field: {@code pointer} is a JSON Pointer into the request body, such as {@code #/origin}. */
    @JsonbPropertyOrder({"pointer", "detail"})
    public record FieldError(String pointer, String detail) {
    }

    static Problem of(int status, String code, String detail) {
        return new Problem("about:blank", title(status), status, code, detail, null);
    }

    static Problem invalidFields(String code, String detail, List<FieldError> errors) {
        return new Problem("about:blank", title(400), 400, code, detail, List.copyOf(errors));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
