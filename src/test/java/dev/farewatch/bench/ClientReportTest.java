package dev.farewatch.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A load process's report survives its JSON line whole, and reports merge by adding up, the three distributions included. */
class ClientReportTest {

    @Test
    void survivesItsJsonLineWithItsDistributions() {
        ClientReport report = report(4_000, 2, 120_000, 5, Map.of(4008, 1L), 2_500, 48_000);

        ClientReport read = ClientReport.fromJson(report.toJson().toString());

        assertThat(read.connected()).isEqualTo(4_000);
        assertThat(read.failed()).isEqualTo(2);
        assertThat(read.delivered()).isEqualTo(120_000);
        assertThat(read.seqGaps()).isEqualTo(5);
        assertThat(read.closeCodes()).isEqualTo(Map.of(4008, 1L));
        assertThat(read.latency()).isEqualTo(report.latency());
        assertThat(read.gaps()).isEqualTo(report.gaps());
        assertThat(read.handshakes()).isEqualTo(report.handshakes());
    }

    @Test
    void mergedReportsAddCountsAndDistributions() {
        ClientReport merged = report(100, 0, 1_000, 0, Map.of(1001, 1L), 2_000, 4_000)
                .plus(report(50, 1, 500, 3, Map.of(1001, 2L, 4008, 1L), 90_000_000, 120_000));

        assertThat(merged.connected()).isEqualTo(150);
        assertThat(merged.failed()).isEqualTo(1);
        assertThat(merged.delivered()).isEqualTo(1_500);
        assertThat(merged.seqGaps()).isEqualTo(3);
        assertThat(merged.closeCodes()).isEqualTo(Map.of(1001, 3L, 4008, 1L));
        assertThat(merged.latency().getTotalCount()).isEqualTo(2);
        assertThat(merged.latency().getMaxValue()).isBetween(89_000_000L, 91_000_000L);
        assertThat(merged.latency().getMinValue()).isEqualTo(2_000);
        assertThat(merged.handshakes().getTotalCount()).isEqualTo(2);
    }

    private static ClientReport report(long connected, long failed, long delivered, long seqGaps, Map<Integer, Long> codes,
                                       long latencyMicros, long gapMicros) {
        Histogram latency = ClientReport.histogram();
        latency.recordValue(latencyMicros);
        Histogram gaps = ClientReport.histogram();
        gaps.recordValue(gapMicros);
        Histogram handshakes = ClientReport.histogram();
        handshakes.recordValue(latencyMicros * 10);
        return new ClientReport(connected, failed, delivered, seqGaps, 0, 0, 0, codes, latency, gaps, handshakes);
    }
}
