package dev.herald.gateway.admission;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Keeps {@code HERALD_RESERVED_FILE_DESCRIPTORS} of the process's open-file limit free for the sockets already open:
 * a new connection is refused at once while fewer are left. Past the limit {@code accept} fails, Grizzly retries it
 * in a loop, and nothing else can open a file either (a relink to a message-service, a JWKS fetch), so the open
 * sockets would stop being served too.
 *
 * <p>Counting open files lists {@code /proc/self/fd}, too costly per connection at 19,000 sockets, so the count is
 * read at most once per {@link #RESAMPLE} and moved in between by the connections the transport accepted and closed
 * since (its own count). Thread-safe.
 */
public final class DescriptorReserve {

    static final Duration RESAMPLE = Duration.ofSeconds(1);

    private final FileDescriptors files;
    private final int reserve;
    private final LongSupplier nanoTime;
    private long sampledAt;
    private long sampledOpen;
    private long connectionsAtSample;
    private boolean sampled;

    public DescriptorReserve(FileDescriptors files, int reserve) {
        this(files, reserve, System::nanoTime);
    }

    DescriptorReserve(FileDescriptors files, int reserve, LongSupplier nanoTime) {
        this.files = requireNonNull(files, "files");
        if (reserve < 0) {
            throw new IllegalArgumentException("reserve: " + reserve + " (expected: >= 0)");
        }
        this.reserve = reserve;
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * Whether one more connection may be accepted, given the {@code connections} the transport holds open now (the
     * new one not included).
     */
    public synchronized boolean admits(long connections) {
        long now = nanoTime.getAsLong();
        if (!sampled || now - sampledAt >= RESAMPLE.toNanos()) {
            sampled = true;
            sampledAt = now;
            sampledOpen = files.open();
            connectionsAtSample = connections;
        }
        return estimatedOpen(connections) < limit();
    }

    /** Open files estimated from the last sample. */
    public synchronized long estimatedOpen(long connections) {
        return sampledOpen + (connections - connectionsAtSample);
    }

    /** Open files from which new connections are refused. */
    public long limit() {
        return files.max() - reserve;
    }

    public long max() {
        return files.max();
    }
}
