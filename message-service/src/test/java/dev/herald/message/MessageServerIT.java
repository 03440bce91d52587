package dev.herald.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.devidp.DevKeys;
import dev.herald.devidp.DevTokenIssuer;
import dev.herald.devidp.JwksServer;
import dev.herald.message.auth.GatewaySecretInterceptor;
import dev.herald.message.error.StatusMapper;
import dev.herald.proto.v1.GatewayLinkServiceGrpc;
import dev.herald.proto.v1.Hello;
import dev.herald.proto.v1.LinkRequest;
import dev.herald.proto.v1.LinkResponse;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.OnlineRequest;
import dev.herald.proto.v1.PresenceChange;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SendResponse;
import dev.herald.testing.NatsServerProcess;
import dev.herald.schema.Database;
import dev.herald.schema.DatabaseConfig;
import dev.herald.testing.TestDatabase;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.Subject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The message-service over real gRPC, with a real nats-server, PostgreSQL and JWKS. */
class MessageServerIT {

    static final String SECRET = "test-gateway-secret-of-32-characters-or-more";
    static NatsServerProcess natsServer;
    static TestDatabase database;
    static JwksServer jwks;
    static DevTokenIssuer tokens;
    static DevTokenIssuer anHourAgo;
    static MessageServer server;
    static ManagedChannel channel;
    static String stream;

    final List<LinkResponse> received = new CopyOnWriteArrayList<>();
    StreamObserver<LinkRequest> link;

    @BeforeAll
    static void startServer() throws Exception {
        natsServer = NatsServerProcess.start();
        database = TestDatabase.create();
        // The service checks the schema and never migrates: the migrate command's job, done here by the test.
        try (Database owner = new Database(new DatabaseConfig(database.jdbcUrl(), database.user(),
                database.password(), 1), "test-migrate")) {
            owner.migrate();
        }
        DevKeys keys = DevKeys.generate();
        jwks = JwksServer.start(keys, "127.0.0.1", 0);
        tokens = new DevTokenIssuer(keys, "herald-test", "herald", Clock.systemUTC());
        anHourAgo = new DevTokenIssuer(keys, "herald-test", "herald",
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
        stream = "IT_" + UUID.randomUUID().toString().replace("-", "");
        server = MessageServer.start(MessageServiceConfig.fromEnv(Map.ofEntries(
                Map.entry("HERALD_GRPC_HOST", "127.0.0.1"),
                Map.entry("HERALD_GRPC_PORT", "0"),
                Map.entry("HERALD_OPS_PORT", "0"),
                Map.entry("HERALD_NATS_URL", natsServer.url()),
                Map.entry("HERALD_NATS_STREAM", stream),
                Map.entry("HERALD_NATS_SUBJECT_PREFIX", "it." + stream),
                Map.entry("HERALD_STORED_WAIT_MS", "200"),
                Map.entry("HERALD_MAX_RECEIVERS", "3"),
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
        database.close();
        natsServer.close();
    }

    @BeforeEach
    void openLink() {
        Metadata headers = new Metadata();
        headers.put(GatewaySecretInterceptor.GATEWAY_SECRET, SECRET);
        link = GatewayLinkServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .link(new Recorder(received));
        link.onNext(LinkRequest.newBuilder().setHello(Hello.newBuilder().setGatewayId("gw-" + UUID.randomUUID())).build());
    }

    @AfterEach
    void closeLink() {
        link.onCompleted();
    }

    @Test
    void onlineAnswersWithTheIdentityFromTheToken() {
        var response = asUser("alice", "Alice").online(OnlineRequest.getDefaultInstance());

        assertThat(response.getUser().getId()).isEqualTo("alice");
        assertThat(response.getUser().getName()).isEqualTo("Alice");
    }

    @Test
    void aSentMessageIsAckedThenDeliveredToTheGatewaysOfReceiversAndSender() {
        online("bob");
        online("alice");
        goOnlineOnLink(1, "bob");
        goOnlineOnLink(2, "alice");

        SendResponse ack = asUser("alice", "Alice").send(SendRequest.newBuilder()
                .addReceivers("bob").setBody("hello bob").setTitle("t").setType("text").setOriginSession("s1").build());

        assertThat(ack.getId()).hasSize(36);
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries().size() == 1);
        var delivery = deliveries().getFirst();
        assertThat(delivery.getRecipientIdsList()).containsExactlyInAnyOrder("bob", "alice");
        assertThat(delivery.getOriginSession()).isEqualTo("s1");
        assertThat(delivery.getMessage().getId()).isEqualTo(ack.getId());
        assertThat(delivery.getMessage().getSender().getName()).isEqualTo("Alice");
        assertThat(delivery.getMessage().getBody()).isEqualTo("hello bob");
        assertThat(delivery.getMessage().getCreatedAt()).isEqualTo(ack.getCreatedAt());
    }

    @Test
    void aKnownButOfflineReceiverIsAcceptedAndNothingIsDelivered() throws Exception {
        online("dave");
        online("erin");
        long before = streamMessages();

        SendResponse ack = asUser("erin", "Erin").send(SendRequest.newBuilder().addReceivers("dave").setBody("hi").build());

        assertThat(ack.getId()).isNotEmpty();
        assertThat(streamMessages()).isEqualTo(before + 1);
        assertThat(deliveries()).isEmpty();
    }

    @Test
    void anUnknownReceiverIsNotFoundAndNamesTheField() throws Exception {
        online("frank");
        long before = streamMessages();

        assertThatThrownBy(() -> asUser("frank", "Frank").send(
                SendRequest.newBuilder().addReceivers("nobody-" + UUID.randomUUID()).setBody("hi").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).startsWith("unknown receiver: nobody-");
                    assertThat(e.getTrailers().get(StatusMapper.FIELD_KEY)).isEqualTo("receivers");
                });
        assertThat(streamMessages()).isEqualTo(before);
    }

    @Test
    void invalidRequestsAreRejectedWithTheirField() throws Exception {
        online("gina");
        long before = streamMessages();

        assertInvalid(SendRequest.newBuilder().addReceivers("gina").build(), "body");
        assertInvalid(SendRequest.newBuilder().setBody("x").build(), "receivers");
        assertInvalid(SendRequest.newBuilder().addReceivers("a").addReceivers("b").addReceivers("c")
                .addReceivers("d").setBody("x").build(), "receivers");
        assertThat(streamMessages()).isEqualTo(before);
    }

    @Test
    void aRetriedClientIdReturnsTheOriginalIdAndIsDeliveredOnce() throws Exception {
        online("hank");
        online("iris");
        goOnlineOnLink(1, "iris");
        var request = SendRequest.newBuilder().addReceivers("iris").setBody("once").setClientId("c-42").build();
        long before = streamMessages();

        SendResponse first = asUser("hank", "Hank").send(request);
        SendResponse retry = asUser("hank", "Hank").send(request);

        assertThat(retry.getId()).isEqualTo(first.getId());
        assertThat(retry.getCreatedAt()).isEqualTo(first.getCreatedAt());
        assertThat(first.getDuplicate()).isFalse();
        assertThat(retry.getDuplicate()).isTrue();
        assertThat(streamMessages()).isEqualTo(before + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries().size() == 1);
        // Another sender may use the same clientId freely.
        SendResponse other = asUser("iris", "Iris").send(
                SendRequest.newBuilder().addReceivers("hank").setBody("mine").setClientId("c-42").build());
        assertThat(other.getId()).isNotEqualTo(first.getId());
    }

    @Test
    void callsWithoutAValidTokenAreUnauthenticated() {
        var anonymous = MessageServiceGrpc.newBlockingStub(channel);
        assertThatThrownBy(() -> anonymous.online(OnlineRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));

        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + anHourAgo.issue("mallory", "M", false, Duration.ofMinutes(1)));
        assertThatThrownBy(() -> anonymous.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .online(OnlineRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                    assertThat(e.getStatus().getDescription()).contains("expired");
                });
    }

    @Test
    void aLinkWithoutTheGatewaySecretIsRefused() {
        List<LinkResponse> ignored = new CopyOnWriteArrayList<>();
        Recorder recorder = new Recorder(ignored);
        StreamObserver<LinkRequest> intruder = GatewayLinkServiceGrpc.newStub(channel).link(recorder);
        intruder.onNext(LinkRequest.newBuilder().setHello(Hello.newBuilder().setGatewayId("evil")).build());

        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.error != null);
        assertThat(Status.fromThrowable(recorder.error).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void healthIsServing() {
        var health = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    private void assertInvalid(SendRequest request, String field) {
        assertThatThrownBy(() -> asUser("gina", "Gina").send(request))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getTrailers().get(StatusMapper.FIELD_KEY)).isEqualTo(field);
                });
    }

