package dev.herald.it;

import static dev.herald.it.InboxIT.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.proto.v1.CountUnreadRequest;
import dev.herald.proto.v1.DeleteReceivedRequest;
import dev.herald.proto.v1.MarkReadRequest;
import dev.herald.proto.v1.OnlineRequest;
import dev.herald.proto.v1.RecallRequest;
import dev.herald.proto.v1.SyncRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads and changes that arrive after a message is acked but before the worker has stored it.
 * The worker here waits up to a second to fill a batch, so each race is real: every test first
 * checks the message is not in PostgreSQL yet.
 */
class WriteRacesIT {

    static HeraldStack stack;
    static Rows rows;
    static final Duration WAIT = Duration.ofSeconds(15);

    @BeforeAll
    static void start() throws Exception {
        stack = HeraldStack.start(Map.of(
                "HERALD_WORKER_BATCH_MAX_WAIT_MS", "1000",
                "HERALD_STORED_WAIT_MS", "10000"));
        rows = new Rows(stack);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static GrpcUser user(String prefix) {
        return stack.knownUser(prefix);
    }

    private static boolean stored(String id) {
        return rows.count("select count(*) from messages where id = ?::uuid", id) == 1;
    }

    @Test
    void aMarkReadRightAfterDeliveryLands() {
        GrpcUser alice = user("alice");
        GrpcUser bob = user("bob");
        String id = alice.send("read me now", bob.id);
        assertThat(stored(id)).as("stored before the read").isFalse();

        var marked = bob.inbox.markRead(MarkReadRequest.newBuilder().addIds(id).build());

        assertThat(marked.getChangedList()).containsExactly(id);
        await().atMost(WAIT).until(() -> rows.count(
                "select count(*) from receipts where message_id = ?::uuid and read_at is not null", id) == 1);
    }

    @Test
    void aDeleteRightAfterDeliveryLands() {
        GrpcUser carol = user("carol");
        GrpcUser dan = user("dan");
        String id = carol.send("delete me now", dan.id);
        assertThat(stored(id)).as("stored before the delete").isFalse();

        var deleted = dan.inbox.deleteReceived(DeleteReceivedRequest.newBuilder().addIds(id).build());

        assertThat(deleted.getChangedList()).containsExactly(id);
        await().atMost(WAIT).until(() -> rows.count(
                "select count(*) from receipts where message_id = ?::uuid and deleted_at is not null", id) == 1);
        assertThat(dan.inbox.sync(SyncRequest.getDefaultInstance()).getMessagesList()).isEmpty();
    }

    @Test
    void aRecallRightAfterSendingLands() {
        GrpcUser erin = user("erin");
        GrpcUser fay = user("fay");
        String id = erin.send("recall me now", fay.id);
        assertThat(stored(id)).isFalse();

        assertThat(erin.outbox.recall(RecallRequest.newBuilder().addIds(id).build()).getChangedList()).containsExactly(id);
        assertThat(fay.inbox.sync(SyncRequest.getDefaultInstance()).getMessagesList()).isEmpty();
    }

    @Test
    void syncAndTheUnreadCountIncludeMessagesNotStoredYet() {
        GrpcUser gus = user("gus");
        GrpcUser hal = user("hal");
        String id = gus.send("while you were away", hal.id);
        assertThat(stored(id)).isFalse();

        assertThat(hal.messages.online(OnlineRequest.getDefaultInstance()).getUnreadCount()).isEqualTo(1);
        assertThat(ids(hal.inbox.sync(SyncRequest.getDefaultInstance()).getMessagesList())).containsExactly(id);
        assertThat(hal.inbox.countUnread(CountUnreadRequest.getDefaultInstance()).getUnread()).isEqualTo(1);
    }
}
