package dev.farewatch.ingest;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/**
 * What {@code POST /api/fares} answers: how many fares took effect, and each refused one.
 *
 * @param rejected in the order of the batch, each with its index there
 */
@JsonbPropertyOrder({"accepted", "rejected"})
public record FareReceipt(int accepted, List<Rejection> rejected) {

    /** One refused fare, and why: {@code INVALID_FLIGHT_ID}, {@code UNKNOWN_FLIGHT}, {@code INVALID_PRICE} or {@code CURRENCY_MISMATCH}. */
    @JsonbPropertyOrder({"index", "code", "message"})
    public record Rejection(int index, String code, String message) {
    }
}
