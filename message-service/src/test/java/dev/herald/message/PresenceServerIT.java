package dev.herald.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.devidp.DevKeys;
import dev.herald.devidp.DevTokenIssuer;
import dev.herald.devidp.JwksServer;
import dev.herald.message.auth.GatewaySecretInterceptor;
import dev.herald.message.error.StatusMapper;
import dev.herald.message.testing.StoredAudience;
import dev.herald.proto.v1.GatewayLinkServiceGrpc;
import dev.herald.proto.v1.GetPresenceRequest;
import dev.herald.proto.v1.Hello;
import dev.herald.proto.v1.LinkRequest;
import dev.herald.proto.v1.LinkResponse;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.Presence;
import dev.herald.proto.v1.PresenceChange;
import dev.herald.proto.v1.PresenceNotice;
import dev.herald.proto.v1.TypingRequest;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Presence and typing through a whole message-service over real gRPC: gateways link with the secret, the announcer
 * is wired to the links, and GetPresence and Typing answer through the API with their fields named.
 */
class PresenceServerIT {

    static final String SECRET = "test-gateway-secret-of-32-characters-or-more";
    static final Duration DEBOUNCE = Duration.ofMillis(300);
    static NatsServerProcess natsServer;
    static TestDatabase database;
    static Database rows;
    static JwksServer jwks;
    static DevTokenIssuer tokens;
    static MessageServer server;
    static ManagedChannel channel;

    @BeforeAll
    static void startServer() throws Exception {
        natsServer = NatsServerProcess.start();
        database = TestDatabase.create();
        rows = new Database(new DatabaseConfig(database.jdbcUrl(), database.user(), database.password(), 1),
                "test-rows");
        rows.migrate();
        DevKeys keys = DevKeys.generate();
        jwks = JwksServer.start(keys, "127.0.0.1", 0);
        tokens = new DevTokenIssuer(keys, "herald-test", "herald", Clock.systemUTC());
        String stream = "IT_" + UUID.randomUUID().toString().replace("-", "");
        server = MessageServer.start(MessageServiceConfig.fromEnv(Map.ofEntries(
                Map.entry("HERALD_GRPC_HOST", "127.0.0.1"),
                Map.entry("HERALD_GRPC_PORT", "0"),
                Map.entry("HERALD_OPS_PORT", "0"),
                Map.entry("HERALD_NATS_URL", natsServer.url()),
                Map.entry("HERALD_NATS_STREAM", stream),
                Map.entry("HERALD_NATS_SUBJECT_PREFIX", "it." + stream),
                Map.entry("HERALD_STORED_WAIT_MS", "200"),
                Map.entry("HERALD_PRESENCE_OFFLINE_DEBOUNCE_MS", String.valueOf(DEBOUNCE.toMillis())),
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
        rows.close();
        jwks.close();
        database.close();
        natsServer.close();
    }

    @Test
    void aUsersPresenceIsPushedToItsRoomOnAnotherGatewayAndItsGatewayVanishingPushesItOffline() {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        new StoredAudience(rows.dsl()).room(alice, bob);
        Gateway bobs = new Gateway();
        bobs.online(bob, false);
        Gateway alices = new Gateway();

        alices.online(alice, true);

        await().atMost(Duration.ofSeconds(5)).until(() -> bobs.noticesAbout(alice).size() == 1);
        assertThat(bobs.noticesAbout(alice).getFirst().getOnline()).isTrue();
        Presence seen = asUser(bob).getPresence(GetPresenceRequest.newBuilder().addUserIds(alice).build())
                .getUsers(0);
        assertThat(seen.getState()).isEqualTo(Presence.State.STATE_ONLINE);

        alices.vanish();

        await().atMost(DEBOUNCE.plusSeconds(5)).until(() -> bobs.noticesAbout(alice).size() == 2);
        PresenceNotice offline = bobs.noticesAbout(alice).getLast();
        assertThat(offline.getOnline()).isFalse();
        Presence after = asUser(bob).getPresence(GetPresenceRequest.newBuilder().addUserIds(alice).build())
                .getUsers(0);
        assertThat(after.getState()).isEqualTo(Presence.State.STATE_OFFLINE);
        assertThat(after.getLastSeen()).isEqualTo(offline.getLastSeen());
    }

    @Test
    void badPresenceAndTypingRequestsNameTheirField() {
        var caller = asUser("carol-" + UUID.randomUUID());
        GetPresenceRequest tooMany = GetPresenceRequest.newBuilder()
                .addAllUserIds(IntStream.range(0, 501).mapToObj(i -> "user-" + i).toList()).build();

        assertInvalid(() -> caller.getPresence(tooMany), "user_ids");
        assertInvalid(() -> caller.typing(TypingRequest.getDefaultInstance()), "to");
        assertThatThrownBy(() -> caller.typing(TypingRequest.newBuilder().setTo("stranger").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getTrailers().get(StatusMapper.FIELD_KEY)).isEqualTo("to");
                });
    }

    private static void assertInvalid(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getTrailers().get(StatusMapper.FIELD_KEY)).isEqualTo(field);
        });
    }

    private static MessageServiceGrpc.MessageServiceBlockingStub asUser(String id) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + tokens.issue(id, id, false, Duration.ofMinutes(5)));
        return MessageServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** A gateway's link over the network, with the secret. */
    private static final class Gateway implements ClientResponseObserver<LinkRequest, LinkResponse> {

        private final List<LinkResponse> received = new CopyOnWriteArrayList<>();
        private ClientCallStreamObserver<LinkRequest> requests;
        private long sequence;

        Gateway() {
            Metadata headers = new Metadata();
            headers.put(GatewaySecretInterceptor.GATEWAY_SECRET, SECRET);
            GatewayLinkServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .link(this);
            requests.onNext(LinkRequest.newBuilder()
                    .setHello(Hello.newBuilder().setGatewayId("gw-" + UUID.randomUUID())).build());
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<LinkRequest> requests) {
            this.requests = requests;
        }

        void online(String user, boolean announce) {
            long sent = ++sequence;
            requests.onNext(LinkRequest.newBuilder().setPresence(PresenceChange.newBuilder().setSequence(sent)
                    .setUserId(user).setOnline(true).setAnnounce(announce)
                    .setToken(tokens.issue(user, user, false, Duration.ofMinutes(5)))).build());
            await().atMost(Duration.ofSeconds(5)).until(() -> received.stream()
                    .anyMatch(r -> r.hasPresenceAck() && r.getPresenceAck().getSequence() == sent));
        }

        /** The link is cancelled without a word, as when keepalive finds the gateway gone. */
        void vanish() {
            requests.cancel("gateway gone", null);
        }

        List<PresenceNotice> noticesAbout(String user) {
            return received.stream().filter(LinkResponse::hasDelivery).map(LinkResponse::getDelivery)
                    .filter(d -> d.hasPresence() && d.getPresence().getUserId().equals(user))
                    .map(d -> d.getPresence()).toList();
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
