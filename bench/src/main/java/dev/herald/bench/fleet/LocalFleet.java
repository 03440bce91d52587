package dev.herald.bench.fleet;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.identity.BenchUser;
import dev.herald.bench.report.ConnectReport;
import dev.herald.bench.report.WorkerReport;
import dev.herald.bench.scenario.Worker;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One worker in this process. {@code resources} (the HTTP clients) are closed after the worker. */
public final class LocalFleet implements Fleet {

    private static final Logger logger = LoggerFactory.getLogger(LocalFleet.class);

    private final Worker worker;
    private final List<BenchUser> users;
    private final List<AutoCloseable> resources;

    public LocalFleet(Worker worker, List<BenchUser> users, List<AutoCloseable> resources) {
        this.worker = requireNonNull(worker, "worker");
        this.users = List.copyOf(users);
        this.resources = List.copyOf(resources);
    }

    @Override
    public List<ConnectReport> connect() throws InterruptedException {
        return List.of(worker.connect(users));
    }

    @Override
    public List<WorkerReport> runPhase() throws InterruptedException {
        return List.of(worker.runPhase());
    }

    @Override
    public void close() {
        worker.close();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // Closing HTTP clients at the end of a run: nothing depends on it succeeding.
                logger.warn("cannot close {}", resource, e);
            }
        }
    }
}
