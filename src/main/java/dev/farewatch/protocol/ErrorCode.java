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
    /** A {@code minutes} of a history request that is not a whole number from 1 to 10,080. */
    INVALID_MINUTES,
    /** An alert's {@code below} that is not a positive number under 10<sup>12</sup> with at most 4 decimals, nor null. */
    INVALID_PRICE,
    /** The connection already has as many alerts as it may follow flights: clear one first. */
    TOO_MANY_ALERTS,
    /**
     * The connection asked for more history than it may yet: 30,240 minutes at once and 1,008 more a
     * second (a week every ten seconds).
     */
    TOO_MUCH_HISTORY,
    /** The node cannot answer now (the cluster's shared store does not answer): try again in a moment. */
    UNAVAILABLE,
    /** The connection sends messages faster than it may; this one was not read. */
    RATE_LIMITED
}
