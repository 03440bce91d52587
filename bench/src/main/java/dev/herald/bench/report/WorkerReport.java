package dev.herald.bench.report;

import static java.util.Objects.requireNonNull;

/** All that one process measured: what a worker prints as its last line, and what the parent merges. */
public record WorkerReport(int worker, ConnectReport connect, PhaseReport phase) {

    public WorkerReport {
        requireNonNull(connect, "connect");
        requireNonNull(phase, "phase");
    }
}
