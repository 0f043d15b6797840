package dev.farewatch.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void aListOfServersIsOneRunEachWithTheSameLoad() {
        List<BenchOptions> runs = BenchOptions.parseEach("--server=embedded,node,bun", "--sessions=500", "--seconds=20");

        assertThat(runs).extracting(BenchOptions::server).containsExactly("embedded", "node", "bun");
        assertThat(runs).extracting(BenchOptions::sessions).containsOnly(500);
        assertThat(runs).extracting(BenchOptions::seconds).containsOnly(20);
    }

    @Test
    void nodesApplyToTheEmbeddedServerOfAListAlone() {
        List<BenchOptions> runs = BenchOptions.parseEach("--server=embedded,node,bun", "--nodes=3");

        assertThat(runs).extracting(BenchOptions::nodes).containsExactly(3, 1, 1);
    }

    @Test
    void nodesOnAServerOtherThanEmbeddedAreRefused() {
        assertThatThrownBy(() -> BenchOptions.parseEach("--server=payara", "--nodes=3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--nodes");
    }
}
