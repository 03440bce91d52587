package dev.herald.message.error;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns any failure into the gRPC status the client sees. Domain errors keep their message and
 * carry the offending field in the {@value #FIELD_KEY_NAME} trailer; anything else becomes
 * INTERNAL with a generic text and is logged once with its stack.
 */
public final class StatusMapper {

    public static final String FIELD_KEY_NAME = "herald-field";
    public static final Metadata.Key<String> FIELD_KEY =
            Metadata.Key.of(FIELD_KEY_NAME, Metadata.ASCII_STRING_MARSHALLER);

    private static final Logger logger = LoggerFactory.getLogger(StatusMapper.class);

    public StatusRuntimeException toStatus(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof StatusRuntimeException status) {
            return status;
        }
        if (!(cause instanceof HeraldException herald)) {
            logger.atError().addKeyValue("exception", cause.getClass().getName()).setCause(cause)
                    .log("unexpected failure, answered INTERNAL");
            return Status.INTERNAL.withDescription("internal error").withCause(cause).asRuntimeException();
        }
        Status status = switch (herald) {
            case HeraldException.InvalidArgument e -> Status.INVALID_ARGUMENT;
            case HeraldException.NotFound e -> Status.NOT_FOUND;
            case HeraldException.PermissionDenied e -> Status.PERMISSION_DENIED;
            case HeraldException.Unauthenticated e -> Status.UNAUTHENTICATED;
            case HeraldException.Unavailable e -> Status.UNAVAILABLE;
            case HeraldException.ResourceExhausted e -> Status.RESOURCE_EXHAUSTED;
        };
        Metadata trailers = new Metadata();
        if (herald.field() != null) {
            trailers.put(FIELD_KEY, herald.field());
        }
        if (herald instanceof HeraldException.ResourceExhausted exhausted && exhausted.retryAfter().isPresent()) {
            return withRetryInfo(exhausted.getMessage(), exhausted.retryAfter().get(), trailers);
        }
        return status.withDescription(herald.getMessage()).withCause(herald.getCause())
                .asRuntimeException(trailers);
    }

    /**
     * RESOURCE_EXHAUSTED with a {@code google.rpc.RetryInfo} detail: the standard way to tell a gRPC client when to
     * retry (grpc-java clients read it with {@code StatusProto.fromThrowable}, others from the
     * {@code grpc-status-details-bin} trailer).
     */
    private static StatusRuntimeException withRetryInfo(String message, Duration delay, Metadata trailers) {
        RetryInfo retry = RetryInfo.newBuilder()
                .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(delay.getSeconds()).setNanos(delay.getNano()))
                .build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.RESOURCE_EXHAUSTED.value())
                .setMessage(message)
                .addDetails(Any.pack(retry))
                .build(), trailers);
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
