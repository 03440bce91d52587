package dev.herald.bench.fleet;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.identity.BenchUser;
import dev.herald.bench.report.ConnectReport;
import dev.herald.bench.report.WorkerReport;
import dev.herald.bench.scenario.Worker;
import java.util.List;

/** One worker in this process. */
public final class LocalFleet implements Fleet {

    private final Worker worker;
    private final List<BenchUser> users;

    public LocalFleet(Worker worker, List<BenchUser> users) {
        this.worker = requireNonNull(worker, "worker");
        this.users = List.copyOf(users);
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
    }
}
