package dev.herald.message.inbox;

import static dev.herald.message.testing.BackendExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.message.error.HeraldException;
import dev.herald.message.model.DirectoryUser;
import dev.herald.message.testing.BackendExtension;
import dev.herald.message.testing.StoredRows;
import io.nats.client.ConsumerContext;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sync follows publish order (the stream sequence on each receipt), not message ids, and returns only what the
 * persistence ack floor covers. The floor is a real durable consumer's, moved by acking the stream's events.
 */
class SyncOrderIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    /** The stream starts with this many events; the test's consumer acks them one by one, moving the floor. */
    private static final int EVENTS = 20;

    static ConsumerContext worker;
    static long acked;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
    private Inbox inbox;
    private StoredRows rows;
    private String alice;
    private String bob;

    @BeforeAll
    static void aStreamAndAPersistenceConsumer() throws Exception {
        publish(EVENTS);
        worker = backend.nats().getStreamContext(backend.stream()).createOrUpdateConsumer(
                ConsumerConfiguration.builder().durable(BackendExtension.DURABLE).ackPolicy(AckPolicy.Explicit)
                        .build());
    }

    @BeforeEach
    void inbox() {
        inbox = new Inbox(backend.queries(), backend.consistency(), backend.publisher(), backend.router(),
                backend.firstClaims(), 10, Clock.systemUTC());
        rows = backend.rows();
        alice = unique("alice");
        bob = unique("bob");
    }

    @Test
    void receiptsWithoutASequenceComeFirstByIdThenThePublishOrderWhateverTheIds() throws Exception {
        storedUpTo(EVENTS);
        UUID legacyLater = rows.message(alice).to(bob).at(t0.plusSeconds(1)).store();
        UUID legacyEarlier = rows.message(alice).to(bob).at(t0).store();
        UUID publishedLastWithTheOldestId = rows.message(alice).to(bob).at(t0.minusSeconds(30)).sequence(9).store();
        UUID publishedFirstWithTheNewestId = rows.message(alice).to(bob).at(t0.plusSeconds(30)).sequence(3).store();

        assertThat(all(bob, 1)).containsExactly(legacyEarlier, legacyLater, publishedFirstWithTheNewestId,
                publishedLastWithTheOldestId);
        assertThat(all(bob, 10)).containsExactly(legacyEarlier, legacyLater, publishedFirstWithTheNewestId,
                publishedLastWithTheOldestId);
    }

    @Test
    void onlyWhatTheAckFloorCoversIsReturnedAndTheRestFollowsTheSameCursor() throws Exception {
        long base = publish(8);
        storedUpTo(base + 1);
        UUID stored = rows.message(alice).to(bob).sequence(base).store();
        // Committed by a batch that finished before the one holding base + 2 (several workers): not yet covered.
        UUID committedEarly = rows.message(alice).to(bob).sequence(base + 3).store();

        SyncPage first = inbox.sync(bob, "", 10);
        assertThat(ids(first)).containsExactly(stored);
        assertThat(first.page().hasMore()).isFalse();
        String next = first.page().lastCursor().orElseThrow();

        storedUpTo(base + 2);
        UUID committedLate = rows.message(alice).to(bob).sequence(base + 2).store(); // the gap base + 3 skipped past
        storedUpTo(base + 7);

        SyncPage second = inbox.sync(bob, next, 10);
        assertThat(ids(second)).containsExactly(committedLate, committedEarly);
        assertThat(inbox.sync(bob, second.page().lastCursor().orElseThrow(), 10).page().items()).isEmpty();
    }

    @Test
    void anEmptyPageEchoesWhereItStarted() throws Exception {
        storedUpTo(EVENTS);
        rows.message(alice).to(bob).sequence(2).store();
        String next = inbox.sync(bob, "", 10).page().lastCursor().orElseThrow();

        SyncPage nothingNew = inbox.sync(bob, next, 10);

        assertThat(nothingNew.page().items()).isEmpty();
        assertThat(nothingNew.from().map(SyncCursor::encode)).contains(next);
        assertThat(inbox.sync(unique("nobody"), "", 10).from()).isEmpty();
    }

    @Test
    void aMessageIdAfterResumesAtThatReceiptInPublishOrder() throws Exception {
        storedUpTo(EVENTS);
        UUID a = rows.message(alice).to(bob).at(t0.plusSeconds(10)).sequence(11).store();
        UUID b = rows.message(alice).to(bob).at(t0).sequence(12).store();
        UUID c = rows.message(alice).to(bob).at(t0.plusSeconds(5)).sequence(13).store();
        UUID legacy = rows.message(alice).to(bob).at(t0.plusSeconds(20)).store();
        rows.deleteReceipt(bob, a, t0);

        assertThat(ids(inbox.sync(bob, a.toString(), 10))).as("after a deleted message too").containsExactly(b, c);
        assertThat(ids(inbox.sync(bob, b.toString(), 10))).containsExactly(c);
        assertThat(ids(inbox.sync(bob, legacy.toString(), 10))).containsExactly(b, c);
        SyncPage none = inbox.sync(bob, c.toString(), 10);
        assertThat(none.page().items()).isEmpty();
        assertThat(none.from()).contains(new SyncCursor(13, c));
    }

    @Test
    void aMessageIdTheCallerDidNotReceiveIsNotFoundNamingAfter() throws Exception {
        storedUpTo(EVENTS);
        String carol = unique("carol");
        UUID carols = rows.message(alice).to(carol).sequence(2).store();

        for (String after : List.of(carols.toString(), UUID.randomUUID().toString())) {
            assertThatThrownBy(() -> inbox.sync(bob, after, 10))
                    .isInstanceOfSatisfying(HeraldException.NotFound.class,
                            e -> assertThat(e.field()).isEqualTo("after"))
                    .hasMessageContaining("no received message");
        }
        assertThatThrownBy(() -> inbox.sync(bob, "garbage", 10))
                .isInstanceOfSatisfying(HeraldException.InvalidArgument.class,
                        e -> assertThat(e.field()).isEqualTo("after"));
    }

    private List<UUID> all(String receiver, int limit) {
        List<UUID> seen = new java.util.ArrayList<>();
        String after = "";
        SyncPage page;
        do {
            page = inbox.sync(receiver, after, limit);
            seen.addAll(ids(page));
            after = page.page().lastCursor().orElse(after);
        } while (page.page().hasMore());
        return seen;
    }

    private static List<UUID> ids(SyncPage page) {
        return page.page().items().stream().map(synced -> synced.entry().message().id()).toList();
    }

    /** Publishes {@code count} events (directory writes); returns the sequence of the first. */
    private static long publish(int count) {
        long first = 0;
        for (int i = 0; i < count; i++) {
            long sequence = backend.publisher().publishSeen(new DirectoryUser("filler-" + i, "Filler"), Instant.now())
                    .join().getSeqno();
            first = i == 0 ? sequence : first;
        }
        return first;
    }

    /** Acks the stream's events up to {@code sequence}, as the persistence-worker would once they are committed. */
    private static void storedUpTo(long sequence) throws Exception {
        while (acked < sequence) {
            Message event = worker.next(Duration.ofSeconds(5));
            event.ackSync(Duration.ofSeconds(5));
            acked = event.metaData().streamSequence();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> backend.watermark().stored() >= sequence);
    }
}
