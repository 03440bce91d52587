package dev.herald.message.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.proto.v1.LinkResponse;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PresenceTableTest {

    private final PresenceTable table = new PresenceTable();

    @Test
    void usersAreLocatedOnEveryGatewayThatHoldsThem() {
        GatewayChannel one = channel("g1");
        GatewayChannel two = channel("g2");
        table.register(one, List.of("alice"));
        table.register(two, List.of());
        table.online(two, "alice");
        table.online(two, "bob");

        var located = table.locate(List.of("alice", "bob", "carol"));

        assertThat(located).containsOnlyKeys(one, two);
        assertThat(located.get(one)).containsExactly("alice");
        assertThat(located.get(two)).containsExactlyInAnyOrder("alice", "bob");
        assertThat(table.isOnline("carol")).isFalse();
    }

    @Test
    void offlineRemovesOnlyThatGateway() {
        GatewayChannel one = channel("g1");
        GatewayChannel two = channel("g2");
        table.register(one, List.of("alice"));
        table.register(two, List.of("alice"));

        table.offline(one, "alice");

        assertThat(table.locate(List.of("alice")).keySet()).containsExactly(two);
    }

    @Test
    void aGatewayWhoseLinkEndsTakesItsUsersOffline() {
        GatewayChannel one = channel("g1");
        table.register(one, List.of("alice", "bob"));

        table.remove(one);

        assertThat(table.isOnline("alice")).isFalse();
        assertThat(table.isOnline("bob")).isFalse();
    }

    @Test
    void aReconnectedGatewayReplacesItsOldLinkAndTheOldLinkEndingChangesNothing() {
        GatewayChannel old = channel("g1");
        table.register(old, List.of("alice", "bob"));
        GatewayChannel fresh = channel("g1");

        table.register(fresh, List.of("alice"));
        table.remove(old);

        assertThat(table.locate(List.of("alice", "bob")).keySet()).containsExactly(fresh);
        assertThat(table.isOnline("bob")).isFalse();
    }

    private static GatewayChannel channel(String id) {
        return new GatewayChannel(id, new RecordingObserver(), 1 << 20, channel -> {});
    }

    /** A stand-in for the gRPC stream end: records what was sent. */
    private static final class RecordingObserver extends ServerCallStreamObserver<LinkResponse> {
        final List<LinkResponse> sent = new ArrayList<>();
        boolean completed;

        @Override public boolean isCancelled() { return false; }
        @Override public void setOnCancelHandler(Runnable onCancelHandler) {}
        @Override public void setCompression(String compression) {}
        @Override public boolean isReady() { return true; }
        @Override public void setOnReadyHandler(Runnable onReadyHandler) {}
        @Override public void request(int count) {}
        @Override public void setMessageCompression(boolean enable) {}
        @Override public void disableAutoInboundFlowControl() {}
        @Override public void onNext(LinkResponse value) { sent.add(value); }
        @Override public void onError(Throwable t) { completed = true; }
        @Override public void onCompleted() { completed = true; }
    }

    @Test
    void locatingNobodyFindsNothing() {
        assertThat(table.locate(Set.of())).isEmpty();
    }
}
