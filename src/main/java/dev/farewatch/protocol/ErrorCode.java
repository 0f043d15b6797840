package dev.farewatch.protocol;

/** Why a request was refused; sent as the {@code code} of an {@code error} message. */
public enum ErrorCode {
    /** Not JSON, or not a JSON object. */
    BAD_JSON,
    /** No {@code type}, or one the server does not know. */
    UNKNOWN_TYPE,
    /** The flight id is missing or not of the form {@code LH400-2026-12-24}. */
    INVALID_FLIGHT_ID,
    /** A {@code since} that is not an object with a string {@code epoch} and a whole {@code seq} of 0 or more. */
    INVALID_SINCE,
    /** A well-formed flight id that is not in the catalog. */
    UNKNOWN_FLIGHT,
    /** The connection already follows as many flights as it may. */
    TOO_MANY_SUBSCRIPTIONS,
    /** The connection sends messages faster than it may; this one was not read. */
    RATE_LIMITED
}
