package dev.herald.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.gateway.protocol.FrameException;
import io.grpc.Status;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RefusedTest {

    @Test
    void aRefusalIsAnsweredAsItsStatus() {
        CompletableFuture<String> refused = Refused.with(Status.RESOURCE_EXHAUSTED.withDescription("gateway busy"));

        FrameException answer = BackendErrors.toFrameException(refused.exceptionNow());

        assertThat(answer.status()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(answer.getMessage()).isEqualTo("gateway busy");
    }

    @Test
    void aDependentStageKeepsTheRefusalInsteadOfWrappingIt() {
        CompletableFuture<String> refused = Refused.with(Status.RESOURCE_EXHAUSTED);

        CompletableFuture<Integer> mapped = refused.thenApply(String::length);

        assertThat(failureOf(mapped)).isSameAs(failureOf(refused));
    }

    @Test
    void carriesNoStackTraces() {
        Throwable failure = failureOf(Refused.with(Status.RESOURCE_EXHAUSTED));

        assertThat(failure.getStackTrace()).isEmpty();
        assertThat(failure.getCause().getStackTrace()).isEmpty();
    }

    /** The failure as a stage's handler receives it (exceptionNow() would unwrap it). */
    private static Throwable failureOf(CompletableFuture<?> future) {
        return future.handle((value, failure) -> failure).join();
    }
}
