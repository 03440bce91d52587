package dev.herald.gateway.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.config.ReplyBound;
import dev.herald.gateway.protocol.ServerEvent;
import dev.herald.proto.v1.GatewayLinkServiceGrpc;
import dev.herald.proto.v1.Hello;
import dev.herald.proto.v1.HelloAck;
import dev.herald.proto.v1.LinkRequest;
import dev.herald.proto.v1.LinkResponse;
import dev.herald.proto.v1.PresenceAck;
import dev.herald.proto.v1.PresenceChange;
import dev.herald.testing.FreePorts;
import dev.herald.testing.TestCertificates;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The links follow what a DNS name resolves to, over real links to two stand-in instances on 127.0.0.2 and
 * 127.0.0.3 (one port, as the pods of a headless Service): an instance that joins is linked, with every user in its
 * hello, and takes over the users it ranks first; one that leaves hands its users on, drains and is closed; a failed
 * lookup changes nothing; over TLS the name, not the address, is checked against the certificate.
 */
class GatewayLinksDiscoveryTest {

    private static final String NAME = "ms.herald.test";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final int port = FreePorts.find();
    private final FakeInstance first = FakeInstance.start("127.0.0.2", port);
    private final FakeInstance second = FakeInstance.start("127.0.0.3", port);
    private final SwitchableDns dns = new SwitchableDns();
    private final AtomicInteger resyncs = new AtomicInteger();
    private final GatewayLinks links = new GatewayLinks("gw-test",
            new TargetResolver(List.of(NAME + ":" + port), dns),
            new LinkChannels(InsecureChannelCredentials.create(), ReplyBound.defaults(), Duration.ofSeconds(10)),
            "secret", Duration.ofSeconds(2), Duration.ofMillis(100), timers);
    private final List<String> users = IntStream.range(0, 20).mapToObj(i -> "user-" + i).toList();

    @AfterEach
    void stop() throws InterruptedException {
        links.close();
        first.stop();
        second.stop();
        timers.shutdownNow();
    }

    @Test
    void anInstanceThatJoinsIsLinkedAndAnnouncesTheUsersItRanksFirst() {
        dns.answer(first);
        start();
        awaitLinked(first);
        users.forEach(user -> links.online(user, "token-" + user, Instant.now().plusSeconds(600)).join());

        dns.answer(first, second);

        awaitLinked(first, second);
        assertThat(second.hellos).singleElement().satisfies(hello ->
                assertThat(hello.getOnlineUsersList()).extracting(u -> u.getUserId()).containsAll(users));
        RendezvousChoice both = new RendezvousChoice(List.of(first.target(), second.target()));
        List<String> moved = users.stream().filter(user -> both.ranked(user).getFirst().equals(second.target()))
                .toList();
        assertThat(moved).isNotEmpty();
        await().atMost(WAIT).untilAsserted(() -> {
            for (String user : moved) {
                assertThat(second.changesOf(user)).last().extracting(PresenceChange::getAnnounce).isEqualTo(true);
                assertThat(first.changesOf(user)).last().extracting(PresenceChange::getAnnounce).isEqualTo(false);
            }
        });
    }

    @Test
    void anInstanceThatLeavesHandsItsUsersOnThenDrainsAndCloses() {
        dns.answer(first, second);
        start();
        awaitLinked(first, second);
        users.forEach(user -> links.online(user, "token-" + user, Instant.now().plusSeconds(600)).join());
        RendezvousChoice both = new RendezvousChoice(List.of(first.target(), second.target()));
        List<String> handedOn = users.stream().filter(user -> both.ranked(user).getFirst().equals(first.target()))
                .toList();
        assertThat(handedOn).isNotEmpty();
        int resyncsBefore = resyncs.get();

        dns.answer(second);

        await().atMost(WAIT).until(() -> links.state().equals(
                new LinkRosterState(List.of(second.target()), List.of(second.target()))));
        await().atMost(WAIT).untilAsserted(() -> {
            for (String user : handedOn) {
                assertThat(second.changesOf(user)).last().extracting(PresenceChange::getAnnounce).isEqualTo(true);
                assertThat(first.changesOf(user)).last().extracting(PresenceChange::getAnnounce).isEqualTo(false);
            }
        });
        await().atMost(WAIT).until(() -> first.ended.get() == 1);
        await().atMost(WAIT).until(() -> resyncs.get() > resyncsBefore);
        assertThat(resyncs).as("clients told to catch up what the drained instance may still have sent")
                .hasValue(resyncsBefore + 1);
    }

    @Test
    void aFailedLookupKeepsTheLastKnownInstances() {
        dns.answer(first, second);
        start();
        awaitLinked(first, second);

        dns.fail();
        int before = dns.lookups.get();
        await().atMost(WAIT).until(() -> dns.lookups.get() >= before + 3);

        assertThat(links.state().ready()).isTrue();
        assertThat(links.state().instances()).containsExactly(first.target(), second.target());
        assertThat(first.ended).hasValue(0);
        assertThat(second.ended).hasValue(0);
    }

