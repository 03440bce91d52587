package dev.herald.gateway.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.config.ReplyBound;
import dev.herald.gateway.protocol.ServerEvent;
import dev.herald.proto.v1.GatewayLinkServiceGrpc;
import dev.herald.proto.v1.HelloAck;
import dev.herald.proto.v1.LinkRequest;
import dev.herald.proto.v1.LinkResponse;
import dev.herald.proto.v1.PresenceAck;
import dev.herald.proto.v1.PresenceChange;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Over real links to two stand-in instances: each user is announced on exactly one link, its first choice, and when
 * that instance goes away the user is announced again on the other, so its later offline is still pushed.
 */
class GatewayLinksAnnounceTest {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final FakeInstance first = FakeInstance.start();
    private final FakeInstance second = FakeInstance.start();
    private final List<String> targets = List.of(first.target(), second.target());
    private final RendezvousChoice choice = new RendezvousChoice(targets);
    private final GatewayLinks links = new GatewayLinks("gw-test", targets, InsecureChannelCredentials.create(),
            "secret", Duration.ofSeconds(2), ReplyBound.defaults(), Duration.ofSeconds(10), Duration.ofSeconds(10),
            timers);

    @AfterEach
    void stop() throws InterruptedException {
        links.close();
        first.stop();
        second.stop();
        timers.shutdownNow();
    }

    @Test
    void eachUserIsAnnouncedOnItsFirstChoiceOnly() {
        startAndAwaitBothUp();
        List<String> users = IntStream.range(0, 20).mapToObj(i -> "user-" + i).toList();

        users.forEach(user -> links.online(user, "token-" + user, Instant.now().plusSeconds(600)).join());

        for (String user : users) {
            FakeInstance firstChoice = instanceOf(choice.ranked(user).getFirst());
            FakeInstance other = firstChoice == first ? second : first;
            assertThat(firstChoice.changesOf(user)).singleElement()
                    .satisfies(change -> assertThat(change.getAnnounce()).isTrue());
            assertThat(other.changesOf(user)).singleElement()
                    .satisfies(change -> assertThat(change.getAnnounce()).isFalse());
        }
    }

    @Test
    void theUsersOfALostInstanceAreAnnouncedOnTheNextChoice() throws InterruptedException {
        startAndAwaitBothUp();
        String user = IntStream.range(0, 100).mapToObj(i -> "user-" + i)
                .filter(u -> choice.ranked(u).getFirst().equals(first.target())).findFirst().orElseThrow();
        links.online(user, "token", Instant.now().plusSeconds(600)).join();

        first.stop();

        await().atMost(Duration.ofSeconds(10)).until(() -> second.changesOf(user).size() == 2);
        PresenceChange reannounced = second.changesOf(user).getLast();
        assertThat(reannounced.getOnline()).isTrue();
        assertThat(reannounced.getAnnounce()).isTrue();
        assertThat(reannounced.getToken()).isEqualTo("token");

        links.offline(user).join();
        assertThat(second.changesOf(user).getLast().getOnline()).isFalse();
        assertThat(second.changesOf(user).getLast().getAnnounce()).isTrue();
    }

    private void startAndAwaitBothUp() {
        links.start(new DeliverySink() {
            @Override
            public void deliver(List<String> recipientIds, String originSession, ServerEvent.Pushed event) {}

            @Override
            public void deliverToEveryone(ServerEvent.Pushed event) {}

            @Override
            public void resync() {}
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> links.linksUp() == 2);
    }

    private FakeInstance instanceOf(String target) {
        return first.target().equals(target) ? first : second;
    }

    /** A message-service stand-in: acknowledges hellos and presence changes, and keeps the changes. */
    private static final class FakeInstance extends GatewayLinkServiceGrpc.GatewayLinkServiceImplBase {

        private final List<PresenceChange> changes = new CopyOnWriteArrayList<>();
        private Server server;

        static FakeInstance start() {
            FakeInstance instance = new FakeInstance();
            try {
                instance.server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                        .addService(instance).build().start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return instance;
        }

        String target() {
            return "127.0.0.1:" + server.getPort();
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
                        responses.onNext(LinkResponse.newBuilder().setHelloAck(HelloAck.getDefaultInstance()).build());
                    } else {
                        changes.add(request.getPresence());
                        responses.onNext(LinkResponse.newBuilder().setPresenceAck(
                                PresenceAck.newBuilder().setSequence(request.getPresence().getSequence())).build());
                    }
                }

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {}
            };
        }
    }
}
