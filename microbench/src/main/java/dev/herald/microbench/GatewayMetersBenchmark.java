package dev.herald.microbench;

import dev.herald.gateway.metrics.GatewayMeters;
import dev.herald.gateway.metrics.RequestMeters;
import dev.herald.gateway.protocol.ServerEvent;
import dev.herald.observability.ServiceMeters;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the gateway's meters cost one direct message: the frame received, the request's outcome and duration, the
 * ack and the delivery frames sent, the delivery by kind and its end-to-end latency, on the registry the gateway
 * runs with. Two threads, as the socket and gRPC threads record at once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(2)
public class GatewayMetersBenchmark {

    private GatewayMeters meters;
    private RequestMeters.EventMeters messages;
    private ServerEvent.Delivered delivered;

    @Setup
    public void setUp() {
        PrometheusMeterRegistry registry = ServiceMeters.create("gateway");
        meters = GatewayMeters.register(registry, Set.of("sync", "inbox"), Clock.systemUTC());
        messages = meters.requests().of("message");
        delivered = new ServerEvent.Delivered("01936f8e-7b1c-7d3e-9a4b-5c6d7e8f9a0b", "user-1", "User One",
                List.of("user-2"), "bench", "hello", "text", Instant.now());
    }

    /** Every meter one direct message touches on its gateway (sender and receiver on the same one). */
    @Benchmark
    public void perDirectMessage() {
        long received = System.nanoTime();
        meters.sockets().frameReceived();
        messages.ok(received);
        meters.sockets().frameSent();
        meters.deliveries().queued(delivered.createdAt());
        meters.sockets().frameSent();
        meters.deliveries().delivered(delivered, 1);
    }
}
