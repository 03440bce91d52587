package dev.herald.message.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import dev.herald.auth.AuthConfig;
import dev.herald.auth.JwtVerifier;
import dev.herald.auth.VerifiedTokenCache;
import dev.herald.devidp.DevKeys;
import dev.herald.devidp.DevTokenIssuer;
import dev.herald.devidp.JwksServer;
import dev.herald.message.auth.BearerAuthInterceptor;
import dev.herald.message.error.StatusMapper;
import dev.herald.proto.v1.InboxServiceGrpc;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SendResponse;
import dev.herald.proto.v1.SyncRequest;
import dev.herald.proto.v1.SyncResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The limits over gRPC (in-process) behind the real bearer interceptor and real tokens, with a clock the test
 * moves: exact waits, no sleeps. The services behind answer at once, or hold {@code Sync} calls until released.
 */
class CallerLimitInterceptorTest {

    private static JwksServer jwks;
    private static DevTokenIssuer issuer;
    private static VerifiedTokenCache tokens;

    private final ManualTicker ticker = new ManualTicker();
    private final List<StreamObserver<SyncResponse>> heldSyncs = new CopyOnWriteArrayList<>();
    private final AtomicInteger sendsAnswered = new AtomicInteger();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Server server;
    private ManagedChannel channel;

    @BeforeAll
    static void identityProvider() throws Exception {
        DevKeys keys = DevKeys.generate();
        jwks = JwksServer.start(keys, "127.0.0.1", 0);
        issuer = new DevTokenIssuer(keys, "herald-test", "herald", Clock.systemUTC());
        tokens = new VerifiedTokenCache(new JwtVerifier(AuthConfig.from(dev.herald.config.Env.of(Map.of(
                "HERALD_JWKS_URL", jwks.jwksUrl().toString(),
                "HERALD_JWT_ISSUER", "herald-test",
                "HERALD_JWT_AUDIENCE", "herald")))), 100, Clock.systemUTC());
    }

    @AfterAll
    static void stopIdentityProvider() {
        jwks.close();
    }

    @AfterEach
    void stop() {
        heldSyncs.forEach(StreamObserver::onCompleted);
        if (channel != null) {
            channel.shutdownNow();
            server.shutdownNow();
        }
    }

    @Test
    void overTheBurstASendIsRefusedWithRetryInfoGivingTheExactWait() throws Exception {
        start(new CallerLimits(new Rate(2, 3), new Rate(100, 100), 10));
        var alice = messages("alice");
        for (int i = 0; i < 3; i++) {
            alice.send(message());
        }

        StatusRuntimeException refused = refusal(() -> alice.send(message()));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(refused.getStatus().getDescription()).isEqualTo("too many sends for this user: retry after 500 ms");
        assertThat(retryDelay(refused)).contains(Duration.ofMillis(500));

        ticker.advance(Duration.ofMillis(200));
        assertThat(retryDelay(refusal(() -> alice.send(message())))).contains(Duration.ofMillis(300));
        ticker.advance(Duration.ofMillis(300));
        alice.send(message());
        assertThat(sendsAnswered).hasValue(4);
    }

    @Test
    void anotherUserIsUnaffectedByAnExhaustedOne() throws Exception {
        start(new CallerLimits(new Rate(1, 2), new Rate(1, 2), 10));
        var alice = messages("alice");
        alice.send(message());
        alice.send(message());
        refusal(() -> alice.send(message()));

        var bob = messages("bob");
        bob.send(message());
        bob.send(message());
        assertThat(sendsAnswered).hasValue(4);
    }

    @Test
    void readsAndSendsTakeFromSeparateBuckets() throws Exception {
        start(new CallerLimits(new Rate(1, 2), new Rate(4, 3), 10));
        var alice = messages("alice");
        alice.send(message());
        alice.send(message());
        refusal(() -> alice.send(message()));

        var aliceReads = inbox("alice");
        heldSyncsAnsweredAtOnce();
        for (int i = 0; i < 3; i++) {
            aliceReads.sync(SyncRequest.getDefaultInstance());
        }
        StatusRuntimeException refused = refusal(() -> aliceReads.sync(SyncRequest.getDefaultInstance()));
        assertThat(refused.getStatus().getDescription()).isEqualTo("too many reads for this user: retry after 250 ms");
        assertThat(retryDelay(refused)).contains(Duration.ofMillis(250));
        // The exhausted reads took nothing from the sends: one second later, exactly one send is back.
        ticker.advance(Duration.ofSeconds(1));
        alice.send(message());
        assertThat(retryDelay(refusal(() -> alice.send(message())))).contains(Duration.ofSeconds(1));
        assertThat(refusals("send")).isEqualTo(2);
        assertThat(refusals("read")).isEqualTo(1);
        assertThat(refusals("concurrency")).isZero();
    }

