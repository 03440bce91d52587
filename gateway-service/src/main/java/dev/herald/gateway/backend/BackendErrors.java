package dev.herald.gateway.backend;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import dev.herald.gateway.protocol.FrameException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the failure of a call to the message-service into the {@code exception} event the client gets: the
 * status code's name, its description, the {@value #FIELD_KEY_NAME} trailer as the field, and the wait of a
 * {@code google.rpc.RetryInfo} detail as {@code retryAfterMs}. An instance that
 * cannot be reached or answers too late becomes UNAVAILABLE with a hint to retry.
 */
public final class BackendErrors {

    public static final String FIELD_KEY_NAME = "herald-field";
    static final Metadata.Key<String> FIELD_KEY = Metadata.Key.of(FIELD_KEY_NAME, Metadata.ASCII_STRING_MARSHALLER);
    static final String UNAVAILABLE_MESSAGE = "message service unavailable, retry";

    private static final Logger logger = LoggerFactory.getLogger(BackendErrors.class);

    private BackendErrors() {}

    public static FrameException toFrameException(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof FrameException frame) {
            return frame;
        }
        if (!(cause instanceof StatusRuntimeException) && !(cause instanceof StatusException)) {
            // Not an answer of the message-service: a fault of the gateway itself.
            logger.atError().addKeyValue("exception", cause.getClass().getName()).setCause(cause)
                    .log("unexpected failure of a backend call");
            return new FrameException(Status.Code.INTERNAL, "internal error", null);
        }
        Status status = Status.fromThrowable(cause);
        return switch (status.getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED -> new FrameException(Status.Code.UNAVAILABLE, UNAVAILABLE_MESSAGE, null);
            default -> {
                Metadata trailers = Status.trailersFromThrowable(cause);
                String field = trailers == null ? null : trailers.get(FIELD_KEY);
                String description = status.getDescription();
                FrameException error = new FrameException(status.getCode(),
                        description == null || description.isBlank() ? defaultMessage(status.getCode()) : description,
                        field);
                OptionalLong retryAfterMs = retryAfterMs(cause);
                yield retryAfterMs.isPresent() ? error.withRetryAfterMs(retryAfterMs.getAsLong()) : error;
            }
        };
    }

    /**
     * The wait of a {@code google.rpc.RetryInfo} detail (a user over its rate at the message-service), in whole
     * milliseconds rounded up so a client that waits that long is admitted; empty without one.
     */
    private static OptionalLong retryAfterMs(Throwable cause) {
        com.google.rpc.Status details = StatusProto.fromThrowable(cause);
        if (details == null) {
            return OptionalLong.empty();
        }
        for (Any detail : details.getDetailsList()) {
            if (!detail.is(RetryInfo.class)) {
                continue;
            }
            try {
                com.google.protobuf.Duration delay = detail.unpack(RetryInfo.class).getRetryDelay();
                long nanos = Math.max(1, delay.getSeconds() * 1_000_000_000L + delay.getNanos());
                return OptionalLong.of(Math.ceilDiv(nanos, 1_000_000L));
            } catch (InvalidProtocolBufferException e) {
                // A detail that claims to be a RetryInfo but does not parse: answer without a wait rather than fail.
                logger.atWarn().setCause(e).log("unreadable RetryInfo from the message-service");
            }
        }
        return OptionalLong.empty();
    }

    private static String defaultMessage(Status.Code code) {
        return code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
