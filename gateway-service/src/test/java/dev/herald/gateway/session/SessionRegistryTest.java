package dev.herald.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {

    private static final Instant EXPIRY = Instant.parse("2026-11-25T21:00:00Z");

    private final List<String> changes = new ArrayList<>();
    private final CompletableFuture<Void> acked = new CompletableFuture<>();
    private final SessionRegistry registry = new SessionRegistry(new PresenceListener() {
        @Override
        public CompletableFuture<Void> online(String userId, String token, Instant expiresAt) {
            changes.add(userId + " online " + token);
            return acked;
        }

        @Override
        public void offline(String userId) {
            changes.add(userId + " offline");
        }
    }, 2);

    private final Connection first = TestConnections.connection("gw:1").connection();
    private final Connection second = TestConnections.connection("gw:2").connection();

    @Test
    void theFirstSocketOfAUserAnnouncesItAndWaitsForTheAck() {
        CompletableFuture<Void> routable = registry.add("alice", first, "t1", EXPIRY);

        assertThat(changes).containsExactly("alice online t1");
        assertThat(routable).isSameAs(acked);
        assertThat(registry.connectionsOf("alice")).containsExactly(first);
    }

    @Test
    void everySignInReportsItsTokenSoTheLinksCanForwardTheOneThatExpiresLast() {
        registry.add("alice", first, "t1", EXPIRY);

        CompletableFuture<Void> routable = registry.add("alice", second, "t2", EXPIRY);

        assertThat(routable).isSameAs(acked);
        assertThat(changes).containsExactly("alice online t1", "alice online t2");
        assertThat(registry.connectionsOf("alice")).containsExactly(first, second);
    }

    @Test
    void aSocketPastTheUsersLimitIsRefusedAndNotAdded() {
        Connection third = TestConnections.connection("gw:3").connection();
        registry.add("alice", first, "t1", EXPIRY);
        registry.add("alice", second, "t2", EXPIRY);
        assertThat(registry.atSocketLimit("alice")).isTrue();

        CompletableFuture<Void> refused = registry.add("alice", third, "t3", EXPIRY);

        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::join).hasCauseInstanceOf(SocketLimitReached.class)
                .hasMessageEndingWith("too many sockets for this user: at most 2 on this gateway");
        assertThat(registry.connectionsOf("alice")).containsExactly(first, second);
        assertThat(changes).containsExactly("alice online t1", "alice online t2"); // the refused token: not reported
        assertThat(registry.add("alice", second, "t2b", EXPIRY)).isSameAs(acked); // a refresh: not a new socket
        assertThat(registry.atSocketLimit("bob")).isFalse();
        assertThat(registry.add("bob", third, "t", EXPIRY)).isSameAs(acked);

        registry.remove("alice", first);
        assertThat(registry.atSocketLimit("alice")).isFalse();
        assertThat(registry.add("alice", TestConnections.connection("gw:4").connection(), "t4", EXPIRY))
                .isSameAs(acked);
    }

    @Test
    void aRefreshKeepsOneEntryAndReportsTheNewToken() {
        registry.add("alice", first, "t1", EXPIRY);
        registry.add("alice", first, "t1-refreshed", EXPIRY.plusSeconds(600));

        assertThat(registry.connectionsOf("alice")).containsExactly(first);
        assertThat(changes).containsExactly("alice online t1", "alice online t1-refreshed");
    }

    @Test
    void onlyTheLastSocketMakesAUserOffline() {
        registry.add("alice", first, "t", EXPIRY);
        registry.add("alice", second, "t", EXPIRY);

        registry.remove("alice", first);
        assertThat(changes).containsExactly("alice online t", "alice online t");
        assertThat(registry.connectionsOf("alice")).containsExactly(second);

        registry.remove("alice", second);
        assertThat(changes).containsExactly("alice online t", "alice online t", "alice offline");
        assertThat(registry.connectionsOf("alice")).isEmpty();
        assertThat(registry.userIds()).isEmpty();
    }

    @Test
    void removingAnUnknownSocketChangesNothing() {
        registry.add("alice", first, "t", EXPIRY);

        registry.remove("alice", second);
        registry.remove("bob", first);

        assertThat(changes).containsExactly("alice online t");
        assertThat(registry.userIds()).containsExactly("alice");
    }

    @Test
    void keepsUsersApart() {
        registry.add("alice", first, "t", EXPIRY);
        registry.add("bob", second, "t", EXPIRY);

        assertThat(registry.connectionsOf("alice")).containsExactly(first);
        assertThat(registry.connectionsOf("bob")).containsExactly(second);
        assertThat(registry.connectionsOf("carol")).isEmpty();
        assertThat(registry.userIds()).containsExactlyInAnyOrder("alice", "bob");
    }
}
