package dev.herald.worker.store;

import java.sql.SQLException;
import java.util.Optional;

/** Whether a failed write may succeed later or never will. */
public enum FailureKind {
    /**
     * PostgreSQL unreachable, restarting, out of resources, a timeout, a deadlock or a
     * serialization failure, or anything unrecognised: retry the same rows later.
     */
    TRANSIENT,
    /**
     * The rows themselves are rejected (SQLSTATE class 22 data exception, e.g. a value too long
     * or a NUL character, or class 23 integrity violation): the same rows fail the same way again.
     */
    REJECTED;

    /** Classifies a failure of {@link BatchWriter#write} by the first SQLSTATE among its causes. */
    public static FailureKind of(Throwable failure) {
        return sqlState(failure)
                .filter(state -> state.startsWith("22") || state.startsWith("23"))
                .map(state -> REJECTED)
                .orElse(TRANSIENT);
    }

    /** The first SQLSTATE among the causes; safe to log, unlike PostgreSQL's message, which may quote a row. */
    public static Optional<String> sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }
}
