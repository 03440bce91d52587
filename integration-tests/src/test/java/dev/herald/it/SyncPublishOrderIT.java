package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.message.model.DirectMessage;
import dev.herald.message.send.MessageIds;
import dev.herald.message.stream.EventPublisher;
import dev.herald.message.stream.PublishMeters;
import dev.herald.proto.v1.SyncRequest;
import dev.herald.proto.v1.SyncResponse;
import dev.herald.testing.MutableClock;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sync never skips a message whose publish completed after a later-id message was synced. A message's id comes from
 * the accepting instance's clock before its publish, so message A can hold the earlier id and still become durable
 * after B. Here A is made as the send path makes it (a {@link MessageIds} on a clock, then the service's own
 * {@link EventPublisher}), its publish held back by the test while B goes through the whole stack and is synced;
 * the real persistence-worker stores both.
 */
class SyncPublishOrderIT {

    static HeraldStack stack;
    static Connection nats;
    static EventPublisher heldBackPublisher;

    @BeforeAll
    static void startStack() throws Exception {
        stack = HeraldStack.start(Map.of());
        nats = Nats.connect(stack.nats.url());
        heldBackPublisher = new EventPublisher(nats.jetStream(), stack.env.get("HERALD_NATS_SUBJECT_PREFIX"),
                Duration.ofSeconds(10), new PublishMeters(new SimpleMeterRegistry()));
    }

    @AfterAll
    static void stopStack() throws Exception {
        nats.close();
        stack.close();
    }

    @Test
    void aMessageWhosePublishCompletesLateIsSyncedAfterTheCursorThatPassedItsId() {
        GrpcUser alice = stack.knownUser("alice");
        GrpcUser bob = stack.knownUser("bob");
        // A is accepted a second before B on an instance whose publish then stalls: its id is the earlier one.
        MutableClock clock = new MutableClock(Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS));
        DirectMessage a = message(new MessageIds().next(clock.instant()), alice, bob, clock.instant());

        String b = alice.send("B, published at once", bob.id);
        SyncResponse first = bob.inbox.sync(SyncRequest.getDefaultInstance());
        assertThat(a.id().toString()).as("A holds the earlier id").isLessThan(b);
        assertThat(ids(first)).containsExactly(b);

        heldBackPublisher.publish(a).join(); // A's publish completes only now
        SyncResponse second = bob.inbox.sync(SyncRequest.newBuilder().setAfter(first.getNextAfter()).build());

        assertThat(ids(second)).as("sync from B's nextAfter").containsExactly(a.id().toString());
        assertThat(second.getHasMore()).isFalse();
        assertThat(ids(bob.inbox.sync(SyncRequest.newBuilder().setAfter(b).build())))
                .as("sync after B given as a message id, as clients did before cursors were opaque")
                .containsExactly(a.id().toString());
        assertThat(ids(bob.inbox.sync(SyncRequest.getDefaultInstance()))).as("from the start: publish order")
                .containsExactly(b, a.id().toString());
    }

    @Test
    void aBadAfterIsAnInvalidArgumentAndAMessageIdNotReceivedIsNotFound() {
        GrpcUser alice = stack.knownUser("alice");
        GrpcUser bob = stack.knownUser("bob");
        GrpcUser carol = stack.knownUser("carol");
        String carols = alice.send("for carol", carol.id);

        assertThatThrownBy(() -> bob.inbox.sync(SyncRequest.newBuilder().setAfter("garbage").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith("after must be");
                });
        assertThatThrownBy(() -> bob.inbox.sync(SyncRequest.newBuilder().setAfter(carols).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).startsWith("after: no received message");
                });
    }

    @Test
    void theGatewayPassesTheCursorThroughAndNamesAfterInItsErrors() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (WsClient alice = stack.online("alice-" + suffix, "Alice");
             WsClient bob = stack.online("bob-" + suffix, "Bob")) {
            String first = alice.request("message", Map.of("receivers", List.of("bob-" + suffix), "body", "one"))
                    .path("data").path("id").asText();
            JsonNode page = bob.request("sync", Map.of());
            String next = page.path("data").path("nextAfter").asText();
            String second = alice.request("message", Map.of("receivers", List.of("bob-" + suffix), "body", "two"))
                    .path("data").path("id").asText();

            JsonNode rest = bob.request("sync", Map.of("after", next));
            JsonNode bad = bob.request("sync", Map.of("after", next + "x"));

            assertThat(page.path("data").path("messages")).extracting(m -> m.path("message").path("id").asText())
                    .containsExactly(first);
            assertThat(next).as("an opaque cursor, not the message id").isNotEqualTo(first).hasSize(34);
            assertThat(rest.path("data").path("messages")).extracting(m -> m.path("message").path("id").asText())
                    .containsExactly(second);
            assertThat(bad.path("event").asText()).isEqualTo("exception");
            assertThat(bad.path("data").path("status").asText()).isEqualTo("INVALID_ARGUMENT");
            assertThat(bad.path("data").path("field").asText()).isEqualTo("after");
        }
    }

    private static DirectMessage message(UUID id, GrpcUser sender, GrpcUser receiver, Instant at) {
        return new DirectMessage(id, sender.id, sender.id, List.of(receiver.id), "", "A, published late", "", at,
                Optional.empty());
    }

    private static List<String> ids(SyncResponse page) {
        return page.getMessagesList().stream().map(m -> m.getMessage().getId()).toList();
    }
}
