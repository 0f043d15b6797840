package dev.farewatch.endpoint;

import dev.farewatch.config.Limits;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCode;
import jakarta.websocket.CloseReason.CloseCodes;

/**
 * Whether a connection is still worth keeping, judged once a second: a send stalled, a ping left
 * unanswered, or following nothing for too long each close it; otherwise it is pinged when due. Time
 * is passed in (nanoTime), so the rules are tested without waiting. Thread-safe: the connection's
 * thread records what the client did while the sweep judges; every field is volatile and each is
 * written by one side only, but for the ping pair, which the sweep writes and a pong clears.
 */
final class Liveness {

    /** An application close code: the client stopped reading (no send progress, or no pong). */
    static final CloseCode SLOW_CONSUMER = CloseCodes.getCloseCode(4008);

    /** What the sweep does with the connection. */
    sealed interface Verdict {
    }

    /** Nothing to do. */
    record Keep() implements Verdict {
    }

    /** Send a ping now; {@link #pinged} was recorded. */
    record Ping() implements Verdict {
    }

    record Close(CloseReason reason) implements Verdict {
    }

    private static final Verdict KEEP = new Keep();
    private static final Verdict PING = new Ping();

    private final Limits limits;
    /** When the connection last came to follow nothing (nanoTime); 0 while it follows a flight. */
    private volatile long followingNothingSince;
    private volatile long lastPingAt;
    /** When the unanswered ping was sent (nanoTime); 0 when none is unanswered. */
    private volatile long pingUnansweredSince;

    Liveness(Limits limits, long openedAt) {
        this.limits = limits;
        this.followingNothingSince = openedAt;
        this.lastPingAt = openedAt;
    }

    /** Records, after each request, whether the connection now follows anything. */
    void following(boolean anything, long now) {
        if (anything) {
            followingNothingSince = 0;
        } else if (followingNothingSince == 0) {
            followingNothingSince = now;
        }
    }

    void ponged() {
        pingUnansweredSince = 0;
    }

    /**
     * @param stalledNanos how long the send in flight has waited, 0 if none is
     */
    Verdict check(long now, long stalledNanos) {
        long idleSince = followingNothingSince;
        long unanswered = pingUnansweredSince;
        if (stalledNanos > limits.slowConsumerAfter().toNanos()) {
            return new Close(new CloseReason(SLOW_CONSUMER, "Slow consumer: no send progress for "
                    + limits.slowConsumerAfter().toSeconds() + " s"));
        }
        if (unanswered != 0 && now - unanswered > limits.pongWithin().toNanos()) {
            return new Close(new CloseReason(SLOW_CONSUMER, "No pong within " + limits.pongWithin().toSeconds() + " s"));
        }
        if (idleSince != 0 && now - idleSince > limits.subscribeWithin().toNanos()) {
            return new Close(new CloseReason(CloseCodes.VIOLATED_POLICY, "No flight followed or alerted on for "
                    + limits.subscribeWithin().toSeconds() + " s"));
        }
        if (unanswered == 0 && now - lastPingAt >= limits.pingEvery().toNanos()) {
            lastPingAt = now;
            pingUnansweredSince = now;
            return PING;
        }
        return KEEP;
    }
}
