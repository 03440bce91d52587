package dev.herald.message.admin;

import static dev.herald.message.testing.BackendExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.message.batch.BatchResult;
import dev.herald.message.directory.UserDirectory;
import dev.herald.message.error.HeraldException;
import dev.herald.message.model.DirectoryUser;
import dev.herald.message.model.MessageWithReceipts;
import dev.herald.message.page.Page;
import dev.herald.message.testing.BackendExtension;
import dev.herald.message.testing.StoredRows;
import dev.herald.proto.v1.StreamEvent;
import dev.herald.proto.v1.User;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Administration on its own, against stored rows: an admin sees and changes everyone's messages and users. */
class AdminIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
    private UserDirectory directory;
    private Admin admin;
    private StoredRows rows;
    private String alice;
    private String bob;
    private String carol;

    @BeforeEach
    void admin() {
        directory = new UserDirectory(backend.dsl(), backend.presence(), backend.watermark(),
                BackendExtension.STORED_WAIT, 1000);
        admin = new Admin(backend.queries(), backend.consistency(), backend.publisher(), directory, 3,
                Clock.systemUTC());
        rows = backend.rows();
        alice = unique("alice");
        bob = unique("bob");
        carol = unique("carol");
    }

    @Test
    void queryFindsEverySendersMessagesByEachCriterion() {
        UUID fromAlice = rows.message(alice).to(bob).type("note").body("lunch at 12").at(t0).store();
        UUID fromBob = rows.message(bob).to(carol).type("alert").title("50% off").at(t0.plusSeconds(10)).store();
        UUID fromCarol = rows.message(carol).to(alice, bob).type("note").body("50 percent").at(t0.plusSeconds(20))
                .store();

        assertThat(ids(admin.query(criteria(alice, null, null, null, null, null), "", 10))).containsExactly(fromAlice);
        assertThat(ids(admin.query(criteria(null, bob, null, null, null, null), "", 10)))
                .containsExactly(fromCarol, fromAlice);
        assertThat(ids(admin.query(criteria(null, carol, "alert", null, null, null), "", 10)))
                .containsExactly(fromBob);
        // The text is matched literally: '%' is not a wildcard.
        assertThat(ids(admin.query(criteria(null, bob, null, null, null, "50%"), "", 10))).isEmpty();
        assertThat(ids(admin.query(criteria(bob, null, null, null, null, "50%"), "", 10))).containsExactly(fromBob);
        assertThat(ids(admin.query(criteria(carol, null, null, t0.plusSeconds(10), null, "PERCENT"), "", 10)))
                .containsExactly(fromCarol);
        assertThat(ids(admin.query(criteria(bob, null, null, null, t0.plusSeconds(10), null), "", 10))).isEmpty();
        assertThat(admin.count(criteria(null, bob, null, null, null, null))).isEqualTo(2);
    }

    @Test
    void queryPagesNewestFirstWithReceipts() {
        UUID first = rows.message(alice).to(bob).at(t0).store();
        UUID second = rows.message(alice).to(bob, carol).at(t0.plusSeconds(1)).store();
        MessageCriteria fromAlice = criteria(alice, null, null, null, null, null);

        Page<MessageWithReceipts> newest = admin.query(fromAlice, "", 1);
        assertThat(ids(newest)).containsExactly(second);
        assertThat(newest.items().getFirst().receipts()).extracting(r -> r.receiverId()).containsExactly(bob, carol);
        Page<MessageWithReceipts> older = admin.query(fromAlice, newest.next().orElseThrow(), 1);
        assertThat(ids(older)).containsExactly(first);
        assertThat(older.next()).isEmpty();
    }

    @Test
    void aTextFilterChecksABoundedNumberOfMessagesPerQuery() {
        Admin bounded = new Admin(backend.queries(), backend.consistency(), backend.publisher(), directory, 3,
                Clock.systemUTC(), new TextScan(2));
        UUID oldest = rows.message(alice).to(bob).body("invoice 1").at(t0).store();
        UUID older = rows.message(alice).to(bob).title("Invoice 2").at(t0.plusSeconds(1)).store();
        UUID newer = rows.message(alice).to(bob).body("lunch").at(t0.plusSeconds(2)).store();
        rows.message(alice).to(bob).body("lunch").at(t0.plusSeconds(3)).store();
        MessageCriteria invoices = criteria(alice, null, null, null, null, "invoice");

        // The two newest are checked and do not match: an empty page that goes on before the last one checked.
        Page<MessageWithReceipts> first = bounded.query(invoices, "", 10);
        assertThat(first.items()).isEmpty();
        assertThat(first.next()).contains(newer.toString());
        Page<MessageWithReceipts> second = bounded.query(invoices, first.next().orElseThrow(), 10);
        assertThat(ids(second)).containsExactly(older, oldest);
        assertThat(second.next()).isEmpty();
        // A full page ends as usual, at its last match.
        Page<MessageWithReceipts> one = bounded.query(invoices, first.next().orElseThrow(), 1);
        assertThat(ids(one)).containsExactly(older);
        assertThat(bounded.query(invoices, one.next().orElseThrow(), 1).items()).extracting(m -> m.message().id())
                .containsExactly(oldest);

        // A count checks every candidate or refuses, naming what to narrow.
        assertThatThrownBy(() -> bounded.count(invoices)).isInstanceOf(HeraldException.InvalidArgument.class)
                .hasMessageContaining("at most 2 messages").hasMessageContaining("since")
                .extracting(e -> ((HeraldException) e).field()).isEqualTo("filter.text");
        assertThat(bounded.count(criteria(alice, null, null, null, t0.plusSeconds(2), "INVOICE"))).isEqualTo(2);
        assertThat(admin.count(invoices)).isEqualTo(2);
    }

    @Test
    void getShowsAnyMessageWithWhatItsSenderDid() {
        UUID recalled = rows.message(alice).to(bob).store();
        rows.recall(recalled, t0);
        rows.deleteSent(recalled, t0.plusSeconds(1));

        MessageDetails details = admin.get(recalled.toString());

        assertThat(details.message().message().senderId()).isEqualTo(alice);
        assertThat(details.recalledAt()).contains(t0);
        assertThat(details.senderDeletedAt()).contains(t0.plusSeconds(1));
        assertThat(details.message().receipts().getFirst().deletedAt()).contains(t0);
        assertThatThrownBy(() -> admin.get(UUID.randomUUID().toString())).isInstanceOf(HeraldException.NotFound.class);
    }

    @Test
    void deletePurgesAnyonesMessagesAndReportsIdsThatNameNothing() throws Exception {
        UUID alices = rows.message(alice).to(bob).store();
        UUID bobs = rows.message(bob).to(carol).store();
        UUID missing = UUID.randomUUID();

        BatchResult result = admin.delete(List.of(alices.toString(), missing.toString(), bobs.toString())).join();

        assertThat(result.changed()).containsExactly(alices, bobs);
        assertThat(result.unknown()).containsExactly(missing.toString());
        assertThat(backend.events().last("update").getMessagesPurged().getMessageIdsList())
                .containsExactly(alices.toString(), bobs.toString());
    }

    @Test
    void provisionedUsersAreWrittenThroughTheStreamAndKnownAtOnce() throws Exception {
        List<DirectoryUser> users = List.of(new DirectoryUser(alice, "Alice"), new DirectoryUser(bob, "Bob"));

        assertThat(admin.provision(users).join()).isEqualTo(2);

        StreamEvent event = backend.events().last("update");
        assertThat(event.getUsersProvisioned().getUsersList()).containsExactly(
                User.newBuilder().setId(alice).setName("Alice").build(),
                User.newBuilder().setId(bob).setName("Bob").build());
        directory.requireKnown(List.of(alice, bob), "receivers"); // no row yet: known since provisioned
    }

    @Test
    void provisionRefusesEmptyTooManyAndBlankUsersWritingNothing() throws Exception {
        long before = backend.events().count();

        assertInvalid(() -> admin.provision(List.of()));
        assertInvalid(() -> admin.provision(Collections.nCopies(4, new DirectoryUser(alice, "A"))));
        assertInvalid(() -> admin.provision(List.of(new DirectoryUser(" ", "A"))));
        assertInvalid(() -> admin.provision(List.of(new DirectoryUser(alice, ""))));
        assertThat(backend.events().count()).isEqualTo(before);
    }

    @Test
    void usersArePagedInIdOrderAndLookedUpById() {
        String prefix = unique("users");
        rows.user(prefix + "-b", "B");
        rows.user(prefix + "-a", "A");
        rows.user(prefix + "-c", "C");

        Page<DirectoryUser> first = admin.listUsers(prefix, 2);
        assertThat(first.items()).containsExactly(new DirectoryUser(prefix + "-a", "A"),
                new DirectoryUser(prefix + "-b", "B"));
        Page<DirectoryUser> next = admin.listUsers(first.next().orElseThrow(), 1);
        assertThat(next.items()).containsExactly(new DirectoryUser(prefix + "-c", "C"));
        assertThat(admin.getUser(prefix + "-b")).isEqualTo(new DirectoryUser(prefix + "-b", "B"));
        assertThatThrownBy(() -> admin.getUser(prefix + "-z")).isInstanceOf(HeraldException.NotFound.class)
                .hasMessage("user not found: " + prefix + "-z");
    }

    @Test
    void eraseIsPublishedForAKnownUserOnly() throws Exception {
        rows.user(alice, "Alice");
        directory.remember(alice);

        Instant erasedAt = admin.erase(alice).join();

        StreamEvent published = backend.events().last("update");
        assertThat(published.getUserErased().getUserId()).isEqualTo(alice);
        assertThat(published.getUserErased().getErasedAt().getSeconds()).isEqualTo(erasedAt.getEpochSecond());
        assertThatThrownBy(() -> admin.erase(bob)).isInstanceOf(HeraldException.NotFound.class)
                .hasMessage("user not found: " + bob);
        assertThatThrownBy(() -> admin.erase(" ")).isInstanceOf(HeraldException.InvalidArgument.class)
                .extracting(e -> ((HeraldException) e).field()).isEqualTo("user_id");
        assertThatThrownBy(() -> admin.erase("x".repeat(256))).isInstanceOf(HeraldException.InvalidArgument.class)
                .extracting(e -> ((HeraldException) e).field()).isEqualTo("user_id");
    }

    private static List<UUID> ids(Page<MessageWithReceipts> page) {
        return page.items().stream().map(sent -> sent.message().id()).toList();
    }

    private static MessageCriteria criteria(String sender, String receiver, String type, Instant since, Instant until,
            String text) {
        return new MessageCriteria(Optional.ofNullable(sender), Optional.ofNullable(receiver),
                Optional.ofNullable(type), Optional.ofNullable(since), Optional.ofNullable(until),
                Optional.ofNullable(text));
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(HeraldException.InvalidArgument.class)
                .extracting(e -> ((HeraldException) e).field()).isEqualTo("users");
    }
}
