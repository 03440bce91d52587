package dev.herald.bench.report;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.measure.TrafficCounts;

/**
 * One process's phase after connecting (sending and settling, or holding), as it travels to the parent. Times
 * are wall-clock epoch milliseconds so that processes can be compared; 0 when it did not happen.
 *
 * @param sendTimeS          how long sending took in this process (monotonic clock)
 * @param maxLagMs           how far the open-loop sender ever fell behind its schedule
 * @param stillOpen          sockets still online at the end of the phase
 * @param closedUnexpectedly online sockets that closed without the generator closing them
 * @param cpuSeconds         CPU time this process used so far
 */
public record PhaseReport(TrafficCounts traffic, long sendStartEpochMs, long sendEndEpochMs, double sendTimeS,
                          long lastDeliveryEpochMs, double maxLagMs, int stillOpen, long closedUnexpectedly,
                          double cpuSeconds) {

    public PhaseReport {
        requireNonNull(traffic, "traffic");
    }
}
