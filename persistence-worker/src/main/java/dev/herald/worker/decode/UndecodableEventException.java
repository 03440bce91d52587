package dev.herald.worker.decode;

/**
 * A stream record that can never be written: not a {@code StreamEvent}, an event kind this worker
 * does not know, or a required field missing. Retrying cannot help, so the record is
 * stored as a dead letter.
 */
public final class UndecodableEventException extends Exception {

    private static final long serialVersionUID = 1L;

    UndecodableEventException(String reason) {
        super(reason);
    }

    UndecodableEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
