package dev.farewatch.bench;

import org.HdrHistogram.Histogram;

import java.util.HashMap;
import java.util.Map;

/**
 * The tallies of the sessions on one event-loop thread. Every session stays on its event loop for
 * life, so each tally has one writer and needs no lock or atomic on the per-price path; the load
 * process reads it by running a task on that same event loop ({@link #report}).
 */
final class LoadStats {

    final Histogram latencyMicros = ClientReport.histogram();
    final Histogram gapMicros = ClientReport.histogram();
    final Map<Integer, Long> closeCodes = new HashMap<>();
    long delivered;
    long seqGaps;
    long seqOutOfOrder;
    long closedDuringRun;
    long errors;

    /** The tallies so far, as a report without the connect counts (those are kept per process). */
    ClientReport report() {
        return new ClientReport(0, 0, delivered, seqGaps, seqOutOfOrder, closedDuringRun, errors, closeCodes,
                latencyMicros.copy(), gapMicros.copy(), ClientReport.histogram());
    }
}
