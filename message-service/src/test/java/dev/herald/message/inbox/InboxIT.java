package dev.herald.message.inbox;

import static dev.herald.message.testing.BackendExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.message.batch.BatchResult;
import dev.herald.message.error.HeraldException;
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

/** The inbox on its own, against stored rows: a receiver sees and changes only what it received. */
class InboxIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
    private Inbox inbox;
    private StoredRows rows;
    private String alice;
    private String bob;
    private String carol;

    @BeforeEach
    void inbox() {
        inbox = new Inbox(backend.queries(), backend.consistency(), backend.publisher(), backend.router(),
                backend.firstClaims(), 10, Clock.systemUTC());
        rows = backend.rows();
        alice = unique("alice");
        bob = unique("bob");
        carol = unique("carol");
    }

    @Test
    void syncPagesTheCallersMessagesOldestFirstAndNoOneElses() {
        UUID first = rows.message(alice).to(bob).body("one").clientId("alice-retry-key").at(t0).store();
        UUID second = rows.message(alice).to(bob, carol).body("two").at(t0.plusSeconds(1)).store();
        rows.message(bob).to(alice).body("bob's own").at(t0.plusSeconds(2)).store();
        UUID carols = rows.message(alice).to(carol).body("carol's").at(t0.plusSeconds(3)).store();

        Page<SyncPage.Synced> page = inbox.sync(bob, "", 1).page();
        assertThat(synced(page)).containsExactly(first);
        assertThat(page.hasMore()).isTrue();
        InboxEntry entry = page.items().getFirst().entry();
        assertThat(entry.message().senderId()).isEqualTo(alice);
        assertThat(entry.message().receivers()).containsExactly(bob);
        assertThat(entry.message().body()).isEqualTo("one");
        assertThat(entry.message().clientId()).as("the sender's retry key").isEmpty();
        assertThat(entry.readAt()).isEmpty();

        Page<SyncPage.Synced> rest = inbox.sync(bob, page.lastCursor().orElseThrow(), 10).page();
        assertThat(synced(rest)).containsExactly(second);
        assertThat(rest.hasMore()).isFalse();
        assertThat(rest.items().getFirst().entry().message().receivers()).containsExactlyInAnyOrder(bob, carol);

        assertThat(synced(inbox.sync(carol, "", 10).page())).containsExactly(second, carols);
    }

    @Test
    void listIsNewestFirstPagedAndFiltered() {
        UUID first = rows.message(alice).to(bob).type("note").at(t0).store();
        UUID second = rows.message(carol).to(bob).type("alert").at(t0.plusSeconds(10)).store();
        UUID third = rows.message(alice).to(bob).type("note").at(t0.plusSeconds(20)).store();
        rows.read(bob, second, t0.plusSeconds(30));
        rows.message(alice).to(carol).at(t0.plusSeconds(25)).store(); // carol's, not bob's

        Page<InboxEntry> newest = inbox.list(bob, InboxFilter.EVERYTHING, "", 2);
        assertThat(ids(newest)).containsExactly(third, second);
        assertThat(newest.items().get(1).readAt()).contains(t0.plusSeconds(30));
        Page<InboxEntry> older = inbox.list(bob, InboxFilter.EVERYTHING, newest.next().orElseThrow(), 2);
        assertThat(ids(older)).containsExactly(first);
        assertThat(older.next()).isEmpty();

        assertThat(ids(inbox.list(bob, filter(true, null, null, null, null), "", 10))).containsExactly(third, first);
        assertThat(ids(inbox.list(bob, filter(false, carol, null, null, null), "", 10))).containsExactly(second);
        assertThat(ids(inbox.list(bob, filter(false, null, "note", null, null), "", 10))).containsExactly(third, first);
        assertThat(ids(inbox.list(bob, filter(false, null, null, t0.plusSeconds(10), null), "", 10)))
                .containsExactly(third, second);
        assertThat(ids(inbox.list(bob, filter(false, null, null, null, t0.plusSeconds(10)), "", 10)))
                .containsExactly(first);
    }

    @Test
    void countUnreadCountsOnlyTheCallersUnreadVisibleMessages() {
        rows.message(alice).to(bob).store();
        UUID read = rows.message(alice).to(bob, carol).store();
        UUID deleted = rows.message(carol).to(bob).store();
        rows.read(bob, read, t0);
        rows.deleteReceipt(bob, deleted, t0);

        assertThat(inbox.countUnread(bob)).isEqualTo(1);
        assertThat(inbox.countUnread(carol)).isEqualTo(1);
        assertThat(inbox.countUnread(alice)).isZero();
    }

    @Test
    void getFindsOnlyAMessageTheCallerReceivedAndStillSees() {
        UUID message = rows.message(alice).to(bob).body("for bob").store();
        UUID deleted = rows.message(alice).to(bob).store();
        rows.deleteReceipt(bob, deleted, t0);

        assertThat(inbox.get(bob, message.toString()).message().body()).isEqualTo("for bob");
        assertNotFound(() -> inbox.get(carol, message.toString()));
        assertNotFound(() -> inbox.get(alice, message.toString())); // the sender reads it in its outbox
        assertNotFound(() -> inbox.get(bob, deleted.toString()));
        assertThatThrownBy(() -> inbox.get(bob, "not-an-id")).isInstanceOf(HeraldException.InvalidArgument.class);
    }

    @Test
    void markReadChangesOnlyTheCallersUnreadMessagesAndTellsTheSendersSockets() throws Exception {
        Gateway alicesGateway = backend.links().open(alice);
        UUID unread = rows.message(alice).to(bob).store();
        UUID alreadyRead = rows.message(alice).to(bob).store();
        rows.read(bob, alreadyRead, t0);
        UUID carols = rows.message(alice).to(carol).store();

        ReadResult result = inbox.markRead(bob, List.of(unread.toString(), alreadyRead.toString(), carols.toString(),
                "junk")).join();

        assertThat(result.batch().changed()).containsExactly(unread);
        assertThat(result.batch().unknown()).containsExactly(carols.toString(), "junk");
        StreamEvent event = backend.events().last("update");
        assertThat(event.getReceiptsRead().getReceiverId()).isEqualTo(bob);
        assertThat(event.getReceiptsRead().getMessageIdsList()).containsExactly(unread.toString());
        assertThat(event.getReceiptsRead().getReadAt().getSeconds()).isEqualTo(result.readAt().getEpochSecond());
        Delivery receipt = alicesGateway.awaitDeliveries(1).getFirst();
        assertThat(receipt.getRecipientIdsList()).containsExactly(alice);
        assertThat(receipt.getRead().getMessageId()).isEqualTo(unread.toString());
        assertThat(receipt.getRead().getReaderId()).isEqualTo(bob);
    }

    @Test
    void deleteChangesOnlyTheCallersViewAndAnIdOfSomeoneElseIsUnknown() throws Exception {
        UUID bobs = rows.message(alice).to(bob, carol).store();
        UUID carols = rows.message(alice).to(carol).store();

        BatchResult result = inbox.delete(bob, List.of(bobs.toString(), carols.toString())).join();

        assertThat(result.changed()).containsExactly(bobs);
        assertThat(result.unknown()).containsExactly(carols.toString());
        StreamEvent event = backend.events().last("update");
        assertThat(event.getReceiptsDeleted().getReceiverId()).isEqualTo(bob);
        assertThat(event.getReceiptsDeleted().getMessageIdsList()).containsExactly(bobs.toString());
    }

    @Test
    void aBatchNamingNothingOfTheCallersWritesNothing() throws Exception {
        UUID carols = rows.message(alice).to(carol).store();
        long before = backend.events().count();

        assertThat(inbox.delete(bob, List.of(carols.toString())).join().changed()).isEmpty();
        assertThat(inbox.markRead(bob, List.of(carols.toString())).join().batch().unknown())
                .containsExactly(carols.toString());
        assertThat(backend.events().count()).isEqualTo(before);
    }

    private static List<UUID> synced(Page<SyncPage.Synced> page) {
        return page.items().stream().map(synced -> synced.entry().message().id()).toList();
    }

    private static List<UUID> ids(Page<InboxEntry> page) {
        return page.items().stream().map(entry -> entry.message().id()).toList();
    }

    private static InboxFilter filter(boolean unreadOnly, String sender, String type, Instant since, Instant until) {
        return new InboxFilter(unreadOnly, Optional.ofNullable(sender), Optional.ofNullable(type),
                Optional.ofNullable(since), Optional.ofNullable(until));
    }

    private static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(HeraldException.NotFound.class).hasMessageStartingWith("message not found");
    }
}
