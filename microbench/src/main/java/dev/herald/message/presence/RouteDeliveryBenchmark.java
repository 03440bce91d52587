package dev.herald.message.presence;

import com.google.protobuf.Timestamp;
import dev.herald.proto.v1.LinkResponse;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.User;
import io.grpc.stub.ServerCallStreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The message-service routing one accepted message: look up which gateways hold its receivers and its sender,
 * build one {@code Delivery} per gateway with that gateway's recipients, and serialize it the way gRPC's protobuf
 * marshaller does before the link writes it. 1,000 users online (each proven by a token valid all day, so every
 * lookup also checks a proof's expiry), spread evenly over the gateways. In this package
 * because gateway channels are made by the link endpoint.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RouteDeliveryBenchmark {

    private static final int ONLINE_USERS = 1000;
    /** HERALD_LINK_BUFFER_BYTES's default; the stream is always ready, so nothing is ever buffered. */
    private static final long LINK_BUFFER_BYTES = 8 << 20;

    @Param({"1", "100", "999"})
    public int receivers;

    @Param({"1", "6"})
    public int gateways;

    private DeliveryRouter router;
    private Message message;
    private SerializingStream[] streams;

    @Setup
    public void setUp() {
        PresenceTable presence = new PresenceTable(Clock.systemUTC());
        Instant proofExpiry = Instant.now().plus(Duration.ofDays(1));
        streams = new SerializingStream[gateways];
        GatewayChannel[] channels = new GatewayChannel[gateways];
        // As in a service: every delivery is counted.
        LinkMeters meters = new LinkMeters(new SimpleMeterRegistry(), presence);
        for (int g = 0; g < gateways; g++) {
            streams[g] = new SerializingStream();
            channels[g] = new GatewayChannel("gateway-" + g, streams[g], LINK_BUFFER_BYTES, overflowed -> {
                throw new IllegalStateException("a link that is always ready never overflows");
            }, meters);
            presence.register(channels[g], List.of());
        }
        for (int u = 0; u < ONLINE_USERS; u++) {
            presence.online(channels[u % gateways], new ProvenUser("user-" + u, proofExpiry));
        }
        Message.Builder builder = Message.newBuilder()
                .setId("01936f8e-7b1c-7d3e-9a4b-5c6d7e8f9a0b")
                .setSender(User.newBuilder().setId("user-0").setName("User 0"))
                .setTitle("bench")
                .setBody("123456789012345|42|" + "x".repeat(100))
                .setType("text")
                .setCreatedAt(Timestamp.newBuilder().setSeconds(1_795_000_000L).setNanos(123_000_000));
        for (int r = 1; r <= receivers; r++) {
            builder.addReceivers("user-" + r);
        }
        message = builder.build();
        router = new DeliveryRouter(presence);
        router.route(message, "socket-of-the-sender");
        for (int g = 0; g < gateways; g++) {
            boolean holdsRecipient = g <= receivers; // users 0..receivers, user u on gateway u % gateways
            if ((streams[g].takeBytes() > 0) != holdsRecipient) {
                throw new IllegalStateException("gateway " + g + " got the wrong deliveries");
            }
        }
    }

    /** Returns the bytes written to the links, so nothing is optimized away. */
    @Benchmark
    public long routeMessage() {
        router.route(message, "socket-of-the-sender");
        long written = 0;
        for (SerializingStream stream : streams) {
            written += stream.takeBytes();
        }
        return written;
    }

    /** A link that serializes what it is given, as gRPC does, and keeps only the byte count. */
    private static final class SerializingStream extends ServerCallStreamObserver<LinkResponse> {

        private long bytes;

        long takeBytes() {
            long taken = bytes;
            bytes = 0;
            return taken;
        }

        @Override
        public void onNext(LinkResponse response) {
            bytes += response.toByteArray().length;
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void setOnCancelHandler(Runnable onCancelHandler) {}

        @Override
        public void setCompression(String compression) {}

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setOnReadyHandler(Runnable onReadyHandler) {}

        @Override
        public void request(int count) {}

        @Override
        public void setMessageCompression(boolean enable) {}

        @Override
        public void disableAutoInboundFlowControl() {}
    }
}
