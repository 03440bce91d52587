package dev.herald.message.room;

import static dev.herald.message.testing.BackendExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.message.error.HeraldException;
import dev.herald.message.model.DirectMessage;
import dev.herald.message.page.Page;
import dev.herald.message.testing.BackendExtension;
import dev.herald.message.testing.StoredRooms;
import dev.herald.proto.v1.StreamEvent;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A member's view of its rooms against stored rows: what it sees (its membership window, without recalled
 * messages and its own deletes), its read position, and unread counts that stay cheap in a long history.
 */
class RoomHistoryIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    private RoomHistory history;
    private StoredRooms stored;
    private String alice;
    private String bob;
    private String carol;

    @BeforeEach
    void history() {
        history = new RoomHistory(backend.queries(), new RoomAccess(backend.queries(), backend.consistency()),
                backend.consistency(), backend.publisher(), Clock.systemUTC());
        stored = new StoredRooms(backend.dsl());
        alice = unique("alice");
        bob = unique("bob");
        carol = unique("carol");
    }

    @Test
    void aMemberSeesTheMessagesOfItsMembershipWindowNewestFirst() {
        UUID room = stored.room(alice).store();
        UUID beforeBob = stored.message(room, alice, "before bob joined");
        stored.add(room, bob, false);
        UUID first = stored.message(room, alice, "first");
        UUID recalled = stored.message(room, alice);
        stored.recall(recalled);
        UUID deletedByBob = stored.message(room, carol);
        stored.deleteForMe(bob, deletedByBob);
        UUID second = stored.message(room, bob, "second");
        UUID third = stored.message(room, alice, "third");

        RoomMessages page = history.messages(bob, room.toString(), "", 2);
        assertThat(ids(page.page())).containsExactly(third, second);
        assertThat(page.room().id()).isEqualTo(room);
        RoomMessages rest = history.messages(bob, room.toString(), page.page().next().orElseThrow(), 2);
        assertThat(ids(rest.page())).containsExactly(first);
        assertThat(rest.page().next()).isEmpty();
        assertThat(rest.page().items().getFirst().body()).isEqualTo("first");
        assertThat(ids(history.messages(alice, room.toString(), "", 10).page()))
                .containsExactly(third, second, deletedByBob, first, beforeBob);

        stored.remove(room, bob);
        UUID afterBobLeft = stored.message(room, alice, "after bob left");
        assertThat(ids(history.messages(bob, room.toString(), "", 10).page()))
                .as("what bob received stays his; nothing later").containsExactly(third, second, first);
        assertThat(ids(history.messages(alice, room.toString(), "", 1).page())).containsExactly(afterBobLeft);
        assertThatThrownBy(() -> history.messages(carol, room.toString(), "", 10))
                .isInstanceOf(HeraldException.NotFound.class);
    }

    @Test
    void myRoomsComeLatestActivityFirstWithUnreadCountsAndTheLastMessage() {
        UUID quiet = stored.room(alice).name("quiet").members(bob).store();
        UUID busy = stored.room(carol).name("busy").members(bob).store();
        UUID left = stored.room(carol).name("left").members(bob).store();
        stored.remove(left, bob);
        UUID read = stored.message(busy, carol);
        stored.message(busy, bob); // bob's own: never unread for him
        UUID deleted = stored.message(busy, carol);
        stored.deleteForMe(bob, deleted);
        UUID last = stored.message(busy, alice, "newest");
        stored.read(busy, bob, read);

        Page<MyRoom> first = history.listMine(bob, "", 1);
        Page<MyRoom> rest = history.listMine(bob, first.next().orElseThrow(), 1);

        MyRoom busyRoom = first.items().getFirst();
        assertThat(busyRoom.room().id()).isEqualTo(busy);
        assertThat(busyRoom.unread()).isEqualTo(new UnreadCount(1, false));
        assertThat(busyRoom.lastMessage()).map(DirectMessage::id).contains(last);
        assertThat(busyRoom.readUpTo()).contains(read);
        assertThat(busyRoom.owner()).isFalse();
        assertThat(rest.items()).extracting(r -> r.room().id()).containsExactly(quiet);
        assertThat(rest.next()).as("the room bob left is not his any more").isEmpty();
        MyRoom quietRoom = rest.items().getFirst();
        assertThat(quietRoom.unread()).isEqualTo(new UnreadCount(0, false));
        assertThat(quietRoom.lastMessage()).isEmpty();
        assertThat(quietRoom.readUpTo()).isEmpty();
        assertThat(history.listMine(alice, "", 10).items()).extracting(r -> r.room().id()).containsExactly(quiet);
        assertThatThrownBy(() -> history.listMine(bob, "nonsense", 1))
                .isInstanceOfSatisfying(HeraldException.InvalidArgument.class,
                        e -> assertThat(e.field()).isEqualTo("before"));
    }

    @Test
    void readPublishesTheReadPositionAndAnswersTheUnreadLeft() throws Exception {
        UUID room = stored.room(alice).members(bob).store();
        UUID other = stored.room(alice).members(bob).store();
        UUID first = stored.message(room, alice);
        stored.message(room, alice);
        stored.message(room, alice);
        UUID elsewhere = stored.message(other, alice);

        UnreadCount left = history.read(bob, room.toString(), first.toString()).join();

        assertThat(left).isEqualTo(new UnreadCount(2, false));
        StreamEvent event = backend.events().last("update");
        assertThat(event.getRoomRead().getRoomId()).isEqualTo(room.toString());
        assertThat(event.getRoomRead().getUserId()).isEqualTo(bob);
        assertThat(event.getRoomRead().getMessageId()).isEqualTo(first.toString());

        long before = backend.events().count();
        assertThatThrownBy(() -> history.read(bob, room.toString(), elsewhere.toString()))
                .isInstanceOfSatisfying(HeraldException.NotFound.class,
                        e -> assertThat(e.field()).isEqualTo("message_id"));
        assertThatThrownBy(() -> history.read(carol, room.toString(), first.toString()))
                .isInstanceOfSatisfying(HeraldException.NotFound.class,
                        e -> assertThat(e.field()).isEqualTo("room_id"));
        assertThatThrownBy(() -> history.read(bob, room.toString(), "x"))
                .isInstanceOfSatisfying(HeraldException.InvalidArgument.class,
                        e -> assertThat(e.field()).isEqualTo("message_id"));
        assertThat(backend.events().count()).isEqualTo(before);
    }

    @Test
    void unreadIsCappedAt999AndCountedByARangeScanOfTheRoomsIndex() {
        UUID room = stored.room(alice).members(bob).store();
        stored.messages(room, alice, 1_200);
        // Other rooms' history, so that the planner's choice is the one a real database makes.
        backend.dsl().execute("""
                insert into messages (id, sender_id, sender_name, title, body, type, created_at, stream_sequence,
                                      room_id)
                select gen_random_uuid(), 'someone', 'someone', '', 'elsewhere', 'text', now(), s, gen_random_uuid()
                from generate_series(1, 30000) s""");
        backend.dsl().execute("analyze messages");

        MyRoom mine = history.listMine(bob, "", 10).items().getFirst();
        assertThat(mine.unread()).isEqualTo(new UnreadCount(999, true));
        Membership bobs = new SelectMemberships(room, List.of(bob)).apply(backend.dsl()).get(bob);
        String plan = String.join("\n", backend.dsl().fetch("explain " + backend.dsl()
                .renderInlined(new CountRoomUnread(bobs, 0).query(backend.dsl()))).getValues(0, String.class));
        assertThat(plan).contains("messages_room_idx").doesNotContain("Seq Scan on messages");
    }

    private static List<UUID> ids(Page<DirectMessage> page) {
        return page.items().stream().map(DirectMessage::id).toList();
    }
}
