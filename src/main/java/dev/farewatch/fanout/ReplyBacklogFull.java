package dev.farewatch.fanout;

/**
 * A client asked faster than it reads: {@value Outbox#MAX_UNSENT_REPLIES} replies already wait, so this
 * one was not queued. The connection is closed as a slow consumer.
 */
public final class ReplyBacklogFull extends Exception {

    private static final long serialVersionUID = 1L;

    ReplyBacklogFull() {
        super("More than " + Outbox.MAX_UNSENT_REPLIES + " replies unsent", null, false, false);
    }
}