    private void online(String user) {
        asUser(user, user).online(OnlineRequest.getDefaultInstance());
    }

    private void goOnlineOnLink(long sequence, String user) {
        link.onNext(LinkRequest.newBuilder()
                .setPresence(PresenceChange.newBuilder().setSequence(sequence).setUserId(user).setOnline(true)
                        .setToken(tokens.issue(user, user, false, Duration.ofMinutes(5)))).build());
        await().atMost(Duration.ofSeconds(5)).until(() -> received.stream()
                .anyMatch(r -> r.hasPresenceAck() && r.getPresenceAck().getSequence() == sequence));
    }

    private List<dev.herald.proto.v1.Delivery> deliveries() {
        return received.stream().filter(LinkResponse::hasDelivery).map(LinkResponse::getDelivery).toList();
    }

    private static MessageServiceGrpc.MessageServiceBlockingStub asUser(String id, String name) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + tokens.issue(id, name, false, Duration.ofMinutes(5)));
        return MessageServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static long streamMessages() throws Exception {
        try (Connection nats = Nats.connect(natsServer.url())) {
            var subjects = nats.jetStreamManagement().getStreamInfo(stream,
                    StreamInfoOptions.filterSubjects("it." + stream + ".message")).getStreamState().getSubjects();
            return subjects == null ? 0 : subjects.stream().mapToLong(Subject::getCount).sum();
        }
    }

    private static final class Recorder implements StreamObserver<LinkResponse> {
        final List<LinkResponse> sink;
        volatile Throwable error;

        Recorder(List<LinkResponse> sink) {
            this.sink = sink;
        }

        @Override public void onNext(LinkResponse value) { sink.add(value); }
        @Override public void onError(Throwable t) { error = t; }
        @Override public void onCompleted() {}
    }
}
