package dev.herald.message.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.message.error.HeraldException;
import dev.herald.message.idempotency.FirstClaims.Change;
import dev.herald.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** First claims against a real nats-server of its own (one test stops it). */
class FirstClaimsIT {

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();
    private NatsServerProcess server;
    private Connection nats;
    private FirstClaims claims;

    @BeforeEach
    void start() throws Exception {
        server = NatsServerProcess.start();
        nats = Nats.connect(server.url());
        claims = open();
    }

    @AfterEach
    void stop() throws Exception {
        nats.close();
        server.close();
    }

    @Test
    void onlyTheFirstClaimOfAChangeByAUserWins() {
        assertThat(claims.claim(Change.READ, "bob", List.of(a, b)).ids()).containsExactly(a, b);

        assertThat(claims.claim(Change.READ, "bob", List.of(a, c, b)).ids()).containsExactly(c);
        assertThat(claims.claim(Change.DELETE_RECEIVED, "bob", List.of(a)).ids()).as("another change").containsExactly(a);
        assertThat(claims.claim(Change.READ, "carol", List.of(a)).ids()).as("another user").containsExactly(a);
    }

    @Test
    void everyInstanceSeesTheSameClaims() throws Exception {
        claims.claim(Change.RECALL, "alice", List.of(a));

        assertThat(open().claim(Change.RECALL, "alice", List.of(a, b)).ids()).containsExactly(b);
    }

    @Test
    void aReleasedClaimCanBeWonAgain() {
        FirstClaims.Won first = claims.claim(Change.DELETE_SENT, "alice", List.of(a));
        claims.claim(Change.DELETE_SENT, "alice", List.of(b));

        claims.release(first);

        assertThat(claims.claim(Change.DELETE_SENT, "alice", List.of(a, b)).ids()).containsExactly(a);
    }

    @Test
    void aReleaseWhileNatsIsAwayIsMadeOnceItAnswers() throws Exception {
        FirstClaims.Won first = claims.claim(Change.RECALL, "alice", List.of(a));
        server.kill();

        claims.release(first);

        server.restart();
        await().atMost(Duration.ofSeconds(15)).until(() -> nats.getStatus() == Connection.Status.CONNECTED);
        await().atMost(Duration.ofSeconds(15)).until(() -> claims.claim(Change.RECALL, "alice", List.of(a)).contains(a));
    }

    @Test
    void withoutNatsAClaimIsUnavailableAndClaimsNothing() {
        server.kill();

        assertThatThrownBy(() -> claims.claim(Change.READ, "bob", List.of(a, b)))
                .isInstanceOf(HeraldException.Unavailable.class)
                .hasMessage("message store unavailable, retry");

        server.restart();
        await().atMost(Duration.ofSeconds(15)).until(() -> nats.getStatus() == Connection.Status.CONNECTED);
        // The create that timed out may land after the restart (it waited in the client's buffer): it is withdrawn.
        await().atMost(Duration.ofSeconds(15)).until(() -> claims.claim(Change.READ, "bob", List.of(a)).contains(a));
        assertThat(claims.claim(Change.READ, "bob", List.of(b)).ids()).containsExactly(b);
    }

    private FirstClaims open() throws Exception {
        return FirstClaims.open(nats, "TEST_FIRST_CLAIMS", Duration.ofHours(1), 1);
    }
}
