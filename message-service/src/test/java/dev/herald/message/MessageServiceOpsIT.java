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
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.OnlineRequest;
import dev.herald.proto.v1.PresenceChange;
import dev.herald.proto.v1.SendRequest;
import dev.herald.schema.Database;
import dev.herald.schema.DatabaseConfig;
import dev.herald.testing.NatsServerProcess;
import dev.herald.testing.OpsEndpoint;
import dev.herald.testing.TestDatabase;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The message-service's operations endpoint, scraped over HTTP from a real service (real nats-server, PostgreSQL
 * and JWKS): the meters move by exactly the traffic sent, and readiness (HTTP and gRPC health) follows NATS.
 */
class MessageServiceOpsIT {

    private static final String SECRET = "test-gateway-secret-of-32-characters-or-more";
    private static final String SEND = "method=\"herald.v1.MessageService/Send\"";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static NatsServerProcess natsServer;
    private static TestDatabase database;
    private static JwksServer jwks;
    private static DevTokenIssuer tokens;
    private static MessageServer server;
    private static ManagedChannel channel;
    private static OpsEndpoint ops;

    @BeforeAll
    static void startServer() throws Exception {
        natsServer = NatsServerProcess.start();
        database = TestDatabase.create();
        try (Database owner = new Database(new DatabaseConfig(database.jdbcUrl(), database.user(),
                database.password(), 1), "test-migrate")) {
            owner.migrate();
        }
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
                Map.entry("HERALD_GATEWAY_SECRET", SECRET),
                Map.entry("HERALD_JWKS_URL", jwks.jwksUrl().toString()),
                Map.entry("HERALD_JWT_ISSUER", "herald-test"),
                Map.entry("HERALD_JWT_AUDIENCE", "herald"),
                Map.entry("HERALD_DB_URL", database.jdbcUrl()),
                Map.entry("HERALD_DB_USER", database.user()),
                Map.entry("HERALD_DB_PASSWORD", database.password()))));
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        ops = new OpsEndpoint(server.opsPort());
    }

    @AfterAll
    static void stopServer() throws Exception {
        channel.shutdownNow();
        server.close();
        jwks.close();
        database.close();
        natsServer.close();
    }

    @Test
    void metersMoveByExactlyTheTrafficSentAndNameNoUser() {
        List<LinkResponse> received = new CopyOnWriteArrayList<>();
        StreamObserver<LinkRequest> link = link(received);
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        asUser(alice).online(OnlineRequest.getDefaultInstance());
        asUser(bob).online(OnlineRequest.getDefaultInstance());
        link.onNext(LinkRequest.newBuilder().setPresence(PresenceChange.newBuilder().setSequence(1).setUserId(bob)
                .setOnline(true).setToken(tokens.issue(bob, bob, false, Duration.ofMinutes(5)))).build());
        await().atMost(TIMEOUT).until(() -> received.stream().anyMatch(LinkResponse::hasPresenceAck));
        String before = ops.metrics();

        for (int i = 0; i < 3; i++) {
            asUser(alice).send(SendRequest.newBuilder().addReceivers(bob).setBody("hello " + i).build());
        }
        await().atMost(TIMEOUT).until(() -> received.stream().filter(LinkResponse::hasDelivery).count() == 3);

        String after = ops.metrics();
        assertThat(delta(before, after, "herald_grpc_server_calls_total", SEND, "code=\"OK\"")).isEqualTo(3);
        assertThat(delta(before, after, "herald_grpc_server_call_duration_seconds_count", SEND)).isEqualTo(3);
        assertThat(OpsEndpoint.sample(after, "herald_grpc_server_call_duration_seconds_bucket", SEND,
                "le=\"+Inf\"")).hasValue(OpsEndpoint.sample(after, "herald_grpc_server_call_duration_seconds_count",
                SEND).orElseThrow());
        assertThat(delta(before, after, "herald_jetstream_publish_duration_seconds_count")).isEqualTo(3);
        assertThat(delta(before, after, "herald_link_deliveries_total")).isEqualTo(3);
        assertThat(OpsEndpoint.sample(after, "herald_gateway_links_connected")).hasValue(1);
        assertThat(OpsEndpoint.sample(after, "herald_nats_connected", "service=\"message-service\"")).hasValue(1);
        assertThat(OpsEndpoint.sample(after, "herald_jetstream_publish_errors_total")).isEmpty();
        assertThat(OpsEndpoint.sample(after, "herald_rate_limit_refusals_total", "limit=\"send\"")).hasValue(0);
        assertThat(OpsEndpoint.sample(after, "herald_link_buffer_overflows_total")).hasValue(0);
        assertThat(OpsEndpoint.sample(after, "herald_stored_wait_timeouts_total")).isPresent();
        assertThat(OpsEndpoint.sample(after, "hikaricp_connections_max", "pool=\"message-service\"")).hasValue(8);
        assertThat(OpsEndpoint.sample(after, "hikaricp_connections_active", "pool=\"message-service\"")).isPresent();
        assertThat(OpsEndpoint.sample(after, "jvm_memory_used_bytes")).isPresent();
        assertThat(after).doesNotContain(alice).doesNotContain(bob);
        link.onCompleted();
        await().atMost(TIMEOUT).until(() -> ops.value("herald_gateway_links_connected") == 0);
    }

    @Test
    void readyOverHttpAndGrpcUntilNatsIsGoneAndAgainWhenItIsBack() {
        assertThat(ops.get("/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = ops.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).startsWith("{\"status\":\"UP\"")
                .contains("\"nats\":{\"ready\":true", "\"jetstream\":{\"ready\":true", "\"postgresql\":{\"ready\":true",
                        "\"server\":{\"ready\":true");
        assertThat(health("")).isEqualTo(ServingStatus.SERVING);
        assertThat(health("herald.v1.MessageService")).isEqualTo(ServingStatus.SERVING);

        natsServer.kill();
        try {
            await().atMost(TIMEOUT).until(() -> ops.get("/health/ready").statusCode() == 503);
            assertThat(ops.get("/health/ready").body()).startsWith("{\"status\":\"DOWN\"")
                    .contains("\"nats\":{\"ready\":false").contains("\"postgresql\":{\"ready\":true");
            await().atMost(TIMEOUT).until(() -> health("") == ServingStatus.NOT_SERVING
                    && health("herald.v1.InboxService") == ServingStatus.NOT_SERVING);
            assertThat(ops.value("herald_nats_connected")).isZero();
        } finally {
            natsServer.restart();
        }

        await().atMost(TIMEOUT).until(() -> ops.get("/health/ready").statusCode() == 200);
        await().atMost(TIMEOUT).until(() -> health("") == ServingStatus.SERVING);
        assertThat(ops.value("herald_nats_connected")).isEqualTo(1);
    }

    private static double delta(String before, String after, String name, String... labels) {
        return OpsEndpoint.sample(after, name, labels).orElse(0) - OpsEndpoint.sample(before, name, labels).orElse(0);
    }

    private static ServingStatus health(String service) {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
    }

    private static StreamObserver<LinkRequest> link(List<LinkResponse> received) {
        Metadata headers = new Metadata();
        headers.put(GatewaySecretInterceptor.GATEWAY_SECRET, SECRET);
        StreamObserver<LinkRequest> link = GatewayLinkServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .link(new StreamObserver<>() {
                    @Override public void onNext(LinkResponse value) { received.add(value); }
                    @Override public void onError(Throwable t) {}
                    @Override public void onCompleted() {}
                });
        link.onNext(LinkRequest.newBuilder().setHello(Hello.newBuilder().setGatewayId("gw-" + UUID.randomUUID()))
                .build());
        await().atMost(TIMEOUT).until(() -> received.stream().anyMatch(LinkResponse::hasHelloAck));
        return link;
    }

    private static MessageServiceGrpc.MessageServiceBlockingStub asUser(String id) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + tokens.issue(id, id, false, Duration.ofMinutes(5)));
        return MessageServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
}
