package dev.herald.message.outbox;

import static dev.herald.message.testing.BackendExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.message.batch.BatchResult;
import dev.herald.message.model.MessageWithReceipts;
import dev.herald.message.model.StoredReceipt;
import dev.herald.message.page.Page;
import dev.herald.message.testing.BackendExtension;
import dev.herald.message.testing.GatewayLinks.Gateway;
import dev.herald.message.testing.StoredRows;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.StreamEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The outbox on its own, against stored rows: a sender sees and changes only what it sent. */
class OutboxIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
    private Outbox outbox;
    private StoredRows rows;
    private String alice;
    private String bob;
    private String carol;

    @BeforeEach
    void outbox() {
        outbox = new Outbox(backend.queries(), backend.consistency(), backend.publisher(), backend.router(),
                backend.firstClaims(), 10, Clock.systemUTC());
        rows = backend.rows();
        alice = unique("alice");
        bob = unique("bob");
        carol = unique("carol");
    }

    @Test
    void listShowsTheSendersOwnMessagesNewestFirstWithEveryReceiversState() {
        UUID first = rows.message(alice).to(bob, carol).clientId("retry-1").at(t0).store();
        UUID second = rows.message(alice).to(bob).at(t0.plusSeconds(1)).store();
        UUID deletedFromView = rows.message(alice).to(bob).at(t0.plusSeconds(2)).store();
        rows.deleteSent(deletedFromView, t0.plusSeconds(3));
        rows.message(bob).to(alice).at(t0.plusSeconds(4)).store(); // bob's, not alice's
        rows.read(bob, first, t0.plusSeconds(5));
        rows.deleteReceipt(carol, first, t0.plusSeconds(6));

        Page<MessageWithReceipts> newest = outbox.list(alice, "", 1);
        assertThat(ids(newest)).containsExactly(second);
        Page<MessageWithReceipts> older = outbox.list(alice, newest.next().orElseThrow(), 10);
        assertThat(ids(older)).containsExactly(first);
        assertThat(older.next()).isEmpty();

        MessageWithReceipts sent = older.items().getFirst();
        assertThat(sent.message().clientId()).as("the sender sees its own retry key").contains("retry-1");
        assertThat(sent.receipts()).containsExactlyInAnyOrder(
                new StoredReceipt(bob, Optional.of(t0.plusSeconds(5)), Optional.empty()),
                new StoredReceipt(carol, Optional.empty(), Optional.of(t0.plusSeconds(6))));
        assertThat(ids(outbox.list(bob, "", 10))).doesNotContain(first, second);
    }

    @Test
    void deleteChangesOnlyTheSendersOwnViewOnce() throws Exception {
        UUID own = rows.message(alice).to(bob).store();
        UUID alreadyDeleted = rows.message(alice).to(bob).store();
        rows.deleteSent(alreadyDeleted, t0);
        UUID bobs = rows.message(bob).to(alice).store();

        BatchResult result = outbox.delete(alice, List.of(own.toString(), alreadyDeleted.toString(), bobs.toString()))
                .join();

        assertThat(result.changed()).containsExactly(own);
        assertThat(result.unknown()).containsExactly(alreadyDeleted.toString(), bobs.toString());
        StreamEvent event = backend.events().last("update");
        assertThat(event.getSentDeleted().getSenderId()).isEqualTo(alice);
        assertThat(event.getSentDeleted().getMessageIdsList()).containsExactly(own.toString());
    }

    @Test
    void recallReachesTheOnlineReceiversAndOnlyTheSenderMayRecall() throws Exception {
        Gateway receivers = backend.links().open(bob, carol);
        UUID own = rows.message(alice).to(bob, carol).store();
        UUID alreadyRecalled = rows.message(alice).to(bob).store();
        rows.recall(alreadyRecalled, t0);

        assertThat(outbox.recall(bob, List.of(own.toString())).join().unknown()).containsExactly(own.toString());
        BatchResult result = outbox.recall(alice, List.of(own.toString(), alreadyRecalled.toString())).join();

        assertThat(result.changed()).containsExactly(own);
        assertThat(result.unknown()).containsExactly(alreadyRecalled.toString());
        StreamEvent event = backend.events().last("update");
        assertThat(event.getMessagesRecalled().getSenderId()).isEqualTo(alice);
        assertThat(event.getMessagesRecalled().getMessageIdsList()).containsExactly(own.toString());
        Delivery notice = receivers.awaitDeliveries(1).getFirst();
        assertThat(notice.getRecalled().getMessageId()).isEqualTo(own.toString());
        assertThat(notice.getRecipientIdsList()).containsExactlyInAnyOrder(bob, carol);
    }

    private static List<UUID> ids(Page<MessageWithReceipts> page) {
        return page.items().stream().map(sent -> sent.message().id()).toList();
    }
}
