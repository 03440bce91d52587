package dev.herald.bench.persist;

/** PostgreSQL could not be reached or queried; the cause is the {@link java.sql.SQLException}. */
public final class PersistenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
