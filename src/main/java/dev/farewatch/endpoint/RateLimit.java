package dev.farewatch.endpoint;

/**
 * A token bucket over one connection's messages, and the count of refused ones that tells a client
 * which keeps flooding from one which strays over now and then. Every frame a client sends takes a
 * token: its text messages, and its pings and pongs where the runtime shows them. Thread-safe: a
 * runtime may report control frames on another thread than messages, so taking is synchronised.
 */
final class RateLimit {

    enum Verdict { ACCEPT, REFUSE, CLOSE }

    /** Refusals over this many times the burst within one window close the connection. */
    private static final int REFUSALS_PER_BURST = 5;
    private static final long WINDOW_NANOS = 10_000_000_000L;

    private final double tokensPerNano;
    private final int burst;
    private double tokens;
    private long refilledAt;
    private long windowStart;
    private int refusedInWindow;

    RateLimit(int perSecond, int burst, long nowNanos) {
        this.tokensPerNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = nowNanos;
        this.windowStart = nowNanos;
    }

    synchronized Verdict take(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - refilledAt) * tokensPerNano);
        refilledAt = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ACCEPT;
        }
        if (nowNanos - windowStart > WINDOW_NANOS) {
            windowStart = nowNanos;
            refusedInWindow = 0;
        }
        refusedInWindow++;
        return refusedInWindow > REFUSALS_PER_BURST * burst ? Verdict.CLOSE : Verdict.REFUSE;
    }
}
