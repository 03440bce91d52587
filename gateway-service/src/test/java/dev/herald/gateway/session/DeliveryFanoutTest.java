package dev.herald.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.gateway.protocol.ServerEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DeliveryFanoutTest {

    private static final ServerEvent.Delivered MESSAGE = new ServerEvent.Delivered("m-1", "alice", "Alice",
            List.of("bob"), "", "hi", "", Instant.parse("2026-11-25T20:00:00Z"));

    private static final Instant EXPIRY = Instant.parse("2026-11-25T21:00:00Z");

    private final SessionRegistry registry = new SessionRegistry(new PresenceListener() {
        @Override
        public CompletableFuture<Void> online(String userId, String token, Instant expiresAt) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void offline(String userId) {
        }
    }, 32);
    private final DeliveryFanout fanout = new DeliveryFanout(registry, TestConnections.CODEC,
            TestConnections.meters().deliveries());

    private final TestConnections.Recorded aliceOrigin = TestConnections.connection("gw:1");
    private final TestConnections.Recorded aliceOther = TestConnections.connection("gw:2");
    private final TestConnections.Recorded bob = TestConnections.connection("gw:3");

    @Test
    void sendsOneEncodedFrameToEveryRecipientSocketButTheOrigin() {
        registry.add("alice", aliceOrigin.connection(), "t", EXPIRY);
        registry.add("alice", aliceOther.connection(), "t", EXPIRY);
        registry.add("bob", bob.connection(), "t", EXPIRY);

        fanout.deliver(List.of("bob", "alice"), "gw:1", MESSAGE);

        assertThat(aliceOrigin.frames()).isEmpty();
        assertThat(aliceOther.frames()).hasSize(1);
        assertThat(bob.frames()).hasSize(1);
        assertThat(bob.frames().getFirst()).isSameAs(aliceOther.frames().getFirst());
        assertThat(bob.texts().getFirst()).startsWith("{\"event\":\"message\",\"data\":{\"id\":\"m-1\"");
    }

    @Test
    void anOriginNamingAnotherUsersSocketKeepsNothingFromIt() {
        registry.add("bob", bob.connection(), "t", EXPIRY);

        // The origin comes from the sender's request: alice names bob's socket to keep the message from it.
        fanout.deliver(List.of("bob", "alice"), "gw:3", MESSAGE);

        assertThat(bob.frames()).hasSize(1);
    }

    @Test
    void anOriginIsNotHonouredForReceiptsOrRecalls() {
        registry.add("alice", aliceOrigin.connection(), "t", EXPIRY);

        fanout.deliver(List.of("alice"), "gw:1",
                new ServerEvent.ReadReceipt("m-1", "bob", Instant.parse("2026-11-25T20:00:00Z")));

        assertThat(aliceOrigin.frames()).hasSize(1);
    }

    @Test
    void sendsToEverySocketWhenThereIsNoOrigin() {
        registry.add("alice", aliceOrigin.connection(), "t", EXPIRY);
        registry.add("alice", aliceOther.connection(), "t", EXPIRY);

        fanout.deliver(List.of("alice"), "", MESSAGE);

        assertThat(aliceOrigin.frames()).hasSize(1);
        assertThat(aliceOther.frames()).hasSize(1);
    }

    @Test
    void sendsOnceToARecipientNamedTwice() {
        registry.add("bob", bob.connection(), "t", EXPIRY);

        fanout.deliver(List.of("bob", "bob"), "", MESSAGE);

        assertThat(bob.frames()).hasSize(1);
    }

    @Test
    void ignoresRecipientsWithoutSocketsHere() {
        fanout.deliver(List.of("carol"), "", MESSAGE);

        assertThat(bob.frames()).isEmpty();
    }

    @Test
    void fansReadReceiptsAndRecallsOutLikeMessages() {
        registry.add("alice", aliceOrigin.connection(), "t", EXPIRY);
        registry.add("alice", aliceOther.connection(), "t", EXPIRY);
        registry.add("bob", bob.connection(), "t", EXPIRY);

        fanout.deliver(List.of("alice"), "",
                new ServerEvent.ReadReceipt("m-1", "bob", Instant.parse("2026-11-25T20:00:00Z")));
        fanout.deliver(List.of("bob"), "", new ServerEvent.Recalled("m-1"));

        assertThat(aliceOrigin.texts()).isEqualTo(aliceOther.texts());
        assertThat(aliceOther.texts()).containsExactly("{\"event\":\"read\",\"data\":{\"id\":\"m-1\",\"reader\":\"bob\","
                + "\"readAt\":\"2026-11-25T20:00:00.000Z\"}}");
        assertThat(bob.texts()).containsExactly("{\"event\":\"recalled\",\"data\":{\"id\":\"m-1\"}}");
    }

    @Test
    void sendsAnAnnouncementAsOneFrameToEverySignedInSocket() {
        registry.add("alice", aliceOrigin.connection(), "t", EXPIRY);
        registry.add("alice", aliceOther.connection(), "t", EXPIRY);
        registry.add("bob", bob.connection(), "t", EXPIRY);
        TestConnections.Recorded notSignedIn = TestConnections.connection("gw:4");

        fanout.deliverToEveryone(new ServerEvent.Delivered("m-2", "ops", "Ops", List.of(), "", "maintenance", "",
                Instant.parse("2026-11-25T20:00:00Z"), "", true));

        assertThat(aliceOrigin.frames()).hasSize(1);
        assertThat(aliceOther.frames()).singleElement().isSameAs(aliceOrigin.frames().getFirst());
        assertThat(bob.frames()).singleElement().isSameAs(aliceOrigin.frames().getFirst());
        assertThat(bob.texts().getFirst()).contains("\"announcement\":true");
        assertThat(notSignedIn.frames()).isEmpty();
    }

    @Test
    void sendsAnAnnouncementToNobodyWhenNoSocketIsSignedIn() {
        fanout.deliverToEveryone(new ServerEvent.Typing("alice", ""));

        assertThat(bob.frames()).isEmpty();
    }

    @Test
    void tellsEverySignedInSocketToResyncOnce() {
        registry.add("alice", aliceOrigin.connection(), "t", EXPIRY);
        registry.add("alice", aliceOther.connection(), "t", EXPIRY);
        registry.add("bob", bob.connection(), "t", EXPIRY);

        fanout.resync();

        assertThat(aliceOrigin.texts()).containsExactly("{\"event\":\"resync\"}");
        assertThat(aliceOther.texts()).containsExactly("{\"event\":\"resync\"}");
        assertThat(bob.texts()).containsExactly("{\"event\":\"resync\"}");
    }
}
