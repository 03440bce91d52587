package dev.herald.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.RetryInfo;
import dev.herald.gateway.protocol.FrameException;
import dev.herald.gateway.protocol.ServerEvent;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class BackendErrorsTest {

    @Test
    void keepsTheCodeDescriptionAndField() {
        Metadata trailers = new Metadata();
        trailers.put(BackendErrors.FIELD_KEY, "body");

        FrameException error = BackendErrors.toFrameException(new CompletionException(
                Status.INVALID_ARGUMENT.withDescription("body must not be blank").asRuntimeException(trailers)));

        assertThat(error.status()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getMessage()).isEqualTo("body must not be blank");
        assertThat(error.field()).contains("body");
    }

    @Test
    void aRetryInfoBecomesRetryAfterMsRoundedUp() {
        FrameException error = BackendErrors.toFrameException(new CompletionException(rateLimited(
                "too many sends for this user: retry after 251 ms",
                Duration.newBuilder().setNanos(250_000_001).build())));

        assertThat(error.status()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(error.getMessage()).isEqualTo("too many sends for this user: retry after 251 ms");
        assertThat(error.retryAfterMs()).hasValue(251);
        assertThat(ServerEvent.Failure.of(null, error).retryAfterMs()).isEqualTo(251L);
    }

    @Test
    void aRetryInfoOfSecondsKeepsThem() {
        FrameException error = BackendErrors.toFrameException(
                rateLimited("too many reads", Duration.newBuilder().setSeconds(3).setNanos(5_000_000).build()));

        assertThat(error.retryAfterMs()).hasValue(3_005);
    }

    @Test
    void noRetryInfoNoRetryAfter() {
        FrameException error = BackendErrors.toFrameException(
                Status.RESOURCE_EXHAUSTED.withDescription("too many calls in flight").asRuntimeException());

        assertThat(error.status()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(error.retryAfterMs()).isEmpty();
    }

    private static StatusRuntimeException rateLimited(String message, Duration delay) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.RESOURCE_EXHAUSTED.value())
                .setMessage(message)
                .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(delay).build()))
                .build());
    }

    @Test
    void leavesTheFieldOutWhenTheTrailerIsAbsent() {
        FrameException error = BackendErrors.toFrameException(
                Status.NOT_FOUND.withDescription("unknown receiver: zed").asException());

        assertThat(error.status()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(error.getMessage()).isEqualTo("unknown receiver: zed");
        assertThat(error.field()).isEmpty();
    }

    @Test
    void namesTheCodeWhenThereIsNoDescription() {
        assertThat(BackendErrors.toFrameException(Status.PERMISSION_DENIED.asRuntimeException()).getMessage())
                .isEqualTo("permission denied");
    }

    @Test
    void asksToRetryWhenTheInstanceIsUnreachableOrLate() {
        for (Status status : new Status[] {Status.UNAVAILABLE.withDescription("io exception"), Status.DEADLINE_EXCEEDED}) {
            FrameException error = BackendErrors.toFrameException(status.asRuntimeException());

            assertThat(error.status()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(error.getMessage()).isEqualTo("message service unavailable, retry");
        }
    }

    @Test
    void hidesFaultsOfTheGatewayBehindInternal() {
        FrameException error = BackendErrors.toFrameException(new CompletionException(new NullPointerException("x")));

        assertThat(error.status()).isEqualTo(Status.Code.INTERNAL);
        assertThat(error.getMessage()).isEqualTo("internal error");
    }

    @Test
    void passesFrameExceptionsThrough() {
        FrameException original = FrameException.invalid("the token is for another user", "token");

        assertThat(BackendErrors.toFrameException(new CompletionException(original))).isSameAs(original);
    }
}
