package dev.herald.bench.fleet;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.identity.BenchUser;
import dev.herald.bench.scenario.Worker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** The child-process side of {@link ProcessFleet}: runs one {@link Worker} step by step as the parent says. */
public final class WorkerMain {

    private final Worker worker;
    private final List<BenchUser> users;
    private final BufferedReader in;
    private final PrintStream out;
    private final WireFormat wire;

    public WorkerMain(Worker worker, List<BenchUser> users, BufferedReader in, PrintStream out, WireFormat wire) {
        this.worker = requireNonNull(worker, "worker");
        this.users = List.copyOf(users);
        this.in = requireNonNull(in, "in");
        this.out = requireNonNull(out, "out");
        this.wire = requireNonNull(wire, "wire");
    }

    /** Connects, reports, waits for GO, runs the phase, reports, waits for CLOSE (or the parent going away). */
    public int run() throws IOException, InterruptedException {
        try (worker) {
            send(wire.ready(worker.connect(users)));
            if (!awaitLine(WireFormat.GO)) {
                return 1;
            }
            send(wire.report(worker.runPhase()));
            awaitLine(WireFormat.CLOSE);
            return 0;
        }
    }

    private void send(String line) {
        out.println(line);
        out.flush();
    }

    /** True when {@code expected} arrived; false when the parent said CLOSE or closed our stdin first. */
    private boolean awaitLine(String expected) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            final String command = line.trim();
            if (command.equals(expected)) {
                return true;
            }
            if (command.equals(WireFormat.CLOSE)) {
                return false;
            }
        }
        return false;
    }
}
