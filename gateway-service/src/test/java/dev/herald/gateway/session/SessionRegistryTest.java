package dev.herald.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {

    private final List<String> changes = new ArrayList<>();
    private final CompletableFuture<Void> acked = new CompletableFuture<>();
    private final SessionRegistry registry = new SessionRegistry((userId, online) -> {
        changes.add(userId + (online ? " online" : " offline"));
        return acked;
    }, 2);

    private final Connection first = TestConnections.connection("gw:1").connection();
    private final Connection second = TestConnections.connection("gw:2").connection();

    @Test
    void theFirstSocketOfAUserAnnouncesItAndWaitsForTheAck() {
        CompletableFuture<Void> routable = registry.add("alice", first);

        assertThat(changes).containsExactly("alice online");
        assertThat(routable).isSameAs(acked);
        assertThat(registry.connectionsOf("alice")).containsExactly(first);
    }

    @Test
    void furtherSocketsAreRoutableAtOnce() {
        registry.add("alice", first);

        CompletableFuture<Void> routable = registry.add("alice", second);

        assertThat(routable).isCompleted();
        assertThat(changes).containsExactly("alice online");
        assertThat(registry.connectionsOf("alice")).containsExactly(first, second);
    }

    @Test
    void aSocketPastTheUsersLimitIsRefusedAndNotAdded() {
        Connection third = TestConnections.connection("gw:3").connection();
        registry.add("alice", first);
        registry.add("alice", second);
        assertThat(registry.atSocketLimit("alice")).isTrue();

        CompletableFuture<Void> refused = registry.add("alice", third);

        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::join).hasCauseInstanceOf(SocketLimitReached.class)
                .hasMessageEndingWith("too many sockets for this user: at most 2 on this gateway");
        assertThat(registry.connectionsOf("alice")).containsExactly(first, second);
        assertThat(registry.add("alice", second)).isCompleted(); // one already in: not a new socket
        assertThat(registry.atSocketLimit("bob")).isFalse();
        assertThat(registry.add("bob", third)).isSameAs(acked);

        registry.remove("alice", first);
        assertThat(registry.atSocketLimit("alice")).isFalse();
        assertThat(registry.add("alice", TestConnections.connection("gw:4").connection())).isCompleted();
    }

    @Test
    void addingTheSameSocketTwiceKeepsOneEntry() {
        registry.add("alice", first);
        registry.add("alice", first);

        assertThat(registry.connectionsOf("alice")).containsExactly(first);
    }

    @Test
    void onlyTheLastSocketMakesAUserOffline() {
        registry.add("alice", first);
        registry.add("alice", second);

        registry.remove("alice", first);
        assertThat(changes).containsExactly("alice online");
        assertThat(registry.connectionsOf("alice")).containsExactly(second);

        registry.remove("alice", second);
        assertThat(changes).containsExactly("alice online", "alice offline");
        assertThat(registry.connectionsOf("alice")).isEmpty();
        assertThat(registry.userIds()).isEmpty();
    }

    @Test
    void removingAnUnknownSocketChangesNothing() {
        registry.add("alice", first);

        registry.remove("alice", second);
        registry.remove("bob", first);

        assertThat(changes).containsExactly("alice online");
        assertThat(registry.userIds()).containsExactly("alice");
    }

    @Test
    void keepsUsersApart() {
        registry.add("alice", first);
        registry.add("bob", second);

        assertThat(registry.connectionsOf("alice")).containsExactly(first);
        assertThat(registry.connectionsOf("bob")).containsExactly(second);
        assertThat(registry.connectionsOf("carol")).isEmpty();
        assertThat(registry.userIds()).containsExactlyInAnyOrder("alice", "bob");
    }
}
