package dev.herald.bench.fleet;

import dev.herald.bench.report.ConnectReport;
import dev.herald.bench.report.WorkerReport;
import java.io.IOException;
import java.util.List;

/**
 * The workers of a run, in this process or in child processes; the coordinator drives them through the same
 * three steps either way. {@link #close} closes every socket and ends the workers.
 */
public interface Fleet extends AutoCloseable {

    /** Puts every worker's users online; returns when all workers are done connecting. */
    List<ConnectReport> connect() throws IOException, InterruptedException;

    /** Starts the phase on every worker at once; returns every worker's report when all have finished. */
    List<WorkerReport> runPhase() throws IOException, InterruptedException;

    @Override
    void close();
}
