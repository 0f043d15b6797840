package dev.farewatch.protocol;

/** A request the server cannot act on; the connection stays open and is told why. */
public final class RequestError extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String flightId;

    public RequestError(ErrorCode code, String message, String flightId) {
        super(message, null, false, false);
        this.code = code;
        this.flightId = flightId;
    }

    public RequestError(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ErrorCode code() {
        return code;
    }

    /** The flight id the request named, as sent (possibly malformed), or null. */
    public String flightId() {
        return flightId;
    }

    public ServerMessage.ErrorMessage toMessage() {
        return new ServerMessage.ErrorMessage(code, getMessage(), flightId);
    }
}
