package dev.herald.gateway.protocol;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A request the gateway answers with an {@code exception} event: the status is a gRPC code name, the message
 * is safe to show to the client and the field, when present, names the offending part of the request.
 */
public final class FrameException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Status.Code status;
    private final @Nullable String field;
    private final @Nullable RequestId requestId;
    private final @Nullable Long retryAfterMs;

    public FrameException(Status.Code status, String message, @Nullable String field) {
        this(status, message, field, null, null);
    }

    private FrameException(Status.Code status, String message, @Nullable String field, @Nullable RequestId requestId,
            @Nullable Long retryAfterMs) {
        // No stack trace: this is an answer to the client, not a fault of the gateway.
        super(requireNonNull(message, "message"), null, false, false);
        this.status = requireNonNull(status, "status");
        this.field = field;
        this.requestId = requestId;
        this.retryAfterMs = retryAfterMs;
    }

    public static FrameException invalid(String message, String field) {
        return new FrameException(Status.Code.INVALID_ARGUMENT, message, field);
    }

    public static FrameException invalid(String message) {
        return new FrameException(Status.Code.INVALID_ARGUMENT, message, null);
    }

    public static FrameException unauthenticated(String message) {
        return new FrameException(Status.Code.UNAUTHENTICATED, message, null);
    }

    /** The same error, answered with the request id read before it was found. */
    public FrameException withRequestId(@Nullable RequestId id) {
        return new FrameException(status, getMessage(), field, id, retryAfterMs);
    }

    /** The same error, naming {@code field} as the offending one. */
    public FrameException withField(String field) {
        return new FrameException(status, getMessage(), requireNonNull(field, "field"), requestId, retryAfterMs);
    }

    /** The same error, telling the client to wait {@code millis} before retrying. */
    public FrameException withRetryAfterMs(long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("millis: " + millis + " (expected: > 0)");
        }
        return new FrameException(status, getMessage(), field, requestId, millis);
    }

    public Status.Code status() {
        return status;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** How long the client should wait before retrying, when the server said so. */
    public OptionalLong retryAfterMs() {
        return retryAfterMs == null ? OptionalLong.empty() : OptionalLong.of(retryAfterMs);
    }

    /** The id of the request that failed, when it was read before the failure. */
    public Optional<RequestId> requestId() {
        return Optional.ofNullable(requestId);
    }
}
