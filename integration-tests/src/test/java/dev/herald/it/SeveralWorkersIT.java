package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.proto.v1.DeleteMessagesRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Several persistence-workers on the one durable consumer (issue 15): three worker processes under a tracked load,
 * one of them stopped (SIGSTOP) while it holds pulled batches, for longer than the ack wait, so its messages go to the
 * other two; meanwhile messages are read, deleted, recalled and purged. Then it is resumed and writes its stale
 * batches after the later ones committed. Every acked write ends stored as one worker would store it: each message
 * once (a purged one not at all), each receipt read, deleted or recalled exactly when that was acked, nothing left
 * pending. Heavy (three worker JVMs beside the stack, over a minute on a busy machine): tagged {@code faults}.
 */
@Tag("faults")
class SeveralWorkersIT {

    /** Longer than the stack's ack wait (2 s), so what the stopped worker holds is redelivered to the others. */
    private static final Duration HELD_BACK = Duration.ofSeconds(4);

    @Test
    void threeWorkersWithOneHeldBackStoreEveryAckedWriteAsOneWorkerWould() throws Exception {
        // Small batches spread each user's events over many batches and all three workers.
        Map<String, String> settings = Map.of("HERALD_WORKER_BATCH_SIZE", "20", "HERALD_WORKER_PULL_AHEAD_BATCHES", "3");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (HeraldStack stack = HeraldStack.startWithoutWorker(PostgresHandle.testDatabase(), settings);
             ChildService first = ChildService.worker(stack.env).start();
             ChildService second = ChildService.worker(stack.env).start();
             ChildService heldBack = ChildService.worker(stack.env).start();
             TrackedLoad load = TrackedLoad.start(List.of(stack.socketUri()), id -> stack.token(id, id),
                     TrackedLoad.Shape.standard());
             WsClient alice = stack.online("alice-" + suffix, "Alice");
             WsClient bob = stack.online("bob-" + suffix, "Bob")) {
            Writes writes = new Writes(alice, bob, "bob-" + suffix);
            GrpcUser root = stack.grpc("root", true);
            load.awaitMoreAcked(100);
            writes.send(10);

            heldBack.pause();
            writes.send(20);
            writes.read(writes.sent.subList(0, 12));
            writes.delete(writes.sent.subList(8, 16));
            writes.recall(writes.sent.subList(14, 20));
            // A purge answers for stored messages only: while the held-back worker holds the watermark, retry it.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                writes.purge(root, writes.sent.subList(18, 22));
                return !writes.purged.isEmpty();
            });
            load.awaitMoreAcked(100);
            await().pollDelay(HELD_BACK).atMost(HELD_BACK.plusSeconds(1)).until(() -> true);
            heldBack.resume();

            writes.send(10);
            writes.read(writes.sent.subList(20, 36));
            writes.recall(writes.sent.subList(34, 38));
            load.awaitMoreAcked(200);
            load.finish("several-workers", stack::sql).printAndCheck();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> writes.assertStored(stack));
        }
    }

    /** One sender's messages to one receiver and the writes acked on them, with what each must have stored. */
    private static final class Writes {

        final List<String> sent = new ArrayList<>();
        final Set<String> read = new HashSet<>();
        final Set<String> deleted = new HashSet<>();
        final Set<String> recalled = new HashSet<>();
        final Set<String> purged = new HashSet<>();
        private final WsClient sender;
        private final WsClient receiver;
        private final String receiverId;

        Writes(WsClient sender, WsClient receiver, String receiverId) {
            this.sender = sender;
            this.receiver = receiver;
            this.receiverId = receiverId;
        }

        void send(int count) {
            for (int i = 0; i < count; i++) {
                JsonNode ack = sender.request("message", Map.of("receivers", List.of(receiverId),
                        "body", "m" + sent.size()));
                assertThat(ack.path("event").asText()).as("send %s", ack).isEqualTo("ack");
                sent.add(ack.path("data").path("id").asText());
            }
        }

        void read(List<String> ids) {
            read.addAll(changed(receiver.request("read", Map.of("ids", ids))));
        }

        void delete(List<String> ids) {
            deleted.addAll(changed(receiver.request("delete", Map.of("ids", ids))));
        }

        void recall(List<String> ids) {
            recalled.addAll(changed(sender.request("recall", Map.of("ids", ids))));
        }

        void purge(GrpcUser admin, List<String> ids) {
            purged.addAll(admin.admin.deleteMessages(DeleteMessagesRequest.newBuilder().addAllIds(ids).build())
                    .getChangedList());
        }

        private static List<String> changed(JsonNode reply) {
            assertThat(reply.path("event").asText()).as("reply %s", reply).isEqualTo("ack");
            List<String> ids = new ArrayList<>();
            reply.path("data").path("changed").forEach(id -> ids.add(id.asText()));
            return ids;
        }

        void assertStored(HeraldStack stack) throws Exception {
            assertThat(read).as("reads acked while a worker was held back").isNotEmpty();
            assertThat(purged).as("purges acked").isNotEmpty();
            try (Connection sql = stack.sql()) {
                for (String id : sent) {
                    String what = "message " + sent.indexOf(id);
                    Row row = Row.of(sql, id, receiverId);
                    if (purged.contains(id)) {
                        assertThat(row.messages()).as(what + " purged").isZero();
                        assertThat(row.receipts()).as(what + " purged").isZero();
                        continue;
                    }
                    assertThat(row.messages()).as(what + " stored once").isEqualTo(1);
                    assertThat(row.receipts()).as(what + " one receipt").isEqualTo(1);
                    assertThat(row.read()).as(what + " read").isEqualTo(read.contains(id));
                    assertThat(row.deleted()).as(what + " deleted")
                            .isEqualTo(deleted.contains(id) || recalled.contains(id));
                    assertThat(row.recalled()).as(what + " recalled").isEqualTo(recalled.contains(id));
                }
                assertThat(count(sql, "select count(*) from pending_marks")).as("marks left pending").isZero();
            }
        }
    }

    /** What PostgreSQL holds of one message and its receipt. */
    private record Row(int messages, int receipts, boolean read, boolean deleted, boolean recalled) {

        static Row of(Connection sql, String id, String receiverId) throws Exception {
            try (PreparedStatement query = sql.prepareStatement("""
                    select (select count(*) from messages where id = ?::uuid),
                           (select count(*) from receipts where message_id = ?::uuid),
                           (select read_at is not null from receipts where message_id = ?::uuid and receiver_id = ?),
                           (select deleted_at is not null from receipts where message_id = ?::uuid and receiver_id = ?),
                           (select recalled_at is not null from messages where id = ?::uuid)""")) {
                query.setString(1, id);
                query.setString(2, id);
                query.setString(3, id);
                query.setString(4, receiverId);
                query.setString(5, id);
                query.setString(6, receiverId);
                query.setString(7, id);
                try (ResultSet r = query.executeQuery()) {
                    r.next();
                    return new Row(r.getInt(1), r.getInt(2), r.getBoolean(3), r.getBoolean(4), r.getBoolean(5));
                }
            }
        }
    }

    private static long count(Connection sql, String query) throws Exception {
        try (var statement = sql.createStatement(); ResultSet r = statement.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }
}
