package dev.herald.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.devidp.DevKeys;
import dev.herald.devidp.DevTokenIssuer;
import dev.herald.devidp.JwksServer;
import dev.herald.message.auth.GatewaySecretInterceptor;
import dev.herald.proto.v1.GatewayLinkServiceGrpc;
import dev.herald.proto.v1.Hello;
import dev.herald.proto.v1.LinkRequest;
import dev.herald.proto.v1.LinkResponse;
import dev.herald.proto.v1.LinkSend;
import dev.herald.proto.v1.LinkSendBatch;
import dev.herald.proto.v1.LinkSendError;
import dev.herald.proto.v1.LinkSendResult;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.PresenceChange;
import dev.herald.proto.v1.SendRequest;
import dev.herald.schema.Database;
import dev.herald.schema.DatabaseConfig;
import dev.herald.testing.NatsServerProcess;
import dev.herald.testing.TestDatabase;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sends over gateway links through a whole message-service over real gRPC (Netty, NATS, PostgreSQL, JWKS): a send
 * goes out only as a user proven on that very link, after the same checks and within the same per-user limits as
 * the unary Send (a bucket of 3 sends at 1 per second here), and its result carries what the unary status would.
 */
class LinkSendIT {

    static final String SECRET = "test-gateway-secret-of-32-characters-or-more";

    static NatsServerProcess natsServer;
    static Connection nats;
    static String stream;
    static TestDatabase database;
    static JwksServer jwks;
    static DevTokenIssuer tokens;
    static MessageServer server;
    static ManagedChannel channel;

