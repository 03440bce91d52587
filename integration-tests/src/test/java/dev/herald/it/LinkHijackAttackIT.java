package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.proto.v1.GatewayLinkServiceGrpc;
import dev.herald.proto.v1.Hello;
import dev.herald.proto.v1.InboxServiceGrpc;
import dev.herald.proto.v1.LinkRequest;
import dev.herald.proto.v1.LinkResponse;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.OnlineUser;
import dev.herald.proto.v1.PresenceChange;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SyncRequest;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An attacker who holds the stack's real gateway secret, and a valid token of its own, opens raw
 * {@code GatewayLinkService/Link} streams to the real message-service and names a victim who is online on the
 * real gateway. Before links were tied to users, a hello naming the victim received every message sent to it,
 * body included. Now the victim's own current token is the only thing that puts it on a link, and the secret
 * alone calls nothing either.
 */
class LinkHijackAttackIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MESSAGES = 20;

    static HeraldStack stack;
    static ManagedChannel channel;
    static Channel withSecret;

    @BeforeAll
    static void start() throws Exception {
        stack = HeraldStack.start(Map.of());
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", stack.grpcPort()).usePlaintext().build();
        Metadata secret = new Metadata();
        secret.put(Metadata.Key.of("x-herald-gateway-secret", Metadata.ASCII_STRING_MARSHALLER),
                stack.env.get("HERALD_GATEWAY_SECRET"));
        withSecret = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(secret));
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow();
        stack.close();
    }

    @Test
    void linksWithTheSecretNamingTheVictimReceiveNoneOfItsMessages() throws Exception {
        String victim = "victim-" + UUID.randomUUID().toString().substring(0, 8);
        String mallory = "mallory-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> badTokens = new LinkedHashMap<>();
        badTokens.put("no token", "");
        badTokens.put("the attacker's own valid token", stack.token(mallory, "Mallory"));
        badTokens.put("the victim's expired token", stack.expiredTokens.issue(victim, "Victim", false,
                Duration.ofMinutes(30)));

        try (Bystander bystander = Bystander.start(stack);
                WsClient victimSocket = stack.online(victim, "Victim");
                WsClient alice = stack.online("alice-" + UUID.randomUUID().toString().substring(0, 8), "Alice")) {
            Map<String, RawLink> attacks = new LinkedHashMap<>();
            badTokens.forEach((kind, token) -> {
                attacks.put("hello with " + kind, RawLink.open(OnlineUser.newBuilder()
                        .setUserId(victim).setToken(token).build()));
                RawLink changed = RawLink.open();
                changed.presence(victim, true, token);
                attacks.put("presence change with " + kind, changed);
            });
            attacks.forEach((kind, link) -> link.awaitAcks(kind));

            for (int i = 0; i < MESSAGES; i++) {
                var ack = alice.request("message", Map.of("receivers", List.of(victim), "body", "for the victim " + i));
                assertThat(ack.path("event").asText()).as("send %s: %s", i, ack).isEqualTo("ack");
            }

            assertThat(victimSocket.awaitEvents("message", MESSAGES, WAIT)).hasSize(MESSAGES);
            attacks.forEach((kind, link) -> {
                link.settle(kind);
                System.out.println("attacker link (" + kind + "): " + link.deliveries() + " deliveries");
                assertThat(link.deliveries()).as("deliveries on a link with %s", kind).isZero();
                assertThat(link.ended).as("link with %s stays open, its other users served", kind).isNull();
            });
            bystander.finish();
            attacks.values().forEach(RawLink::close);
        }
    }

    @Test
    void theSecretAloneCallsNoRpcAsAUser() {
        String victim = "victim-" + UUID.randomUUID().toString().substring(0, 8);

        assertThatThrownBy(() -> InboxServiceGrpc.newBlockingStub(withSecret).sync(SyncRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThatThrownBy(() -> MessageServiceGrpc.newBlockingStub(withSecret)
                .send(SendRequest.newBuilder().addReceivers(victim).setBody("as nobody").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        // What the gateway sends: the socket's own bearer token, verified again; an expired one of the victim fails.
        Metadata expiredBearer = new Metadata();
        expiredBearer.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer "
                + stack.expiredTokens.issue(victim, "Victim", false, Duration.ofMinutes(30)));
        assertThatThrownBy(() -> InboxServiceGrpc.newBlockingStub(withSecret)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(expiredBearer))
                .sync(SyncRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                    assertThat(e.getStatus().getDescription()).isEqualTo("token expired");
                });
    }

    /** The attacker's end of a link: a raw stream opened with the real secret, recording what the instance sends. */
    private static final class RawLink implements StreamObserver<LinkResponse> {

        private final List<LinkResponse> received = new CopyOnWriteArrayList<>();
        private final AtomicLong sequence = new AtomicLong();
        private final List<Long> sent = new CopyOnWriteArrayList<>();
        private @Nullable StreamObserver<LinkRequest> requests;
        private volatile @Nullable Status ended;

        static RawLink open(OnlineUser... users) {
            RawLink link = new RawLink();
            link.requests = GatewayLinkServiceGrpc.newStub(withSecret).link(link);
            link.requests.onNext(LinkRequest.newBuilder().setHello(Hello.newBuilder()
                    .setGatewayId("gw-attacker-" + UUID.randomUUID()).addAllOnlineUsers(List.of(users))).build());
            return link;
        }

        void presence(String userId, boolean online, String token) {
            long next = sequence.incrementAndGet();
            sent.add(next);
            requests.onNext(LinkRequest.newBuilder().setPresence(PresenceChange.newBuilder()
                    .setSequence(next).setUserId(userId).setOnline(online).setToken(token)).build());
        }

        /** Waits until every presence change sent was acknowledged: the instance answers even refused proofs. */
        void awaitAcks(String kind) {
            Awaitility.await(kind).atMost(WAIT).until(() -> sent.stream().allMatch(this::acked));
        }

        /** Waits until a presence change sent now is acked: what was routed to the link before has arrived. */
        void settle(String kind) {
            presence("nobody", false, "");
            awaitAcks(kind);
        }

        void close() {
            requests.onCompleted();
        }

        long deliveries() {
            return received.stream().filter(LinkResponse::hasDelivery).count();
        }

        private boolean acked(long sequence) {
            return received.stream().anyMatch(r -> r.hasPresenceAck() && r.getPresenceAck().getSequence() == sequence);
        }

        @Override
        public void onNext(LinkResponse response) {
            received.add(response);
        }

        @Override
        public void onError(Throwable t) {
            ended = Status.fromThrowable(t);
        }

        @Override
        public void onCompleted() {
            ended = Status.OK;
        }
    }
}
