package dev.herald.bench.fleet;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.report.ConnectReport;
import dev.herald.bench.report.WorkerReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workers in child JVMs, one per command: each holds its slice of the sockets (a process may have at most
 * 20,000 open files here). Their stderr goes to ours; their stdout carries the {@link WireFormat} lines.
 */
public final class ProcessFleet implements Fleet {

    private static final Logger logger = LoggerFactory.getLogger(ProcessFleet.class);

    private record Child(int worker, Process process, BufferedReader out, Writer in) {}

    private final List<List<String>> commands;
    private final WireFormat wire;
    private final List<Child> children = new ArrayList<>();

    public ProcessFleet(List<List<String>> commands, WireFormat wire) {
        this.commands = List.copyOf(commands);
        this.wire = requireNonNull(wire, "wire");
    }

    @Override
    public List<ConnectReport> connect() throws IOException, InterruptedException {
        for (int worker = 0; worker < commands.size(); worker++) {
            final Process process = new ProcessBuilder(commands.get(worker))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            children.add(new Child(worker, process,
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)),
                    new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)));
        }
        logger.info("started {} worker processes", children.size());
        final List<ConnectReport> reports = new ArrayList<>();
        for (Child child : children) {
            reports.add(wire.readReady(await(child, WireFormat.READY)));
        }
        return reports;
    }

    @Override
    public List<WorkerReport> runPhase() throws IOException, InterruptedException {
        for (Child child : children) {
            tell(child, WireFormat.GO);
        }
        final List<WorkerReport> reports = new ArrayList<>();
        for (Child child : children) {
            reports.add(wire.readReport(await(child, WireFormat.REPORT)));
        }
        return reports;
    }

    /**
     * Tells every worker to close its sockets (CLOSE, then end of input, which also stops a worker still waiting
     * for GO) and waits up to 30 s for it to exit, then kills it.
     */
    @Override
    public void close() {
        for (Child child : children) {
            try {
                tell(child, WireFormat.CLOSE);
                child.in().close();
            } catch (IOException e) {
                // The worker has already exited and closed its stdin: nothing to tell.
            }
        }
        for (Child child : children) {
            try {
                if (!child.process().waitFor(30, TimeUnit.SECONDS)) {
                    logger.warn("worker {} did not exit; killing it", child.worker());
                    child.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                child.process().destroyForcibly();
            }
        }
    }

    private static void tell(Child child, String line) throws IOException {
        child.in().write(line + "\n");
        child.in().flush();
    }

    /** The next line of {@code child} that starts with {@code prefix}; other lines go to stderr. */
    private static String await(Child child, String prefix) throws IOException, InterruptedException {
        String line;
        while ((line = child.out().readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
            System.err.println("[worker " + child.worker() + "] " + line);
        }
        final int status = child.process().waitFor();
        throw new IOException("worker " + child.worker() + " exited with status " + status + " before "
                              + prefix.trim());
    }
}
