package dev.farewatch.monitoring;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class NodeHealthTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicBoolean busUp = new AtomicBoolean(true);
    private final NodeHealth health = new NodeHealth("node-a", "redis", busUp::get, nanos::get);

    @Test
    void aStartingNodeIsAliveButNotReady() {
        assertThat(health.live().up()).isTrue();
        assertThat(health.ready().up()).isFalse();
        assertThat(health.ready().checks().get(0).data()).containsEntry("phase", "starting");
    }

    @Test
    void aServingNodeWithItsBusIsReady() {
        health.serving();

        assertThat(health.ready().status()).isEqualTo("UP");
    }

    @Test
    void aServingNodeWithoutItsBusIsNotReady() {
        health.serving();
        busUp.set(false);

        HealthReport ready = health.ready();
        assertThat(ready.status()).isEqualTo("DOWN");
        assertThat(ready.checks()).extracting(HealthReport.Check::name, HealthReport.Check::status)
                .contains(org.assertj.core.groups.Tuple.tuple("farewatch-bus", "DOWN"));
    }

    @Test
    void aDrainingNodeIsNotReady() {
        health.serving();
        health.draining();

        assertThat(health.ready().up()).isFalse();
        assertThat(health.live().up()).isTrue();
    }

    @Test
    void aNodeWhoseSweepStoppedIsNotAlive() {
        health.swept();
        nanos.addAndGet(9_000_000_000L);
        assertThat(health.live().up()).isTrue();

        nanos.addAndGet(2_000_000_000L);

        assertThat(health.live().up()).isFalse();
        assertThat(health.all().up()).isFalse();
    }
}
