package dev.herald.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.devidp.DevKeys;
import dev.herald.devidp.DevTokenIssuer;
import dev.herald.devidp.JwksServer;
import dev.herald.message.auth.GatewaySecretInterceptor;
import dev.herald.proto.v1.GatewayLinkServiceGrpc;
import dev.herald.proto.v1.Hello;
import dev.herald.proto.v1.OnlineUser;
import dev.herald.proto.v1.LinkRequest;
import dev.herald.proto.v1.LinkResponse;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.OnlineRequest;
import dev.herald.proto.v1.SendRequest;
import dev.herald.schema.Database;
import dev.herald.schema.DatabaseConfig;
import dev.herald.testing.NatsServerProcess;
import dev.herald.testing.TestCertificates;
import dev.herald.testing.TestDatabase;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The message-service serving gRPC over TLS with mutual TLS for gateway links ({@code HERALD_GRPC_TLS_CERT},
 * {@code _KEY}, {@code _CLIENT_CA}), against real gRPC clients: plain text is refused, a direct caller needs only
 * the server's CA and its token, and a link needs a gateway certificate from the client CA on top of the secret.
 */
class GrpcTlsIT {

    private static final String SECRET = "test-gateway-secret-of-32-characters-or-more";

    static Path directory;
    static NatsServerProcess nats;
    static TestDatabase database;
    static JwksServer jwks;
    static DevTokenIssuer tokens;
    static MessageServer server;
    static TestCertificates serverCa;
    static TestCertificates gatewayCa;
    static TestCertificates rogueCa;

    private final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        directory = Files.createTempDirectory("herald-grpc-tls");
        serverCa = TestCertificates.authority(directory, "server-ca");
        gatewayCa = TestCertificates.authority(directory, "gateway-ca");
        rogueCa = TestCertificates.authority(directory, "rogue-ca");
        TestCertificates.Issued serverCertificate = serverCa.server("message-service");
        nats = NatsServerProcess.start();
        database = TestDatabase.create();
        // The service checks the schema and never migrates: the migrate command's job, done here by the test.
        try (Database owner = new Database(new DatabaseConfig(database.jdbcUrl(), database.user(),
                database.password(), 1), "test-migrate")) {
            owner.migrate();
        }
        DevKeys keys = DevKeys.generate();
        jwks = JwksServer.start(keys, "127.0.0.1", 0);
        tokens = new DevTokenIssuer(keys, "herald-test", "herald", Clock.systemUTC());
        String stream = "IT_" + UUID.randomUUID().toString().replace("-", "");
        // Listening on all interfaces without development mode: allowed only because TLS is on.
        server = MessageServer.start(MessageServiceConfig.fromEnv(Map.ofEntries(
                Map.entry("HERALD_GRPC_HOST", "0.0.0.0"),
                Map.entry("HERALD_GRPC_PORT", "0"),
                Map.entry("HERALD_OPS_PORT", "0"),
                Map.entry("HERALD_GRPC_TLS_CERT", serverCertificate.certificateFile().toString()),
                Map.entry("HERALD_GRPC_TLS_KEY", serverCertificate.keyFile().toString()),
                Map.entry("HERALD_GRPC_TLS_CLIENT_CA", gatewayCa.caFile().toString()),
                Map.entry("HERALD_NATS_URL", nats.url()),
                Map.entry("HERALD_NATS_STREAM", stream),
                Map.entry("HERALD_NATS_SUBJECT_PREFIX", "it." + stream),
                Map.entry("HERALD_STORED_WAIT_MS", "200"),
                Map.entry("HERALD_GATEWAY_SECRET", SECRET),
                Map.entry("HERALD_JWKS_URL", jwks.jwksUrl().toString()),
                Map.entry("HERALD_JWT_ISSUER", "herald-test"),
                Map.entry("HERALD_JWT_AUDIENCE", "herald"),
                Map.entry("HERALD_DB_URL", database.jdbcUrl()),
                Map.entry("HERALD_DB_USER", database.user()),
                Map.entry("HERALD_DB_PASSWORD", database.password()))));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
        jwks.close();
        database.close();
        nats.close();
        try (var files = Files.walk(directory)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
    }

    @AfterEach
    void closeChannels() {
        channels.forEach(ManagedChannel::shutdownNow);
    }