    @BeforeAll
    static void startServer() throws Exception {
        natsServer = NatsServerProcess.start();
        nats = Nats.connect(natsServer.url());
        database = TestDatabase.create();
        try (Database owner = new Database(new DatabaseConfig(database.jdbcUrl(), database.user(),
                database.password(), 1), "test-migrate")) {
            owner.migrate();
        }
        DevKeys keys = DevKeys.generate();
        jwks = JwksServer.start(keys, "127.0.0.1", 0);
        tokens = new DevTokenIssuer(keys, "herald-test", "herald", Clock.systemUTC());
        stream = "LINKSEND_" + UUID.randomUUID().toString().replace("-", "");
        server = MessageServer.start(MessageServiceConfig.fromEnv(Map.ofEntries(
                Map.entry("HERALD_GRPC_HOST", "127.0.0.1"),
                Map.entry("HERALD_GRPC_PORT", "0"),
                Map.entry("HERALD_OPS_PORT", "0"),
                Map.entry("HERALD_NATS_URL", natsServer.url()),
                Map.entry("HERALD_NATS_STREAM", stream),
                Map.entry("HERALD_NATS_SUBJECT_PREFIX", "it." + stream),
                Map.entry("HERALD_STORED_WAIT_MS", "200"),
                Map.entry("HERALD_USER_SEND_RATE", "1"),
                Map.entry("HERALD_USER_SEND_BURST", "3"),
                Map.entry("HERALD_GATEWAY_SECRET", SECRET),
                Map.entry("HERALD_JWKS_URL", jwks.jwksUrl().toString()),
                Map.entry("HERALD_JWT_ISSUER", "herald-test"),
                Map.entry("HERALD_JWT_AUDIENCE", "herald"),
                Map.entry("HERALD_DB_URL", database.jdbcUrl()),
                Map.entry("HERALD_DB_USER", database.user()),
                Map.entry("HERALD_DB_PASSWORD", database.password()))));
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    @AfterAll
    static void stopServer() throws Exception {
        channel.shutdownNow();
        server.close();
        jwks.close();
        nats.close();
        database.close();
        natsServer.close();
    }

    @Test
    void aSendOfAUserProvenOnTheLinkIsPublishedDeliveredAndAnsweredWithItsId() throws Exception {
        String alice = unique("alice");
        String bob = unique("bob");
        Gateway gateway = new Gateway();
        gateway.online(alice);
        gateway.online(bob);
        long before = messagesInStream();

        LinkSendResult result = gateway.sendAndAwait(alice, SendRequest.newBuilder().addReceivers(bob).setBody("hi")
                .setClientId("c-1").setOriginSession("s-1").build());

        assertThat(result.hasSent()).as("result %s", result).isTrue();
        assertThat(messagesInStream()).isEqualTo(before + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.deliveredMessage(result.getSent().getId()));
        LinkSendResult retried = gateway.sendAndAwait(alice, SendRequest.newBuilder().addReceivers(bob)
                .setBody("hi").setClientId("c-1").build());
        assertThat(retried.getSent().getId()).isEqualTo(result.getSent().getId());
        assertThat(retried.getSent().getDuplicate()).isTrue();
        assertThat(messagesInStream()).isEqualTo(before + 1);
    }

    @Test
    void aSendOfAUserNotProvenOnThatLinkIsRefusedUnauthenticatedAndPublishesNothing() throws Exception {
        String mallory = unique("mallory");
        String bob = unique("bob");
        Gateway honest = new Gateway();
        honest.online(mallory);
        honest.online(bob);
        Gateway other = new Gateway(); // linked with the secret, but nobody proven on it
        Gateway stale = new Gateway();
        stale.online(mallory);
        stale.offline(mallory);
        long before = messagesInStream();

        SendRequest message = SendRequest.newBuilder().addReceivers(bob).setBody("forged").build();
        LinkSendResult forged = other.sendAndAwait(mallory, message);
        LinkSendResult afterOffline = stale.sendAndAwait(mallory, message);

        assertThat(forged.getError().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED.value());
        assertThat(afterOffline.getError().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED.value());
        assertThat(messagesInStream()).isEqualTo(before);
    }

    @Test
    void refusalsCarryWhatTheUnaryStatusWouldSay() throws Exception {
        String carol = unique("carol");
        String dave = unique("dave");
        Gateway gateway = new Gateway();
        gateway.online(carol);
        gateway.online(dave);

        LinkSendError blank = gateway.sendAndAwait(carol,
                SendRequest.newBuilder().addReceivers(dave).setBody(" ").build()).getError();
        LinkSendError unknown = gateway.sendAndAwait(dave,
                SendRequest.newBuilder().addReceivers(unique("nobody")).setBody("hi").build()).getError();
        StatusRuntimeException unaryBlank = unaryRefusal(carol,
                SendRequest.newBuilder().addReceivers(dave).setBody(" ").build());

        assertThat(blank.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
        assertThat(blank.getField()).isEqualTo("body");
        assertThat(blank.getMessage()).isEqualTo(unaryBlank.getStatus().getDescription());
        assertThat(unaryBlank.getTrailers().get(Metadata.Key.of("herald-field", Metadata.ASCII_STRING_MARSHALLER)))
                .isEqualTo("body");
        assertThat(unknown.getCode()).isEqualTo(Status.Code.NOT_FOUND.value());
        assertThat(unknown.getField()).isEqualTo("receivers");
        assertThat(unknown.getMessage()).contains("unknown receiver");
    }

    @Test
    void linkAndUnarySendsShareTheUsersBucketAndARefusalCarriesTheWait() throws Exception {
        String erin = unique("erin");
        String frank = unique("frank");
        Gateway gateway = new Gateway();
        gateway.online(erin);
        gateway.online(frank);
        SendRequest message = SendRequest.newBuilder().addReceivers(frank).setBody("hi").build();

        assertThat(gateway.sendAndAwait(erin, message).hasSent()).isTrue();
        assertThat(gateway.sendAndAwait(erin, message).hasSent()).isTrue();
        MessageServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(erin)).send(message); // the third
        long before = messagesInStream();
        LinkSendError refused = gateway.sendAndAwait(erin, message).getError();

        assertThat(refused.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED.value());
        assertThat(refused.getRetryAfterMs()).isBetween(1L, 1_000L);
        assertThat(refused.getMessage())
                .isEqualTo("too many sends for this user: retry after " + refused.getRetryAfterMs() + " ms");
        assertThat(messagesInStream()).isEqualTo(before);
    }

    private static long messagesInStream() throws Exception {
        return nats.jetStreamManagement().getStreamInfo(stream).getStreamState().getMsgCount();
    }

    private static StatusRuntimeException unaryRefusal(String user, SendRequest request) {
        try {
            MessageServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(user)).send(request);
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the unary send was accepted");
    }

    private static io.grpc.ClientInterceptor bearer(String user) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + tokens.issue(user, user, false, Duration.ofMinutes(5)));
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID();
    }

    /** A gateway's link over the network, with the secret, that makes sends and reads every answer. */
    private static final class Gateway implements ClientResponseObserver<LinkRequest, LinkResponse> {

        private final List<LinkResponse> received = new CopyOnWriteArrayList<>();
        private final AtomicLong ids = new AtomicLong();
        private ClientCallStreamObserver<LinkRequest> requests;
        private long sequence;

        Gateway() {
            Metadata headers = new Metadata();
            headers.put(GatewaySecretInterceptor.GATEWAY_SECRET, SECRET);
            GatewayLinkServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .link(this);
            requests.onNext(LinkRequest.newBuilder()
                    .setHello(Hello.newBuilder().setGatewayId("gw-" + UUID.randomUUID())).build());
            await().atMost(Duration.ofSeconds(5)).until(() -> received.stream().anyMatch(LinkResponse::hasHelloAck));
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<LinkRequest> requests) {
            this.requests = requests;
        }

        void online(String user) {
            presence(PresenceChange.newBuilder().setUserId(user).setOnline(true)
                    .setToken(tokens.issue(user, user, false, Duration.ofMinutes(5))));
        }

        void offline(String user) {
            presence(PresenceChange.newBuilder().setUserId(user).setOnline(false));
        }

        private void presence(PresenceChange.Builder change) {
            long sent = ++sequence;
            requests.onNext(LinkRequest.newBuilder().setPresence(change.setSequence(sent)).build());
            await().atMost(Duration.ofSeconds(5)).until(() -> received.stream()
                    .anyMatch(r -> r.hasPresenceAck() && r.getPresenceAck().getSequence() == sent));
        }

        LinkSendResult sendAndAwait(String user, SendRequest request) {
            long id = ids.incrementAndGet();
            requests.onNext(LinkRequest.newBuilder().setSends(LinkSendBatch.newBuilder().addSends(
                    LinkSend.newBuilder().setSendId(id).setUserId(user).setRequest(request))).build());
            return await().atMost(Duration.ofSeconds(10)).until(() -> result(id), Optional::isPresent).orElseThrow();
        }

        private Optional<LinkSendResult> result(long id) {
            return received.stream().filter(LinkResponse::hasSendResults)
                    .flatMap(r -> r.getSendResults().getResultsList().stream())
                    .filter(r -> r.getSendId() == id).findFirst();
        }

        boolean deliveredMessage(String id) {
            return received.stream().filter(LinkResponse::hasDelivery)
                    .anyMatch(r -> r.getDelivery().getMessage().getId().equals(id));
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
