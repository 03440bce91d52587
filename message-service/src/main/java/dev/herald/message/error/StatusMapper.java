package dev.herald.message.error;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
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
        };
        Metadata trailers = new Metadata();
        if (herald.field() != null) {
            trailers.put(FIELD_KEY, herald.field());
        }
        return status.withDescription(herald.getMessage()).withCause(herald.getCause())
                .asRuntimeException(trailers);
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
