package dev.herald.message.testing;

import static org.awaitility.Awaitility.await;

import dev.herald.message.presence.GatewayLinkEndpoint;
import dev.herald.message.presence.LinkMeters;
import dev.herald.message.presence.PresenceProofs;
import dev.herald.message.presence.PresenceTable;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.GatewayLinkServiceGrpc;
import dev.herald.proto.v1.Hello;
import dev.herald.proto.v1.LinkRequest;
import dev.herald.proto.v1.LinkResponse;
import dev.herald.proto.v1.PresenceChange;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The real gateway-link endpoint over in-process gRPC: tests open links as gateways would, put users online on
 * them, and see what the features deliver to each gateway.
 */
public final class GatewayLinks implements AutoCloseable {

    private static final long LINK_BUFFER_BYTES = 8 << 20;

    private final Server server;
    private final ManagedChannel channel;
    private final TestIdentity identity;

    private GatewayLinks(Server server, ManagedChannel channel, TestIdentity identity) {
        this.server = server;
        this.channel = channel;
        this.identity = identity;
    }

    static GatewayLinks start(PresenceTable presence, TestIdentity identity) throws IOException {
        String name = InProcessServerBuilder.generateName();
        Server server = InProcessServerBuilder.forName(name)
                .addService(new GatewayLinkEndpoint(presence, new PresenceProofs(identity.tokens(), Clock.systemUTC()),
                        LINK_BUFFER_BYTES, new LinkMeters(new SimpleMeterRegistry(), presence)))
                .build()
                .start();
        return new GatewayLinks(server, InProcessChannelBuilder.forName(name).build(), identity);
    }

    /**
     * Links a new gateway holding sockets of {@code users}, each proven with its own valid token; returns once the
     * message-service has them online.
     */
    public Gateway open(String... users) {
        Gateway gateway = new Gateway(identity);
        gateway.requests = GatewayLinkServiceGrpc.newStub(channel).link(gateway);
        gateway.requests.onNext(LinkRequest.newBuilder()
                .setHello(Hello.newBuilder().setGatewayId("gw-" + UUID.randomUUID())).build());
        for (String user : users) {
            gateway.online(user);
        }
        return gateway;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** One linked gateway: what it was sent. */
    public static final class Gateway implements StreamObserver<LinkResponse> {

        private final List<LinkResponse> received = new CopyOnWriteArrayList<>();
        private final TestIdentity identity;
        private StreamObserver<LinkRequest> requests;
        private long sequence;

        private Gateway(TestIdentity identity) {
            this.identity = identity;
        }

        /** Reports a socket of {@code user}, with the user's valid token, and waits for the acknowledgement. */
        public void online(String user) {
            long sent = ++sequence;
            requests.onNext(LinkRequest.newBuilder().setPresence(PresenceChange.newBuilder()
                    .setSequence(sent).setUserId(user).setOnline(true).setToken(identity.token(user))).build());
            await().atMost(Duration.ofSeconds(5)).until(() -> received.stream()
                    .anyMatch(r -> r.hasPresenceAck() && r.getPresenceAck().getSequence() == sent));
        }

        public List<Delivery> deliveries() {
            return received.stream().filter(LinkResponse::hasDelivery).map(LinkResponse::getDelivery).toList();
        }

        /** Waits until {@code count} deliveries came (and fails if they do not). */
        public List<Delivery> awaitDeliveries(int count) {
            await().atMost(Duration.ofSeconds(5)).until(() -> deliveries().size() >= count);
            return deliveries();
        }

        @Override
        public void onNext(LinkResponse response) {
            received.add(response);
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
    }
}
