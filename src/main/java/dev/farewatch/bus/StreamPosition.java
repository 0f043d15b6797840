package dev.farewatch.bus;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A place in a flight's stream: the quote at {@code seq} of the stream named {@code epoch}. A
 * {@code seq} means something only within its epoch: a stream that lost its history starts again
 * under a new one.
 */
public record StreamPosition(String epoch, long seq) {

    public StreamPosition {
        Objects.requireNonNull(epoch, "epoch");
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative: " + seq);
        }
    }

    /** A name for a new stream: about 13 base-36 characters, unlikely ever to name two, short enough to send with every price. */
    public static String newEpoch() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    /**
     * Whether a quote at this position is news to a reader that has taken {@code taken}: later in the
     * same stream, or of another stream, which replaces the one it had.
     */
    public boolean isNewerThan(StreamPosition taken) {
        return !epoch.equals(taken.epoch) || seq > taken.seq;
    }
}
