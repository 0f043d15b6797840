package dev.farewatch.endpoint;

import dev.farewatch.config.Limits;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The once-a-second judgement of a connection, with time passed in. */
class LivenessTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long OPENED = 100 * SECOND;
    /** Follow something within 30 s, no send stalled over 10 s, ping every 25 s, pong within 20 s. */
    private static final Limits LIMITS = new Limits(50, 4096, 10, 20, 20_000, 100, Duration.ofSeconds(30),
            Duration.ofSeconds(10), Duration.ofSeconds(25), Duration.ofSeconds(20));

    private final Liveness liveness = new Liveness(LIMITS, OPENED);

    private static int code(Liveness.Verdict verdict) {
        assertThat(verdict).isInstanceOf(Liveness.Close.class);
        return ((Liveness.Close) verdict).reason().getCloseCode().getCode();
    }

    private Liveness.Verdict at(long secondsAfterOpening) {
        return liveness.check(OPENED + secondsAfterOpening * SECOND, 0);
    }

    @Test
    void aNewConnectionIsKept() {
        assertThat(at(1)).isInstanceOf(Liveness.Keep.class);
    }

    @Test
    void followingNothingForThirtySecondsCloses1008() {
        assertThat(at(30)).isNotInstanceOf(Liveness.Close.class);
        assertThat(code(at(31))).isEqualTo(1008);
    }

    @Test
    void followingAFlightKeepsTheConnection() {
        liveness.following(true, OPENED + 5 * SECOND);
        liveness.ponged();

        assertThat(liveness.check(OPENED + 24 * SECOND, 0)).isInstanceOf(Liveness.Keep.class);
    }

    @Test
    void theIdleClockStartsAgainWhenTheLastFlightIsDropped() {
        liveness.following(true, OPENED + 10 * SECOND);
        liveness.following(false, OPENED + 20 * SECOND);
        liveness.following(false, OPENED + 40 * SECOND);

        assertThat(liveness.check(OPENED + 50 * SECOND, 0)).isNotInstanceOf(Liveness.Close.class);
        assertThat(code(liveness.check(OPENED + 51 * SECOND, 0))).isEqualTo(1008);
    }

    @Test
    void aPingIsDueEveryTwentyFiveSeconds() {
        liveness.following(true, OPENED);

        assertThat(at(24)).isInstanceOf(Liveness.Keep.class);
        assertThat(at(25)).isInstanceOf(Liveness.Ping.class);
        assertThat(at(26)).as("while unanswered, no second ping").isInstanceOf(Liveness.Keep.class);
        liveness.ponged();
        assertThat(at(49)).isInstanceOf(Liveness.Keep.class);
        assertThat(at(50)).isInstanceOf(Liveness.Ping.class);
    }

    @Test
    void aPingUnansweredForTwentySecondsCloses4008() {
        liveness.following(true, OPENED);
        at(25);

        assertThat(at(45)).isInstanceOf(Liveness.Keep.class);
        assertThat(code(at(46))).isEqualTo(4008);
    }

    @Test
    void aSendStalledOverTenSecondsCloses4008() {
        liveness.following(true, OPENED);

        assertThat(liveness.check(OPENED + SECOND, 10 * SECOND)).isInstanceOf(Liveness.Keep.class);
        assertThat(code(liveness.check(OPENED + SECOND, 10 * SECOND + 1))).isEqualTo(4008);
    }
}
