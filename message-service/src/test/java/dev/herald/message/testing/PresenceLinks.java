package dev.herald.message.testing;

import static org.awaitility.Awaitility.await;

import dev.herald.message.presence.GatewayLinkEndpoint;
import dev.herald.message.presence.LinkMeters;
import dev.herald.message.presence.PresenceEvents;
import dev.herald.message.presence.PresenceProofs;
import dev.herald.message.presence.PresenceTable;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.GatewayLinkServiceGrpc;
import dev.herald.proto.v1.Hello;
import dev.herald.proto.v1.LinkRequest;
import dev.herald.proto.v1.LinkResponse;
import dev.herald.proto.v1.OnlineUser;
import dev.herald.proto.v1.PresenceChange;
import dev.herald.proto.v1.PresenceNotice;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One message-service instance's gateway-link endpoint over in-process gRPC, with its own presence table and a
 * listener of the links (the presence announcer under test): tests link gateways that announce users, close their
 * sockets, or vanish, and see what each gateway is pushed.
 */
public final class PresenceLinks implements AutoCloseable {

    private final Server server;
    private final ManagedChannel channel;
    private final TestIdentity identity;

    private PresenceLinks(Server server, ManagedChannel channel, TestIdentity identity) {
        this.server = server;
        this.channel = channel;
        this.identity = identity;
    }

    public static PresenceLinks start(PresenceTable presence, PresenceEvents events, TestIdentity identity)
            throws IOException {
        String name = InProcessServerBuilder.generateName();
        Server server = InProcessServerBuilder.forName(name)
                .addService(new GatewayLinkEndpoint(presence, new PresenceProofs(identity.tokens(), Clock.systemUTC()),
                        8 << 20, events, new LinkMeters(new SimpleMeterRegistry(), presence)))
                .build()
                .start();
        return new PresenceLinks(server, InProcessChannelBuilder.forName(name).build(), identity);
    }

    /** Links a gateway whose hello names {@code announced}, with announce set (users it held before). */
    public Gateway open(String... announced) {
        Gateway gateway = new Gateway();
        GatewayLinkServiceGrpc.newStub(channel).link(gateway);
        Hello.Builder hello = Hello.newBuilder().setGatewayId("gw-" + UUID.randomUUID());
        for (String user : announced) {
            hello.addOnlineUsers(OnlineUser.newBuilder().setUserId(user).setToken(identity.token(user))
                    .setAnnounce(true));
        }
        gateway.requests.onNext(LinkRequest.newBuilder().setHello(hello).build());
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.received.stream().anyMatch(LinkResponse::hasHelloAck));
        return gateway;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** One linked gateway: what it reports, and what it was sent. */
    public final class Gateway implements ClientResponseObserver<LinkRequest, LinkResponse> {

        private final List<LinkResponse> received = new CopyOnWriteArrayList<>();
        private ClientCallStreamObserver<LinkRequest> requests;
        private long sequence;

        @Override
        public void beforeStart(ClientCallStreamObserver<LinkRequest> requests) {
            this.requests = requests;
        }

        /** A first socket of {@code user} here, with this instance as its announcer. */
        public void online(String user) {
            change(PresenceChange.newBuilder().setUserId(user).setOnline(true).setToken(identity.token(user))
                    .setAnnounce(true));
        }

        /** First sockets of many users here, sent at once (a sign-in storm); waits for the last acknowledgement. */
        public void onlineAll(List<String> users) {
            // Signed first, in parallel: the storm then reaches the instance as fast as the link carries it.
            List<String> tokens = users.parallelStream().map(identity::token).toList();
            for (int i = 0; i < users.size(); i++) {
                requests.onNext(LinkRequest.newBuilder().setPresence(PresenceChange.newBuilder().setSequence(++sequence)
                        .setUserId(users.get(i)).setOnline(true).setToken(tokens.get(i)).setAnnounce(true)).build());
            }
            long last = sequence;
            await().atMost(Duration.ofSeconds(60)).until(() -> received.stream()
                    .anyMatch(r -> r.hasPresenceAck() && r.getPresenceAck().getSequence() == last));
        }

        /** The user's online reported again without announce: another instance announces it now. */
        public void handOver(String user) {
            change(PresenceChange.newBuilder().setUserId(user).setOnline(true).setToken(identity.token(user)));
        }

        /** The last socket of {@code user} here closed. */
        public void offline(String user) {
            change(PresenceChange.newBuilder().setUserId(user).setOnline(false));
        }

        /** The gateway vanishes: its call is cancelled, as when keepalive finds it gone. */
        public void cut() {
            requests.cancel("gateway gone", null);
        }

        /** The presence notices pushed to this gateway, oldest first. */
        public List<Delivery> presenceNotices() {
            return received.stream().filter(LinkResponse::hasDelivery).map(LinkResponse::getDelivery)
                    .filter(Delivery::hasPresence).toList();
        }

        /** The notices about {@code user}. */
        public List<PresenceNotice> noticesAbout(String user) {
            return presenceNotices().stream().map(Delivery::getPresence)
                    .filter(notice -> notice.getUserId().equals(user)).toList();
        }

        /** Every delivery, oldest first. */
        public List<Delivery> deliveries() {
            return received.stream().filter(LinkResponse::hasDelivery).map(LinkResponse::getDelivery).toList();
        }

        private void change(PresenceChange.Builder change) {
            long sent = ++sequence;
            requests.onNext(LinkRequest.newBuilder().setPresence(change.setSequence(sent)).build());
            await().atMost(Duration.ofSeconds(5)).until(() -> received.stream()
                    .anyMatch(r -> r.hasPresenceAck() && r.getPresenceAck().getSequence() == sent));
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
