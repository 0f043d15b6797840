package dev.farewatch.listing;

/** A change could not be made because the store every node shares does not answer: nothing was changed. */
public final class ListingsUnavailable extends Exception {

    private static final long serialVersionUID = 1L;

    public ListingsUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
