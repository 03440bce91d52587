package dev.herald.config;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * How every service's {@code Main} starts, and fails the same way:
 * <ul>
 *   <li>a configuration value that cannot be used stops the process with one line on stderr naming the variable
 *       ({@code herald gateway: invalid configuration: HERALD_GRPC_PORT: 'x' (expected: ...)}) and exit status 2,
 *       never a stack trace;
 *   <li>a start that fails (PostgreSQL or NATS unreachable, the port taken) stops it with one line on stderr
 *       ({@code herald message-service: cannot start: ...}) and exit status 1; the stack trace goes to the log.
 * </ul>
 */
public final class ServiceStartup {

    /** Exit status of a service stopped by its configuration. */
    public static final int BAD_CONFIGURATION = 2;
    /** Exit status of a service whose start failed. */
    public static final int CANNOT_START = 1;

    private final String service;
    private final PrintStream stderr;
    private final IntConsumer exit;

    ServiceStartup(String service, PrintStream stderr, IntConsumer exit) {
        this.service = service;
        this.stderr = stderr;
        this.exit = exit;
    }

    /** For the {@code Main} of {@code service} (e.g. {@code "gateway"}): stderr and {@code System.exit}. */
    public static ServiceStartup of(String service) {
        return new ServiceStartup(service, System.err, System::exit);
    }

    /** Runs {@code read}; on a {@link ConfigException} prints its one line and exits with status 2. */
    public <T> T configuration(Supplier<T> read) {
        try {
            return read.get();
        } catch (ConfigException e) {
            stop(BAD_CONFIGURATION, "invalid configuration: " + e.getMessage());
            throw e; // reached only where exit does not end the JVM (tests)
        }
    }

    /**
     * Runs {@code start} (after {@link #configuration}, so the logger is set up as configured); if it throws, logs
     * the failure with its stack trace, prints one line and exits with status 1.
     */
    public <T> T start(Callable<T> start) throws Exception {
        try {
            return start.call();
        } catch (Exception e) {
            LoggerFactory.getLogger(ServiceStartup.class).atError().addKeyValue("service", service).setCause(e)
                    .log("cannot start");
            stop(CANNOT_START, "cannot start: " + describe(e));
            throw e; // reached only where exit does not end the JVM (tests)
        }
    }

    private void stop(int status, String line) {
        stderr.println("herald " + service + ": " + line);
        stderr.flush();
        exit.accept(status);
    }

    /**
     * The exception and its causes on one line, e.g. {@code IOException: cannot listen on port 8080 (BindException:
     * Address already in use)}: the first line of each message, leaving out a cause that only repeats what is said.
     */
    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.getClass().getSimpleName() + ": " + firstLine(failure));
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause();
                cause = cause.getCause()) {
            String message = firstLine(cause);
            if (!text.toString().contains(message)) {
                text.append(" (").append(cause.getClass().getSimpleName()).append(": ").append(message).append(')');
            }
        }
        return text.toString();
    }

    private static String firstLine(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        return message.lines().findFirst().orElse("").strip();
    }
}
