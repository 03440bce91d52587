package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SendResponse;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A clientId retried after the stream's duplicate window, while its message is durable in the stream but not stored
 * (no worker runs): JetStream would take a second publish as new, so the retry must not publish or route at all. The
 * window is shortened to a second so the test can wait past it.
 */
class RetryPastDuplicateWindowIT {

    private static final Duration DUPLICATE_WINDOW = Duration.ofSeconds(1);
    /** JetStream forgets an id about one window after storing it; twice that is past it for sure. */
    private static final Duration PAST_THE_WINDOW = DUPLICATE_WINDOW.multipliedBy(2).plusMillis(500);

    @Test
    void aRetryPastTheDuplicateWindowIsAnsweredWithTheOriginalAndDeliveredAndStoredOnce() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String aliceId = "alice-" + suffix;
        String bobId = "bob-" + suffix;
        try (HeraldStack stack = HeraldStack.startWithoutWorker(PostgresHandle.testDatabase(), Map.of());
                WsClient bob = stack.online(bobId, "Bob")) {
            shortenDuplicateWindow(stack);
            GrpcUser alice = stack.grpc(aliceId, false).known();
            SendRequest send = SendRequest.newBuilder().addReceivers(bobId).setBody("once").setClientId("retry-1")
                    .build();

            SendResponse first = alice.messages.send(send);
            Instant acked = Instant.now();
            bob.await(frame -> isMessage(frame, first.getId()), Duration.ofSeconds(10));
            await().atMost(PAST_THE_WINDOW.plusSeconds(5))
                    .until(() -> Instant.now().isAfter(acked.plus(PAST_THE_WINDOW)));
            SendResponse retry = alice.messages.send(send);

            assertThat(first.getDuplicate()).isFalse();
            assertThat(retry.getDuplicate()).isTrue();
            assertThat(retry.getId()).isEqualTo(first.getId());
            assertThat(retry.getCreatedAt()).isEqualTo(first.getCreatedAt());
            // Deliveries keep their order: once a later message is there, a second copy would be too.
            String later = alice.send("later", bobId);
            bob.await(frame -> isMessage(frame, later), Duration.ofSeconds(10));
            assertThat(bob.events("message")).filteredOn(frame -> isMessage(frame, first.getId()))
                    .as("live deliveries of the retried message").hasSize(1);

            stack.startWorker();
            Rows rows = new Rows(stack);
            await().atMost(Duration.ofSeconds(20)).until(() -> rows.count(
                    "select count(*) from messages where id = ?::uuid", later) == 1);
            assertThat(rows.count("select count(*) from messages where sender_id = ? and client_id = ?", aliceId,
                    "retry-1")).isEqualTo(1);
            assertThat(rows.receiptsOf(first.getId())).isEqualTo(1);
            assertThat(stack.workerFailures()).isZero();
        }
    }

    private static boolean isMessage(JsonNode frame, String id) {
        return "message".equals(frame.path("event").asText()) && id.equals(frame.path("data").path("id").asText());
    }

    /** The stack's stream with a one-second duplicate window (the services leave an existing stream as it is). */
    private static void shortenDuplicateWindow(HeraldStack stack) throws Exception {
        try (Connection nats = Nats.connect(stack.nats.url())) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            StreamConfiguration current = jsm.getStreamInfo(stack.env.get("HERALD_NATS_STREAM")).getConfiguration();
            jsm.updateStream(StreamConfiguration.builder(current).duplicateWindow(DUPLICATE_WINDOW).build());
        }
    }
}
