package dev.herald.message.error;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A failure the caller should hear about. The message names the problem and is sent to the
 * client; {@link #field()} names the offending request field where there is one.
 */
public abstract sealed class HeraldException extends RuntimeException {

    private final @Nullable String field;

    private HeraldException(String message, @Nullable String field, @Nullable Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    public @Nullable String field() {
        return field;
    }

    /** The request itself is wrong; retrying it unchanged fails again. */
    public static final class InvalidArgument extends HeraldException {
        public InvalidArgument(String field, String message) {
            super(message, field, null);
        }
    }

    /** Something named by the request does not exist (for the caller). */
    public static final class NotFound extends HeraldException {
        public NotFound(@Nullable String field, String message) {
            super(message, field, null);
        }
    }

    /** The caller is known but not allowed to do this. */
    public static final class PermissionDenied extends HeraldException {
        public PermissionDenied(String message) {
            super(message, null, null);
        }
    }

    /** The caller could not be authenticated. */
    public static final class Unauthenticated extends HeraldException {
        public Unauthenticated(String message) {
            super(message, null, null);
        }
    }

    /** A dependency (JetStream, PostgreSQL) is down; the same request may succeed later. */
    public static final class Unavailable extends HeraldException {
        public Unavailable(String message, @Nullable Throwable cause) {
            super(message, null, cause);
        }
    }

    /**
     * The caller is over one of its limits; the same request may succeed after {@link #retryAfter()} (when
     * known), and retrying sooner is refused again.
     */
    public static final class ResourceExhausted extends HeraldException {
        private final @Nullable Duration retryAfter;

        public ResourceExhausted(String message, @Nullable Duration retryAfter) {
            super(message, null, null);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }
}
