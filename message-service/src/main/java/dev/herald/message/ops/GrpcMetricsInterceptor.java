package dev.herald.message.ops;

import static java.util.Objects.requireNonNull;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts every call by method and status code ({@code herald_grpc_server_calls_total}) and times it from its start
 * to its close ({@code herald_grpc_server_call_duration_seconds}, explicit buckets so that dashboards can take
 * quantiles across instances). Installed on the server as a whole, so it sees every service and every refusal the
 * other interceptors answer. The method label is the full gRPC method name: a call to an unknown method never
 * reaches an interceptor, so the set is bounded by the services this instance serves. A call the client cancels
 * is counted with {@code CANCELLED}.
 */
public final class GrpcMetricsInterceptor implements ServerInterceptor {

    /** From a cached read to a watermark wait of the default 2 s and beyond; gateway links live far longer. */
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();
    private final Map<String, Counter> calls = new ConcurrentHashMap<>();

    public GrpcMetricsInterceptor(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        long startedAt = System.nanoTime();
        AtomicBoolean recorded = new AtomicBoolean();
        ServerCall<Q, R> recording = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                record(method, status.getCode(), startedAt, recorded);
                super.close(status, trailers);
            }
        };
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
                next.startCall(recording, headers)) {
            @Override
            public void onCancel() {
                record(method, Status.Code.CANCELLED, startedAt, recorded);
                super.onCancel();
            }
        };
    }

    private void record(String method, Status.Code code, long startedAt, AtomicBoolean recorded) {
        if (!recorded.compareAndSet(false, true)) {
            return;
        }
        durations.computeIfAbsent(method, m -> Timer.builder("herald_grpc_server_call_duration_seconds")
                .description("Time from a call's start to its close, per gRPC method")
                .tag("method", m)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)).record(System.nanoTime() - startedAt, TimeUnit.NANOSECONDS);
        calls.computeIfAbsent(method + " " + code, key -> Counter.builder("herald_grpc_server_calls")
                .description("Calls served, per gRPC method and status code")
                .tags("method", method, "code", code.name())
                .register(registry)).increment();
    }
}
