package dev.herald.bench.fleet;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.bench.report.ConnectReport;
import dev.herald.bench.report.WorkerReport;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The lines between a parent and its worker processes. A worker writes {@code READY <ConnectReport JSON>} once
 * online and {@code REPORT <WorkerReport JSON>} after its phase on stdout; the parent writes {@code GO} and then
 * {@code CLOSE} on the worker's stdin. Anything else on a worker's stdout is passed through to stderr.
 */
public final class WireFormat {

    static final String READY = "READY ";
    static final String REPORT = "REPORT ";
    static final String GO = "GO";
    static final String CLOSE = "CLOSE";

    private final ObjectMapper mapper;

    public WireFormat(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper");
    }

    String ready(ConnectReport report) {
        return READY + json(report);
    }

    String report(WorkerReport report) {
        return REPORT + json(report);
    }

    ConnectReport readReady(String line) throws IOException {
        return mapper.readValue(line.substring(READY.length()), ConnectReport.class);
    }

    WorkerReport readReport(String line) throws IOException {
        return mapper.readValue(line.substring(REPORT.length()), WorkerReport.class);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a report is plain data and always serializes", e);
        }
    }
}
