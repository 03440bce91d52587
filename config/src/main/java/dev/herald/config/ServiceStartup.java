package dev.herald.config;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * How every service's {@code Main} reads its configuration: a value that cannot be used stops the process with one
 * line on stderr naming the variable ({@code herald gateway: invalid configuration: HERALD_GRPC_PORT: 'x' (expected:
 * ...)}) and exit status 2, never a stack trace.
 */
public final class ServiceStartup {

    /** Exit status of a service stopped by its configuration. */
    public static final int BAD_CONFIGURATION = 2;

    private final String service;
    private final PrintStream stderr;
    private final Runnable exit;

    ServiceStartup(String service, PrintStream stderr, Runnable exit) {
        this.service = service;
        this.stderr = stderr;
        this.exit = exit;
    }

    /** For the {@code Main} of {@code service} (e.g. {@code "gateway"}): stderr and {@code System.exit(2)}. */
    public static ServiceStartup of(String service) {
        return new ServiceStartup(service, System.err, () -> System.exit(BAD_CONFIGURATION));
    }

    /** Runs {@code read}; on a {@link ConfigException} prints its one line and exits with status 2. */
    public <T> T configuration(Supplier<T> read) {
        try {
            return read.get();
        } catch (ConfigException e) {
            stderr.println("herald " + service + ": invalid configuration: " + e.getMessage());
            stderr.flush();
            exit.run();
            throw e; // reached only where exit does not end the JVM (tests)
        }
    }
}
