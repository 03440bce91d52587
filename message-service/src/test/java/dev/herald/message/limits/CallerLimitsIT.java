package dev.herald.message.limits;

import static dev.herald.message.limits.CallerLimitInterceptorTest.retryDelay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.devidp.DevKeys;
import dev.herald.devidp.DevTokenIssuer;
import dev.herald.devidp.JwksServer;
import dev.herald.message.MessageServer;
import dev.herald.message.MessageServiceConfig;
import dev.herald.proto.v1.CountUnreadRequest;
import dev.herald.proto.v1.InboxServiceGrpc;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.OnlineRequest;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SyncRequest;
import dev.herald.schema.Database;
import dev.herald.schema.DatabaseConfig;
import dev.herald.testing.NatsServerProcess;
import dev.herald.testing.TestDatabase;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-caller limits of real message-service instances over real gRPC (Netty, NATS, PostgreSQL, JWKS): buckets
 * of 3 at 1 per second for sends and for reads, 2 calls in flight per caller. Two instances share the stream and
 * the database. No worker runs, so once a message is in the stream every read on the {@code slow} instance waits
 * its {@code HERALD_STORED_WAIT_MS} (1 s) for it: the slow calls that pile up; the other answers at once.
 */
class CallerLimitsIT {

    static NatsServerProcess nats;
    static TestDatabase database;
    static JwksServer jwks;
    static DevTokenIssuer tokens;
    static MessageServer fastServer;
    static MessageServer slowServer;
    static ManagedChannel channel;
    static ManagedChannel slow;

    @BeforeAll
    static void startServer() throws Exception {
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
        String stream = "LIMITS_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> settings = Map.ofEntries(
                Map.entry("HERALD_DEV_MODE", "true"),
                Map.entry("HERALD_GRPC_HOST", "127.0.0.1"),
                Map.entry("HERALD_GRPC_PORT", "0"),
                Map.entry("HERALD_OPS_PORT", "0"),
                Map.entry("HERALD_NATS_URL", nats.url()),
                Map.entry("HERALD_NATS_STREAM", stream),
                Map.entry("HERALD_NATS_SUBJECT_PREFIX", "it." + stream),
                Map.entry("HERALD_USER_SEND_RATE", "1"),
                Map.entry("HERALD_USER_SEND_BURST", "3"),
                Map.entry("HERALD_USER_READ_RATE", "1"),
                Map.entry("HERALD_USER_READ_BURST", "3"),
                Map.entry("HERALD_CALLER_MAX_CONCURRENT", "2"),
                Map.entry("HERALD_JWKS_URL", jwks.jwksUrl().toString()),
                Map.entry("HERALD_JWT_ISSUER", "herald-test"),
                Map.entry("HERALD_JWT_AUDIENCE", "herald"),
                Map.entry("HERALD_DB_URL", database.jdbcUrl()),
                Map.entry("HERALD_DB_USER", database.user()),
                Map.entry("HERALD_DB_PASSWORD", database.password()));
        fastServer = MessageServer.start(MessageServiceConfig.fromEnv(with(settings, "HERALD_STORED_WAIT_MS", "0")));
        slowServer = MessageServer.start(MessageServiceConfig.fromEnv(with(settings, "HERALD_STORED_WAIT_MS", "1000")));
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", fastServer.port()).usePlaintext().build();
        slow = ManagedChannelBuilder.forAddress("127.0.0.1", slowServer.port()).usePlaintext().build();
    }

    @AfterAll
    static void stopServer() throws Exception {
        channel.shutdownNow();
        slow.shutdownNow();
        fastServer.close();
        slowServer.close();
        jwks.close();
        database.close();
        nats.close();
    }

    @Test
    void overItsSendBurstACallerIsRefusedWithRetryInfoAndAdmittedAfterThatDelayWhileOthersSend() {
        String bob = known("bob"); // online is a send: bob has 2 left
        String alice = known("alice");
        send(alice, bob);
        send(alice, bob);

        StatusRuntimeException refused = refusal(() -> send(alice, bob));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        Duration delay = retryDelay(refused).orElseThrow();
        assertThat(delay).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(refused.getStatus().getDescription()).isEqualTo(
                "too many sends for this user: retry after " + CallerLimitInterceptor.roundUpToMillis(delay) + " ms");

        send(bob, alice); // another user is unaffected
        send(bob, alice);
        inbox(alice).countUnread(CountUnreadRequest.getDefaultInstance()); // and so are alice's reads
        // Each instance counts on its own (documented: N instances give a user up to N times the rate); online is
        // a send too (it writes the directory).
        MessageServiceGrpc.newBlockingStub(slow).withInterceptors(bearer(alice)).online(OnlineRequest.getDefaultInstance());

        await().pollDelay(delay).atMost(delay.plusSeconds(5)).until(() -> true);
        send(alice, bob);
    }

    @Test
    void overItsReadBurstACallerIsRefusedWhileItsSendsGoOn() {
        String carol = known("carol");
        var reads = inbox(carol);
        for (int i = 0; i < 3; i++) {
            reads.countUnread(CountUnreadRequest.getDefaultInstance());
        }

        StatusRuntimeException refused = refusal(() -> reads.sync(SyncRequest.getDefaultInstance()));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(refused.getStatus().getDescription()).startsWith("too many reads for this user: retry after ");
        assertThat(retryDelay(refused).orElseThrow()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        send(carol, carol);
        send(carol, carol);
    }

    @Test
    void aCallersCallsInFlightAreBoundedWhileAnotherCallerReads() throws Exception {
        String dave = known("dave");
        String erin = known("erin");
        send(dave, dave); // from now on every read of the slow instance waits 1 s for the missing worker

        var slowReads = InboxServiceGrpc.newFutureStub(slow).withInterceptors(bearer(dave));
        var first = slowReads.sync(SyncRequest.getDefaultInstance());
        var second = slowReads.sync(SyncRequest.getDefaultInstance());
        var third = slowReads.sync(SyncRequest.getDefaultInstance());
        var others = InboxServiceGrpc.newBlockingStub(slow).withInterceptors(bearer(erin))
                .sync(SyncRequest.getDefaultInstance());

        List<StatusRuntimeException> refusals = new java.util.ArrayList<>();
        int answered = 0;
        for (var call : List.of(first, second, third)) {
            try {
                call.get(10, TimeUnit.SECONDS);
                answered++;
            } catch (ExecutionException e) {
                refusals.add((StatusRuntimeException) e.getCause());
            }
        }
        assertThat(answered).isEqualTo(2);
        assertThat(refusals).singleElement().satisfies(refused -> {
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(refused.getStatus().getDescription())
                    .isEqualTo("too many calls in flight for this caller: at most 2");
            assertThat(retryDelay(refused)).isEmpty();
        });
        assertThat(others.getMessagesList()).isEmpty();
    }

    private static Map<String, String> with(Map<String, String> settings, String name, String value) {
        Map<String, String> copy = new java.util.HashMap<>(settings);
        copy.put(name, value);
        return copy;
    }

    private static String known(String name) {
        String id = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        MessageServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(id)).online(OnlineRequest.getDefaultInstance());
        return id;
    }

    private static void send(String from, String to) {
        MessageServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(from))
                .send(SendRequest.newBuilder().addReceivers(to).setBody("hi from " + from).build());
    }

    private static InboxServiceGrpc.InboxServiceBlockingStub inbox(String userId) {
        return InboxServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(userId));
    }

    private static ClientInterceptor bearer(String userId) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + tokens.issue(userId, userId, false, Duration.ofMinutes(10)));
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    private static StatusRuntimeException refusal(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the call was not refused");
    }
}
