package dev.herald.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.gateway.protocol.FrameException;
import io.grpc.Metadata;
import io.grpc.Status;
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
