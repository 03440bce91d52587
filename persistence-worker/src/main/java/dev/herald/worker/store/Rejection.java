package dev.herald.worker.store;

import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Why PostgreSQL rejected a write, in words safe to log and keep: the SQLSTATE and the server's primary message
 * (e.g. {@code invalid byte sequence for encoding "UTF8": 0x00}, or the name of the violated constraint). Never the
 * detail line, which may quote the failing row, bodies included.
 */
record Rejection(Optional<String> sqlState, Optional<String> serverMessage) {

    static Rejection of(Throwable failure) {
        Optional<String> state = FailureKind.sqlState(failure);
        // The first SQLException among the causes, as for the SQLSTATE: jOOQ wraps the driver's.
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                ServerErrorMessage server = sql instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
                return new Rejection(state, Optional.ofNullable(server == null ? null : server.getMessage()));
            }
        }
        return new Rejection(state, Optional.empty());
    }

    /** {@code PostgreSQL rejected the event: SQLSTATE 22021: invalid byte sequence ...}. */
    String describe() {
        return "PostgreSQL rejected the event: SQLSTATE " + sqlState.orElse("unknown")
                + serverMessage.map(message -> ": " + message).orElse("");
    }
}
