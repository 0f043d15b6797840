package dev.farewatch.endpoint;

import org.junit.jupiter.api.Test;

import static dev.farewatch.endpoint.RateLimit.Verdict.ACCEPT;
import static dev.farewatch.endpoint.RateLimit.Verdict.CLOSE;
import static dev.farewatch.endpoint.RateLimit.Verdict.REFUSE;
import static org.assertj.core.api.Assertions.assertThat;

/** The token bucket with time passed in: 10 a second, bursts of 20. */
class RateLimitTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long START = 5 * SECOND;

    private final RateLimit limit = new RateLimit(10, 20, START);

    @Test
    void aBurstIsAcceptedAtOnce() {
        for (int i = 0; i < 20; i++) {
            assertThat(limit.take(START)).as("message %d", i).isEqualTo(ACCEPT);
        }
        assertThat(limit.take(START)).isEqualTo(REFUSE);
    }

    @Test
    void theSustainedRateIsAcceptedForever() {
        for (int i = 1; i <= 10_000; i++) {
            assertThat(limit.take(START + i * SECOND / 10)).isEqualTo(ACCEPT);
        }
    }

    @Test
    void tokensComeBackWithTime() {
        for (int i = 0; i < 20; i++) {
            limit.take(START);
        }
        assertThat(limit.take(START + SECOND / 20)).isEqualTo(REFUSE);

        assertThat(limit.take(START + SECOND / 10 + SECOND / 20)).isEqualTo(ACCEPT);
    }

    @Test
    void aQuietSpellRefillsNoMoreThanTheBurst() {
        long later = START + 3600 * SECOND;
        for (int i = 0; i < 20; i++) {
            assertThat(limit.take(later)).isEqualTo(ACCEPT);
        }
        assertThat(limit.take(later)).isEqualTo(REFUSE);
    }

    @Test
    void refusingAgainAndAgainWithinTenSecondsCloses() {
        for (int i = 0; i < 20; i++) {
            limit.take(START);
        }
        for (int i = 0; i < 5 * 20; i++) {
            assertThat(limit.take(START)).as("refusal %d", i).isEqualTo(REFUSE);
        }
        assertThat(limit.take(START)).isEqualTo(CLOSE);
    }

    @Test
    void refusalsNowAndThenDoNotAddUpToAClose() {
        long now = START;
        for (int window = 0; window < 20; window++) {
            for (int i = 0; i < 20; i++) {
                limit.take(now);
            }
            for (int i = 0; i < 50; i++) {
                assertThat(limit.take(now)).isEqualTo(REFUSE);
            }
            now += 11 * SECOND;
        }
    }
}
