package dev.farewatch.fanout;

/** How an {@link Outbox} reaches its client: one text message at a time, told when each is sent. */
@FunctionalInterface
public interface Transport {

    /**
     * Starts sending one text message; {@code done} is called once when it was sent or failed, on any
     * thread, possibly before this returns. May throw when the connection is already closing.
     */
    void send(OutgoingText message, Done done);

    /** How it sends, as the {@code info} message names it. */
    default String path() {
        return "standard";
    }

    @FunctionalInterface
    interface Done {
        void sent(boolean ok);
    }
}
