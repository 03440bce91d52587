package dev.herald.message.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.proto.v1.LinkResponse;
import dev.herald.testing.MutableClock;
import io.grpc.stub.ServerCallStreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The presence table as a registry of proofs: who is deliverable on which link, and until when. */
class PresenceTableTest {

    private static final Instant START = Instant.parse("2026-11-25T20:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(30);

    private final MutableClock clock = new MutableClock(START);
    private final PresenceTable table = new PresenceTable(clock);

    @Test
    void usersAreLocatedOnEveryGatewayThatHoldsThem() {
        GatewayChannel one = channel("g1");
        GatewayChannel two = channel("g2");
        table.register(one, proven("alice"));
        table.register(two, List.of());
        table.online(two, proof("alice", TTL));
        table.online(two, proof("bob", TTL));

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
        table.register(one, proven("alice"));
        table.register(two, proven("alice"));

        table.offline(one, "alice");

        assertThat(table.locate(List.of("alice")).keySet()).containsExactly(two);
    }

    @Test
    void aGatewayWhoseLinkEndsTakesItsUsersOffline() {
        GatewayChannel one = channel("g1");
        table.register(one, proven("alice", "bob"));

        table.remove(one);

        assertThat(table.isOnline("alice")).isFalse();
        assertThat(table.isOnline("bob")).isFalse();
    }

    @Test
    void aReconnectedGatewayReplacesItsOldLinkAndTheOldLinkEndingChangesNothing() {
        GatewayChannel old = channel("g1");
        table.register(old, proven("alice", "bob"));
        GatewayChannel fresh = channel("g1");

        table.register(fresh, proven("alice"));
        table.remove(old);

        assertThat(table.locate(List.of("alice", "bob")).keySet()).containsExactly(fresh);
        assertThat(table.isOnline("bob")).isFalse();
    }

    @Test
    void aProofHoldsUntilItsTokenExpiresAndNotAnInstantLonger() {
        GatewayChannel one = channel("g1");
        table.register(one, List.of(proof("alice", Duration.ofSeconds(60))));

        clock.advance(Duration.ofSeconds(59));
        assertThat(table.locate(List.of("alice"))).containsOnlyKeys(one);
        assertThat(table.isOnline("alice")).isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertThat(table.locate(List.of("alice"))).isEmpty();
        assertThat(table.isOnline("alice")).isFalse();
    }

    @Test
    void anExpiredProofIsDroppedFromItsLinkWhenALookupMeetsIt() {
        GatewayChannel one = channel("g1");
        table.register(one, List.of(proof("alice", Duration.ofSeconds(60)), proof("bob", TTL)));

        clock.advance(Duration.ofSeconds(61));
        table.locate(List.of("alice", "bob"));

        assertThat(one.users()).containsExactly("bob");
    }

    @Test
    void aRefreshedTokenExtendsTheProofAndAnOlderOneDoesNotShortenIt() {
        GatewayChannel one = channel("g1");
        table.register(one, List.of(proof("alice", Duration.ofSeconds(60))));

        table.online(one, proof("alice", Duration.ofSeconds(600)));
        table.online(one, proof("alice", Duration.ofSeconds(30)));
        clock.advance(Duration.ofSeconds(599));

        assertThat(table.locate(List.of("alice"))).containsOnlyKeys(one);
        clock.advance(Duration.ofSeconds(1));
        assertThat(table.locate(List.of("alice"))).isEmpty();
    }

    @Test
    void eachLinkHoldsItsOwnProofOfAUser() {
        GatewayChannel shortLived = channel("g1");
        GatewayChannel longLived = channel("g2");
        table.register(shortLived, List.of(proof("alice", Duration.ofSeconds(60))));
        table.register(longLived, List.of(proof("alice", TTL)));

        clock.advance(Duration.ofSeconds(60));

        assertThat(table.locate(List.of("alice"))).containsOnlyKeys(longLived);
        assertThat(table.isOnline("alice")).isTrue();
    }

    @Test
    void aUserProvenAgainAfterItsProofExpiredIsDeliverableAgain() {
        GatewayChannel one = channel("g1");
        table.register(one, List.of(proof("alice", Duration.ofSeconds(60))));
        clock.advance(Duration.ofSeconds(61));
        assertThat(table.isOnline("alice")).isFalse();

        table.online(one, proof("alice", TTL));

        assertThat(table.locate(List.of("alice"))).containsOnlyKeys(one);
        assertThat(one.users()).containsExactly("alice");
    }

    private List<ProvenUser> proven(String... users) {
        return Stream.of(users).map(user -> proof(user, TTL)).toList();
    }

    private ProvenUser proof(String user, Duration ttl) {
        return new ProvenUser(user, clock.instant().plus(ttl));
    }

    private static GatewayChannel channel(String id) {
        return new GatewayChannel(id, new RecordingObserver(), 1 << 20, channel -> {},
                new LinkMeters(new SimpleMeterRegistry(), new PresenceTable(Clock.systemUTC())));
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