    @Test
    void aPlainTextClientIsRefused() {
        ManagedChannel plain = channel(InsecureChannelCredentials.create());

        assertThatThrownBy(() -> HealthGrpc.newBlockingStub(plain).withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }

    @Test
    void aClientThatDoesNotTrustTheServerCertificateRefusesIt() throws IOException {
        ManagedChannel distrustful = channel(TlsChannelCredentials.newBuilder()
                .trustManager(rogueCa.caFile().toFile()).build());

        assertThatThrownBy(() -> HealthGrpc.newBlockingStub(distrustful).withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }

    @Test
    void aDirectCallerNeedsOnlyTheServerCaAndItsToken() throws IOException {
        ManagedChannel direct = channel(trustingServer().build());

        assertThat(HealthGrpc.newBlockingStub(direct).check(HealthCheckRequest.getDefaultInstance()).getStatus())
                .isEqualTo(ServingStatus.SERVING);
        assertThat(asUser(direct, "carol").online(OnlineRequest.getDefaultInstance()).getUser().getId())
                .isEqualTo("carol");
    }

    @Test
    void aLinkWithoutAClientCertificateIsRefusedEvenWithTheSecret() throws IOException {
        Link link = openLink(channel(trustingServer().build()), "nobody");

        await().atMost(Duration.ofSeconds(10)).until(() -> link.error != null);
        Status status = Status.fromThrowable(link.error);
        assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(status.getDescription()).isEqualTo("a gateway link needs a client certificate");
    }

    @Test
    void aLinkWithACertificateFromAnotherCaIsRefused() {
        // A client that presents its certificate whatever CAs the server asks for, as an attacker's would.
        TestCertificates.Issued impostor = rogueCa.client("gateway");
        Link link = openLink(channel(TlsChannelCredentials.newBuilder()
                .trustManager(serverCa.trustManagers())
                .keyManager(impostor.alwaysPresenting()).build()), "nobody");

        await().atMost(Duration.ofSeconds(10)).until(() -> link.error != null);
        // Refused by the handshake itself: the server trusts client certificates of the gateway CA only.
        assertThat(Status.fromThrowable(link.error).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(link.received).noneMatch(LinkResponse::hasDelivery);
    }

    @Test
    void aLinkWithTheGatewayCertificateLinksAndDelivers() throws IOException {
        TestCertificates.Issued gateway = gatewayCa.client("gateway");
        ManagedChannel direct = channel(trustingServer().build());
        String bob = "bob-" + UUID.randomUUID().toString().substring(0, 8);
        asUser(direct, bob).online(OnlineRequest.getDefaultInstance());
        asUser(direct, "alice").online(OnlineRequest.getDefaultInstance());
        Link link = openLink(channel(trustingServer()
                .keyManager(gateway.certificateFile().toFile(), gateway.keyFile().toFile()).build()), bob);

        // The hello is applied before the link's first delivery can be routed: send until one arrives.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            asUser(direct, "alice").send(SendRequest.newBuilder().addReceivers(bob).setBody("over mTLS").build());
            return link.received.stream().anyMatch(LinkResponse::hasDelivery);
        });
        assertThat(link.error).isNull();
        assertThat(link.received.stream().filter(LinkResponse::hasDelivery).findFirst().orElseThrow()
                .getDelivery().getMessage().getBody()).isEqualTo("over mTLS");
    }

    private static TlsChannelCredentials.Builder trustingServer() throws IOException {
        return TlsChannelCredentials.newBuilder().trustManager(serverCa.caFile().toFile());
    }

    private ManagedChannel channel(ChannelCredentials credentials) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(), credentials).build();
        channels.add(channel);
        return channel;
    }

    private static MessageServiceGrpc.MessageServiceBlockingStub asUser(ManagedChannel channel, String id) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + tokens.issue(id, id, false, Duration.ofMinutes(5)));
        return MessageServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** A link that presents the gateway secret and announces {@code user} online in its hello, with its token. */
    private static Link openLink(ManagedChannel channel, String user) {
        Metadata headers = new Metadata();
        headers.put(GatewaySecretInterceptor.GATEWAY_SECRET, SECRET);
        Link link = new Link();
        StreamObserver<LinkRequest> requests = GatewayLinkServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .link(link);
        requests.onNext(LinkRequest.newBuilder().setHello(Hello.newBuilder()
                .setGatewayId("gw-" + UUID.randomUUID()).addOnlineUsers(OnlineUser.newBuilder().setUserId(user)
                        .setToken(tokens.issue(user, user, false, Duration.ofMinutes(5))))).build());
        return link;
    }

    private static final class Link implements StreamObserver<LinkResponse> {
        final List<LinkResponse> received = new CopyOnWriteArrayList<>();
        volatile Throwable error;

        @Override public void onNext(LinkResponse value) { received.add(value); }
        @Override public void onError(Throwable t) { error = t; }
        @Override public void onCompleted() {}
    }
}
