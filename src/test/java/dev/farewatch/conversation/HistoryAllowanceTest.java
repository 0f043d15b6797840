package dev.farewatch.conversation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryAllowanceTest {

    private static final int WEEK = 10_080;

    private final HistoryAllowance allowance = new HistoryAllowance(0);

    @Test
    void threeWeeksMayBeAskedAtOnceButNotAFourth() {
        assertThat(allowance.take(WEEK, 0)).isTrue();
        assertThat(allowance.take(WEEK, 0)).isTrue();
        assertThat(allowance.take(WEEK, 0)).isTrue();

        assertThat(allowance.take(WEEK, 0)).isFalse();
        assertThat(allowance.secondsUntil(WEEK)).isEqualTo(10);
    }

    @Test
    void aWeekComesBackInTenSeconds() {
        for (int i = 0; i < 3; i++) {
            allowance.take(WEEK, 0);
        }

        assertThat(allowance.take(WEEK, 9_999)).isFalse();
        assertThat(allowance.take(WEEK, 10_000)).isTrue();
    }

    @Test
    void fiftyHoursTakeATenthOfIt() {
        for (int i = 0; i < 50; i++) {
            assertThat(allowance.take(60, 0)).isTrue();
        }
        assertThat(allowance.take(HistoryAllowance.BURST_MINUTES - 3_000, 0)).isTrue();
    }
}
