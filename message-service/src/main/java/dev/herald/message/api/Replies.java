package dev.herald.message.api;

import dev.herald.message.error.StatusMapper;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Completes a unary call from a feature's result; every failure goes through the StatusMapper. */
final class Replies {

    private final StatusMapper statusMapper;

    Replies(StatusMapper statusMapper) {
        this.statusMapper = statusMapper;
    }

    /** For features that answer once a write is durable. */
    <T> void later(StreamObserver<T> responses, Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            responses.onError(statusMapper.toStatus(e));
            return;
        }
        result.whenComplete((value, failure) -> {
            if (failure != null) {
                responses.onError(statusMapper.toStatus(failure));
            } else {
                responses.onNext(value);
                responses.onCompleted();
            }
        });
    }

    /** For reads that answer at once. */
    <T> void now(StreamObserver<T> responses, Supplier<T> call) {
        T value;
        try {
            value = call.get();
        } catch (RuntimeException e) {
            responses.onError(statusMapper.toStatus(e));
            return;
        }
        responses.onNext(value);
        responses.onCompleted();
    }
}
