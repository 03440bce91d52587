package dev.herald.gateway.backend;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The failure of a call the gateway's budget turned away: a {@link CompletionException}, as dependent stages would
 * wrap it (so they keep it instead of wrapping it again), carrying the refusal's status, neither with a stack trace.
 * Under overload thousands are made a second, and filling in their two stack traces was 6% of the gateway's CPU at
 * twice its capacity (async-profiler, docs/benchmarks.md "Overload"), for traces that say nothing: a refusal is an
 * answer to the client, not a fault of the gateway.
 */
final class Refused extends CompletionException {

    private static final long serialVersionUID = 1L;

    private Refused(Status status) {
        super(new StacklessStatus(status));
    }

    /** A future failed with {@code status}; {@link BackendErrors} maps it as any answer with that status. */
    static <T> CompletableFuture<T> with(Status status) {
        return CompletableFuture.failedFuture(new Refused(status));
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    private static final class StacklessStatus extends StatusRuntimeException {

        private static final long serialVersionUID = 1L;

        StacklessStatus(Status status) {
            super(status);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
