package dev.herald.message.inbox;

import static dev.herald.message.testing.BackendExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.message.batch.BatchResult;
import dev.herald.message.error.HeraldException;
import dev.herald.message.model.DirectoryUser;
import dev.herald.message.testing.BackendExtension;
import dev.herald.message.testing.StoredRoomMessages;
import dev.herald.message.testing.StoredRows;
import dev.herald.proto.v1.StreamEvent;
import io.nats.client.ConsumerContext;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sync, unread counts and receiver operations over the three kinds of messages: received direct messages, room
 * messages within the user's membership windows and announcements after the user first appeared, in one publish
 * order. Announcements are everyone's, so only one test stores some (at sequences its users see); the users of the
 * others are not stored and see none.
 */
class MergedSyncIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    /** The stream starts with this many events, all acked by the test's consumer: the floor covers 1 to 60. */
    private static final int EVENTS = 60;

    private Inbox inbox;
    private StoredRows rows;
    private StoredRoomMessages shared;
    private String alice;
    private String bob;

    @BeforeAll
    static void aStreamStoredUpToItsEnd() throws Exception {
        for (int i = 0; i < EVENTS; i++) {
            backend.publisher().publishSeen(new DirectoryUser("filler-" + i, "Filler"), Instant.now()).join();
        }
        ConsumerContext worker = backend.nats().getStreamContext(backend.stream()).createOrUpdateConsumer(
                ConsumerConfiguration.builder().durable(BackendExtension.DURABLE).ackPolicy(AckPolicy.Explicit)
                        .build());
        for (int i = 0; i < EVENTS; i++) {
            Message event = worker.next(Duration.ofSeconds(5));
            event.ackSync(Duration.ofSeconds(5));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> backend.watermark().stored() >= EVENTS);
    }

    @BeforeEach
    void inbox() {
        inbox = new Inbox(backend.queries(), backend.consistency(), backend.publisher(), backend.router(),
                backend.firstClaims(), 10, Clock.systemUTC());
        rows = backend.rows();
        shared = new StoredRoomMessages(backend.dsl());
        alice = unique("alice");
        bob = unique("bob");
    }

    @Test
    void directRoomAndAnnouncementMessagesComeInOnePublishOrderAcrossPagesWithoutGapsOrDuplicates()
            throws Exception {
        String admin = unique("admin");
        shared.user(alice, 5L);
        UUID room = shared.room(bob, false);
        shared.member(room, 3, alice, bob);
        shared.left(room, alice, 30);
        shared.readUpTo(room, alice, 7);

        shared.roomMessage(room, bob, 2); // before alice joined
        shared.announcement(admin, 4); // before alice first appeared
        UUID direct6 = rows.message(bob).to(alice).sequence(6).store();
        UUID room7 = shared.roomMessage(room, bob, 7);
        UUID announcement8 = shared.announcement(admin, 8);
        shared.roomMessage(room, alice, 9); // her own
        UUID direct10 = rows.message(bob).to(alice).sequence(10).store();
        UUID recalled11 = shared.roomMessage(room, bob, 11);
        rows.recall(recalled11, Instant.now());
        UUID deleted12 = shared.announcement(admin, 12);
        shared.mark(alice, deleted12, null, Instant.now());
        UUID room13 = shared.roomMessage(room, bob, 13);
        UUID announcement14 = shared.announcement(admin, 14);
        shared.mark(alice, announcement14, Instant.now(), null);
        shared.roomMessage(room, bob, 31); // after alice left
        UUID room40Unseen = shared.roomMessage(shared.room(bob, true), bob, 40); // another room, not hers
        UUID notYetStored = shared.announcement(admin, EVENTS + 5); // beyond the ack floor

        List<UUID> expected = List.of(direct6, room7, announcement8, direct10, room13, announcement14);
        for (int limit : new int[] {1, 2, 4, 10}) {
            assertThat(all(alice, limit)).as("pages of %s", limit).containsExactlyElementsOf(expected);
        }
        SyncPage page = inbox.sync(alice, "", 10);
        assertThat(page.page().items()).extracting(s -> s.entry().message().roomId())
                .containsExactly(java.util.Optional.empty(), java.util.Optional.of(room),
                        java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.of(room),
                        java.util.Optional.empty());
        assertThat(page.page().items()).extracting(s -> s.entry().message().announcement())
                .containsExactly(false, false, true, false, false, true);
        assertThat(page.page().items()).extracting(s -> s.entry().readAt().isPresent())
                .as("room read up to 7, announcement 14 marked read")
                .containsExactly(false, true, false, false, false, true);
        assertThat(ids(inbox.sync(alice, room7.toString(), 10))).as("after a room message's id")
                .containsExactly(announcement8, direct10, room13, announcement14);
        assertThat(ids(inbox.sync(alice, announcement8.toString(), 10)))
                .containsExactly(direct10, room13, announcement14);
        assertThat(ids(inbox.sync(alice, recalled11.toString(), 10))).as("after a message recalled since")
                .containsExactly(room13, announcement14);
        assertThatThrownBy(() -> inbox.sync(alice, room40Unseen.toString(), 10))
                .isInstanceOf(HeraldException.NotFound.class);

        // direct 6 and 10, room 13 (her membership ended: her former room counts no more), announcements 8 and
        // the one not yet stored in sync's sense (counts read every stored row).
        assertThat(inbox.countUnread(alice)).isEqualTo(2 + 0 + 2);
        assertThat(inbox.get(alice, room13.toString()).message().roomId()).contains(room);
        assertThat(inbox.get(alice, announcement8.toString()).message().announcement()).isTrue();
        assertThat(inbox.get(alice, notYetStored.toString()).readAt()).isEmpty();
        assertThatThrownBy(() -> inbox.get(alice, recalled11.toString())).isInstanceOf(HeraldException.NotFound.class);
        assertThatThrownBy(() -> inbox.get(alice, room40Unseen.toString()))
                .isInstanceOf(HeraldException.NotFound.class);

        ReadResult read = inbox.markRead(alice, List.of(announcement8.toString(), room13.toString())).join();
        assertThat(read.batch().changed()).containsExactly(announcement8);
        assertThat(read.batch().unknown()).as("rooms are read by position").containsExactly(room13.toString());
        StreamEvent event = backend.events().last("update");
        assertThat(event.getReceiptsRead().getReceiverId()).isEqualTo(alice);
        assertThat(event.getReceiptsRead().getMessageIdsList()).containsExactly(announcement8.toString());
    }

    @Test
    void aMemberSeesTheRoomFromJoiningUntilLeavingAndAnotherRoomNotAtAll() throws Exception {
        UUID room = shared.room(bob, false);
        shared.member(room, 20, alice, bob);
        UUID before = shared.roomMessage(room, bob, 19);
        UUID during = shared.roomMessage(room, bob, 21);
        shared.left(room, alice, 22);
        UUID after = shared.roomMessage(room, bob, 23);
        UUID elsewhere = shared.roomMessage(shared.room(bob, true), bob, 24);

        assertThat(all(alice, 10)).containsExactly(during);
        assertThat(inbox.get(alice, during.toString()).message().id()).isEqualTo(during);
        for (UUID hidden : List.of(before, after, elsewhere)) {
            assertThatThrownBy(() -> inbox.get(alice, hidden.toString()))
                    .isInstanceOfSatisfying(HeraldException.NotFound.class, e -> assertThat(e.field()).isEqualTo("id"));
        }
    }

    @Test
    void eachRoomCountsAtMost999UnreadAfterTheReadPosition() throws Exception {
        UUID busy = shared.room(bob, true);
        UUID quiet = shared.room(bob, false);
        shared.member(busy, 1, alice, bob);
        shared.member(quiet, 1, alice, bob);
        shared.roomMessages(busy, bob, 100, 1_005);
        shared.roomMessage(quiet, bob, 2);
        shared.roomMessage(quiet, bob, 3);
        UUID deleted = shared.roomMessage(quiet, bob, 4);
        shared.mark(alice, deleted, null, Instant.now());
        shared.roomMessage(quiet, alice, 5); // her own
        shared.roomMessage(quiet, bob, 6);
        shared.readUpTo(quiet, alice, 2);
        rows.message(bob).to(alice).sequence(7).store();

        assertThat(inbox.countUnread(alice)).as("999 + 2 in the rooms, 1 direct").isEqualTo(999 + 2 + 1);
        long last = 100 + 1_005 - 1;
        shared.readUpTo(busy, alice, last - 10);
        assertThat(inbox.countUnread(alice)).isEqualTo(10 + 2 + 1);
    }

    @Test
    void roomMessagesAreDeletedForTheCallerAndReadOnlyByPosition() throws Exception {
        UUID room = shared.room(bob, false);
        shared.member(room, 1, alice, bob);
        UUID message = shared.roomMessage(room, bob, 2);
        UUID notHers = shared.roomMessage(shared.room(bob, false), bob, 3);

        ReadResult read = inbox.markRead(alice, List.of(message.toString())).join();
        assertThat(read.batch().changed()).isEmpty();
        assertThat(read.batch().unknown()).containsExactly(message.toString());

        BatchResult deleted = inbox.delete(alice, List.of(message.toString(), notHers.toString())).join();
        assertThat(deleted.changed()).containsExactly(message);
        assertThat(deleted.unknown()).containsExactly(notHers.toString());
        StreamEvent event = backend.events().last("update");
        assertThat(event.getReceiptsDeleted().getReceiverId()).isEqualTo(alice);
        assertThat(event.getReceiptsDeleted().getMessageIdsList()).containsExactly(message.toString());
    }

    private List<UUID> all(String receiver, int limit) {
        List<UUID> seen = new ArrayList<>();
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
}