    @Test
    void beforeAnyAnswerNothingIsReadyAndCallsFailUnavailable() {
        dns.fail();
        start();
        await().atMost(WAIT).until(() -> dns.lookups.get() >= 2);

        assertThat(links.state().instances()).isEmpty();
        assertThat(links.state().ready()).isFalse();
        assertThat(links.next()).isInstanceOf(UnresolvedChannel.class);
    }

    @Test
    void overTlsTheCertificateIsCheckedAgainstTheNameNotTheResolvedAddress(@TempDir Path dir) throws Exception {
        TestCertificates ca = TestCertificates.authority(dir, "discovery-ca");
        // Its names are localhost, 127.0.0.1 and ::1: not 127.0.0.4, the address dialled.
        TestCertificates.Issued certificate = ca.server("ms");
        int tlsPort = FreePorts.find();
        FakeInstance secured = FakeInstance.start("127.0.0.4", tlsPort, TlsServerCredentials.create(
                certificate.certificateFile().toFile(), certificate.keyFile().toFile()));
        TargetResolver.Lookup localhostIsTheInstance = host -> List.of(secured.address());
        try (GatewayLinks tls = new GatewayLinks("gw-test",
                new TargetResolver(List.of("localhost:" + tlsPort), localhostIsTheInstance),
                new LinkChannels(TlsChannelCredentials.newBuilder().trustManager(ca.trustManagers()).build(),
                        ReplyBound.defaults(), Duration.ofSeconds(10)),
                "secret", Duration.ofSeconds(2), Duration.ofMillis(100), timers)) {
            tls.start(new DeliverySink() {
                @Override
                public void deliver(List<String> recipientIds, String originSession, ServerEvent.Pushed event) {}

                @Override
                public void deliverToEveryone(ServerEvent.Pushed event) {}

                @Override
                public void resync() {}
            });

            await().atMost(WAIT).until(() -> tls.state().ready());
            assertThat(tls.state().linked()).containsExactly(secured.target());
        } finally {
            secured.stop();
        }
    }

    private void start() {
        links.start(new DeliverySink() {
            @Override
            public void deliver(List<String> recipientIds, String originSession, ServerEvent.Pushed event) {}

            @Override
            public void deliverToEveryone(ServerEvent.Pushed event) {}

            @Override
            public void resync() {
                resyncs.incrementAndGet();
            }
        });
    }

    private void awaitLinked(FakeInstance... instances) {
        List<String> targets = Arrays.stream(instances).map(FakeInstance::target).toList();
        await().atMost(WAIT).until(() -> links.state().equals(new LinkRosterState(targets, targets)));
    }

    /** The name's answer, switched by the test; while failing, NXDOMAIN. */
    private static final class SwitchableDns implements TargetResolver.Lookup {

        final AtomicInteger lookups = new AtomicInteger();
        private volatile @Nullable List<InetAddress> answer;

        void answer(FakeInstance... instances) {
            answer = Arrays.stream(instances).map(FakeInstance::address).toList();
        }

        void fail() {
            answer = null;
        }

        @Override
        public List<InetAddress> all(String host) throws UnknownHostException {
            lookups.incrementAndGet();
            List<InetAddress> current = answer;
            if (current == null || !host.equals(NAME)) {
                throw new UnknownHostException(host + ": NXDOMAIN");
            }
            return current;
        }
    }

    /** A message-service stand-in on one loopback address: acknowledges hellos and changes, and keeps them. */
    private static final class FakeInstance extends GatewayLinkServiceGrpc.GatewayLinkServiceImplBase {

        final List<Hello> hellos = new CopyOnWriteArrayList<>();
        final AtomicInteger ended = new AtomicInteger();
        private final List<PresenceChange> changes = new CopyOnWriteArrayList<>();
        private final String host;
        private @Nullable Server server;

        private FakeInstance(String host) {
            this.host = host;
        }

        static FakeInstance start(String host, int port) {
            return start(host, port, InsecureServerCredentials.create());
        }

        static FakeInstance start(String host, int port, ServerCredentials credentials) {
            FakeInstance instance = new FakeInstance(host);
            try {
                instance.server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port), credentials)
                        .addService(instance).build().start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return instance;
        }

        String target() {
            return host + ":" + ((InetSocketAddress) server.getListenSockets().getFirst()).getPort();
        }

        InetAddress address() {
            try {
                return InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        List<PresenceChange> changesOf(String user) {
            return changes.stream().filter(change -> change.getUserId().equals(user)).toList();
        }

        void stop() throws InterruptedException {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }

        @Override
        public StreamObserver<LinkRequest> link(StreamObserver<LinkResponse> responses) {
            return new StreamObserver<>() {
                @Override
                public synchronized void onNext(LinkRequest request) {
                    if (request.hasHello()) {
                        hellos.add(request.getHello());
                        responses.onNext(LinkResponse.newBuilder().setHelloAck(HelloAck.getDefaultInstance()).build());
                    } else {
                        changes.add(request.getPresence());
                        responses.onNext(LinkResponse.newBuilder().setPresenceAck(
                                PresenceAck.newBuilder().setSequence(request.getPresence().getSequence())).build());
                    }
                }

                @Override
                public void onError(Throwable t) {
                    ended.incrementAndGet();
                }

                @Override
                public void onCompleted() {
                    ended.incrementAndGet();
                    responses.onCompleted();
                }
            };
        }
    }
}
