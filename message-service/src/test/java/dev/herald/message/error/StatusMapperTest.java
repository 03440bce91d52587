package dev.herald.message.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class StatusMapperTest {

    private final StatusMapper mapper = new StatusMapper();

    @Test
    void invalidArgumentKeepsItsMessageAndNamesTheFieldInATrailer() {
        StatusRuntimeException status = mapper.toStatus(
                new CompletionException(new HeraldException.InvalidArgument("body", "body must not be empty")));

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getStatus().getDescription()).isEqualTo("body must not be empty");
        assertThat(status.getTrailers().get(StatusMapper.FIELD_KEY)).isEqualTo("body");
    }

    @Test
    void eachDomainErrorHasItsCode() {
        assertThat(mapper.toStatus(new HeraldException.NotFound("receivers", "unknown receiver: x")).getStatus().getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(mapper.toStatus(new HeraldException.PermissionDenied("admins only")).getStatus().getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(mapper.toStatus(new HeraldException.Unauthenticated("who?")).getStatus().getCode())
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(mapper.toStatus(new HeraldException.Unavailable("retry", null)).getStatus().getCode())
                .isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void unexpectedFailuresBecomeInternalWithoutLeakingDetails() {
        StatusRuntimeException status = mapper.toStatus(new IllegalStateException("secret detail"));

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getStatus().getDescription()).isEqualTo("internal error");
    }
}
