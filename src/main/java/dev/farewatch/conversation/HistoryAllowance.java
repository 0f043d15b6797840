package dev.farewatch.conversation;

/**
 * How much price history one connection may still ask for: a week of it costs the node about 6 ms to
 * replay and encode and 236 KB to send, ten times what the message rate alone would bound. A bucket of
 * minutes, {@value #BURST_MINUTES} full (three weeks), refilled at {@value #MINUTES_PER_SECOND} a
 * second (a week every ten seconds): a page opening fifty cards at an hour each takes a tenth of it.
 * Not thread-safe: its conversation's one thread at a time uses it.
 */
final class HistoryAllowance {

    static final int BURST_MINUTES = 30_240;
    static final int MINUTES_PER_SECOND = 1_008;

    private double minutes = BURST_MINUTES;
    private long refilledAt;

    HistoryAllowance(long nowMillis) {
        this.refilledAt = nowMillis;
    }

    /** Takes that many minutes if there are as many left, at {@code nowMillis}; else takes none. */
    boolean take(int asked, long nowMillis) {
        minutes = Math.min(BURST_MINUTES, minutes + Math.max(0, nowMillis - refilledAt) * MINUTES_PER_SECOND / 1000.0);
        refilledAt = nowMillis;
        if (asked > minutes) {
            return false;
        }
        minutes -= asked;
        return true;
    }

    /** Whole seconds until {@code asked} minutes will be there. */
    long secondsUntil(int asked) {
        return (long) Math.ceil(Math.max(0, asked - minutes) / MINUTES_PER_SECOND);
    }
}