    @Test
    void callsInFlightPerCallerAreBoundedAndFreedWhenTheyEnd() throws Exception {
        start(new CallerLimits(new Rate(100, 100), new Rate(100, 100), 2));
        var alice = InboxServiceGrpc.newStub(channel).withInterceptors(bearer("alice"));
        List<Object> answers = new CopyOnWriteArrayList<>();
        StreamObserver<SyncResponse> record = recorder(answers);
        alice.sync(SyncRequest.getDefaultInstance(), record);
        alice.sync(SyncRequest.getDefaultInstance(), record);
        await().atMost(Duration.ofSeconds(5)).until(() -> heldSyncs.size() == 2);

        StatusRuntimeException refused = refusal(() -> inbox("alice").sync(SyncRequest.getDefaultInstance()));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(refused.getStatus().getDescription())
                .isEqualTo("too many calls in flight for this caller: at most 2");
        assertThat(retryDelay(refused)).isEmpty();
        assertThat(refusals("concurrency")).isEqualTo(1);
        assertThat(refusals("read")).isZero();
        messages("bob").send(message()); // another caller is not held up

        heldSyncs.removeFirst().onCompleted();
        await().atMost(Duration.ofSeconds(5)).until(() -> answers.size() == 1);
        alice.sync(SyncRequest.getDefaultInstance(), record);
        await().atMost(Duration.ofSeconds(5)).until(() -> heldSyncs.size() == 2);
    }

    @Test
    void aCancelledCallGivesItsSlotBack() throws Exception {
        start(new CallerLimits(new Rate(100, 100), new Rate(100, 100), 1));
        var alice = InboxServiceGrpc.newStub(channel).withInterceptors(bearer("alice"));
        var cancellable = io.grpc.Context.current().withCancellation();
        cancellable.run(() -> alice.sync(SyncRequest.getDefaultInstance(), recorder(new CopyOnWriteArrayList<>())));
        await().atMost(Duration.ofSeconds(5)).until(() -> heldSyncs.size() == 1);
        refusal(() -> inbox("alice").sync(SyncRequest.getDefaultInstance()));

        cancellable.cancel(null);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            heldSyncs.clear();
            alice.sync(SyncRequest.getDefaultInstance(), recorder(new CopyOnWriteArrayList<>()));
            await().atMost(Duration.ofSeconds(1)).until(() -> heldSyncs.size() == 1);
        });
    }

    @Test
    void aServiceWithAMethodThatHasNoKindIsRefusedAtStartup() {
        var limits = new CallerLimitInterceptor(new CallerLimits(new Rate(1, 1), new Rate(1, 1), 1),
                new StatusMapper(), ticker, registry);
        assertThatThrownBy(() -> limits.guard(new HealthStatusManager().getHealthService().bindService()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("method: grpc\\.health\\.v1\\.Health/\\w+ \\(expected: listed in CallKind\\)");
    }

    private double refusals(String limit) {
        return registry.get("herald_rate_limit_refusals").tag("limit", limit).counter().count();
    }

    private boolean answerSyncsAtOnce;

    private void heldSyncsAnsweredAtOnce() {
        answerSyncsAtOnce = true;
    }

    private void start(CallerLimits limits) throws Exception {
        String name = InProcessServerBuilder.generateName();
        var interceptor = new CallerLimitInterceptor(limits, 1_000, new StatusMapper(), ticker, registry);
        var bearer = new BearerAuthInterceptor(tokens);
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(interceptor.guard(new Messages().bindService()), bearer))
                .addService(ServerInterceptors.intercept(interceptor.guard(new Inbox().bindService()), bearer))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    private MessageServiceGrpc.MessageServiceBlockingStub messages(String userId) {
        return MessageServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(userId));
    }

    private InboxServiceGrpc.InboxServiceBlockingStub inbox(String userId) {
        return InboxServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(userId));
    }

    private static io.grpc.ClientInterceptor bearer(String userId) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + issuer.issue(userId, userId, false, Duration.ofMinutes(10)));
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    private static SendRequest message() {
        return SendRequest.newBuilder().addReceivers("bob").setBody("hi").build();
    }

    private static StatusRuntimeException refusal(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the call was not refused");
    }

    static Optional<Duration> retryDelay(StatusRuntimeException refused) {
        com.google.rpc.Status status = StatusProto.fromThrowable(refused);
        if (status == null) {
            return Optional.empty();
        }
        Function<Any, Duration> delay = any -> {
            try {
                var retry = any.unpack(RetryInfo.class).getRetryDelay();
                return Duration.ofSeconds(retry.getSeconds(), retry.getNanos());
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("RetryInfo detail does not parse", e);
            }
        };
        return status.getDetailsList().stream().filter(any -> any.is(RetryInfo.class)).map(delay).findFirst();
    }

    private static <T> StreamObserver<T> recorder(List<Object> answers) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                answers.add(value);
            }

            @Override
            public void onError(Throwable t) {
                answers.add(t);
            }

            @Override
            public void onCompleted() {}
        };
    }

    private final class Messages extends MessageServiceGrpc.MessageServiceImplBase {
        @Override
        public void send(SendRequest request, StreamObserver<SendResponse> responses) {
            sendsAnswered.incrementAndGet();
            responses.onNext(SendResponse.getDefaultInstance());
            responses.onCompleted();
        }
    }

    private final class Inbox extends InboxServiceGrpc.InboxServiceImplBase {
        @Override
        public void sync(SyncRequest request, StreamObserver<SyncResponse> responses) {
            if (answerSyncsAtOnce) {
                responses.onNext(SyncResponse.getDefaultInstance());
                responses.onCompleted();
                return;
            }
            heldSyncs.add(new StreamObserver<>() {
                @Override
                public void onNext(SyncResponse value) {}

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {
                    responses.onNext(SyncResponse.getDefaultInstance());
                    responses.onCompleted();
                }
            });
        }
    }
}
