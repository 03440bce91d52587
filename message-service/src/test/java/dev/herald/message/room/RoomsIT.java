package dev.herald.message.room;

import static dev.herald.message.testing.BackendExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.message.directory.UserDirectory;
import dev.herald.message.error.HeraldException;
import dev.herald.message.send.MessageIds;
import dev.herald.message.testing.BackendExtension;
import dev.herald.message.testing.GatewayLinks.Gateway;
import dev.herald.message.testing.StoredRooms;
import dev.herald.message.testing.StoredRows;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.RoomNotice;
import dev.herald.proto.v1.StreamEvent;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rooms themselves against stored rows: created, seen, renamed, deleted and listed, by their members' rules. */
class RoomsIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    private Rooms rooms;
    private StoredRows rows;
    private StoredRooms stored;
    private String alice;
    private String bob;
    private String carol;

    @BeforeEach
    void rooms() {
        UserDirectory directory = new UserDirectory(backend.dsl(), backend.presence(), backend.watermark(),
                BackendExtension.STORED_WAIT, 1000);
        rooms = new Rooms(backend.queries(), new RoomAccess(backend.queries(), backend.consistency()),
                backend.consistency(), backend.publisher(), directory, new RoomNotices(backend.router()), 2,
                new MessageIds(), Clock.systemUTC());
        rows = backend.rows();
        stored = new StoredRooms(backend.dsl());
        alice = unique("alice");
        bob = unique("bob");
        carol = unique("carol");
        for (String user : List.of(alice, bob, carol)) {
            rows.user(user, "name of " + user);
        }
    }

    @Test
    void createPublishesTheRoomAndAnswersItOnceAckedTellingTheMembers() throws Exception {
        Gateway gateway = backend.links().open(bob);

        RoomDetails room = rooms.create(alice, new NewRoom("team", "plans", false, List.of(bob, alice, bob))).join();

        assertThat(room.name()).isEqualTo("team");
        assertThat(room.topic()).isEqualTo("plans");
        assertThat(room.isPublic()).isFalse();
        assertThat(room.creatorId()).isEqualTo(alice);
        assertThat(room.memberCount()).as("alice and bob, once each").isEqualTo(2);
        assertThat(room.ownerIds()).containsExactly(alice);
        assertThat(room.id().version()).isEqualTo(7);
        StreamEvent event = backend.events().last("update");
        assertThat(event.hasRoomCreated()).isTrue();
        assertThat(event.getRoomCreated().getRoomId()).isEqualTo(room.id().toString());
        assertThat(event.getRoomCreated().getName()).isEqualTo("team");
        assertThat(event.getRoomCreated().getCreatorId()).isEqualTo(alice);
        assertThat(event.getRoomCreated().getMemberIdsList()).as("besides the creator").containsExactly(bob);
        Delivery notice = gateway.awaitDeliveries(1).getFirst();
        assertThat(notice.getRecipientIdsList()).containsExactly(bob);
        assertThat(notice.getRoom().getRoomId()).isEqualTo(room.id().toString());
        assertThat(notice.getRoom().getChange()).isEqualTo(RoomNotice.Change.CHANGE_ADDED);
        assertThat(notice.getRoom().getByUserId()).isEqualTo(alice);
    }

    @Test
    void createRefusesWhatCannotBeStoredNamingTheFieldAndPublishesNothing() throws Exception {
        long before = backend.events().count();

        assertInvalid(() -> rooms.create(alice, new NewRoom(" ", "", false, List.of())), "name");
        assertInvalid(() -> rooms.create(alice, new NewRoom("x".repeat(257), "", false, List.of())), "name");
        assertInvalid(() -> rooms.create(alice, new NewRoom("bad\uD800", "", false, List.of())), "name");
        assertInvalid(() -> rooms.create(alice, new NewRoom("ok", "nul\0", false, List.of())), "topic");
        assertInvalid(() -> rooms.create(alice, new NewRoom("ok", "t".repeat(1025), false, List.of())), "topic");
        assertInvalid(() -> rooms.create(alice, new NewRoom("ok", "", false, List.of(bob, carol, "x"))),
                "member_ids");
        assertInvalid(() -> rooms.create(alice, new NewRoom("ok", "", false, List.of(""))), "member_ids");
        assertThatThrownBy(() -> rooms.create(alice, new NewRoom("ok", "", false, List.of(unique("nobody")))))
                .isInstanceOfSatisfying(HeraldException.NotFound.class,
                        e -> assertThat(e.field()).isEqualTo("member_ids"));

        assertThat(backend.events().count()).isEqualTo(before);
        assertThat(rooms.create(alice, new NewRoom("x".repeat(256), "", true, List.of())).join().name())
                .as("256 characters is the most").hasSize(256);
    }

    @Test
    void getShowsAPrivateRoomOnlyToMembersAndAPublicOneToAnyone() {
        UUID secret = stored.room(alice).name("secret").members(bob).store();
        UUID open = stored.room(alice).name("open").publicRoom().store();

        assertThat(rooms.get(bob, secret.toString()).name()).isEqualTo("secret");
        assertThat(rooms.get(bob, secret.toString()).memberCount()).isEqualTo(2);
        assertNotFound(() -> rooms.get(carol, secret.toString()), "room_id");
        assertThat(rooms.get(carol, open.toString()).ownerIds()).containsExactly(alice);
        stored.remove(secret, bob);
        assertNotFound(() -> rooms.get(bob, secret.toString()), "room_id");
        stored.delete(open);
        assertNotFound(() -> rooms.get(alice, open.toString()), "room_id");
        assertInvalid(() -> rooms.get(alice, "not-a-room"), "room_id");
        assertInvalid(() -> rooms.get(alice, ""), "room_id");
    }

    @Test
    void updateIsForOwnersAndTellsTheMembers() throws Exception {
        UUID room = stored.room(alice).name("before").topic("old").members(bob).store();
        UUID open = stored.room(alice).publicRoom().store();
        Gateway gateway = backend.links().open(bob);

        RoomDetails updated = rooms.update(alice, room.toString(), Optional.of("after"), Optional.empty()).join();

        assertThat(updated.name()).isEqualTo("after");
        assertThat(updated.topic()).as("unchanged").isEqualTo("old");
        StreamEvent event = backend.events().last("update");
        assertThat(event.getRoomUpdated().getRoomId()).isEqualTo(room.toString());
        assertThat(event.getRoomUpdated().getName()).isEqualTo("after");
        assertThat(event.getRoomUpdated().hasTopic()).isFalse();
        Delivery notice = gateway.awaitDeliveries(1).getFirst();
        assertThat(notice.getRoom().getChange()).isEqualTo(RoomNotice.Change.CHANGE_UPDATED);
        assertThat(notice.getRoom().getByUserId()).isEqualTo(alice);

        long before = backend.events().count();
        assertThatThrownBy(() -> rooms.update(bob, room.toString(), Optional.of("mine"), Optional.empty()))
                .isInstanceOf(HeraldException.PermissionDenied.class);
        assertNotFound(() -> rooms.update(carol, room.toString(), Optional.of("x"), Optional.empty()), "room_id");
        assertThatThrownBy(() -> rooms.update(carol, open.toString(), Optional.of("x"), Optional.empty()))
                .isInstanceOf(HeraldException.PermissionDenied.class);
        assertInvalid(() -> rooms.update(alice, room.toString(), Optional.of(""), Optional.empty()), "name");
        assertInvalid(() -> rooms.update(alice, room.toString(), Optional.empty(), Optional.empty()), "name");
        assertThat(backend.events().count()).isEqualTo(before);
        assertThat(rooms.update(alice, room.toString(), Optional.empty(), Optional.of("")).join().topic())
                .as("an empty topic clears it").isEmpty();
    }

    @Test
    void deleteIsForOwnersAndTellsTheMembers() throws Exception {
        UUID room = stored.room(alice).members(bob).store();
        Gateway gateway = backend.links().open(bob);
        long before = backend.events().count();

        assertThatThrownBy(() -> rooms.delete(bob, room.toString())).isInstanceOf(HeraldException.PermissionDenied.class);
        assertNotFound(() -> rooms.delete(carol, room.toString()), "room_id");
        assertThat(backend.events().count()).isEqualTo(before);

        rooms.delete(alice, room.toString()).join();

        assertThat(backend.events().last("update").getRoomDeleted().getRoomId()).isEqualTo(room.toString());
        Delivery notice = gateway.awaitDeliveries(1).getFirst();
        assertThat(notice.getRoom().getChange()).isEqualTo(RoomNotice.Change.CHANGE_DELETED);
    }

    @Test
    void publicRoomsArePagedByNameWithALiteralPrefixAndNoPrivateOrDeletedOnes() {
        String prefix = unique("list") + "_";
        UUID b = stored.room(alice).name(prefix + "b").publicRoom().store();
        UUID a = stored.room(alice).name(prefix + "a").publicRoom().store();
        UUID c = stored.room(bob).name(prefix + "c").publicRoom().store();
        stored.room(alice).name(prefix + "private").store();
        UUID gone = stored.room(alice).name(prefix + "gone").publicRoom().store();
        stored.delete(gone);
        stored.room(alice).name(prefix.replace("_", "X") + "wildcard").publicRoom().store();

        var first = rooms.listPublic(prefix, "", 2);
        assertThat(first.items()).extracting(RoomDetails::id).containsExactly(a, b);
        var rest = rooms.listPublic(prefix, first.next().orElseThrow(), 2);
        assertThat(rest.items()).extracting(RoomDetails::id).containsExactly(c);
        assertThat(rest.next()).isEmpty();
        assertInvalid(() -> rooms.listPublic(prefix, "garbage", 2), "after");
        assertInvalid(() -> rooms.listPublic("\0", "", 2), "name_prefix");
    }

    @Test
    void thePublicListingIsARangeOfTheByteOrderNameIndex() {
        backend.dsl().execute("""
                insert into rooms (id, name, public, creator_id, created_at, updated_at, stream_sequence)
                select gen_random_uuid(), 'filler ' || s, s % 2 = 0, 'someone', now(), now(), s
                from generate_series(1, 20000) s""");
        backend.dsl().execute("analyze rooms");
        SelectRoomsByName query = new SelectRoomsByName(true, "filler 123",
                Optional.of(new NameCursor("filler 1", UUID.randomUUID())), 51);

        String plan = String.join("\n", backend.dsl().fetch("explain " + backend.dsl().renderInlined(
                query.query(backend.dsl()))).getValues(0, String.class));

        assertThat(plan).contains("rooms_public_name_idx").doesNotContain("Seq Scan on rooms");
        assertThat(query.apply(backend.dsl())).extracting(r -> r.getName()).allMatch(n -> n.startsWith("filler 123"));
    }

    private static void assertInvalid(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HeraldException.InvalidArgument.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    private static void assertNotFound(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HeraldException.NotFound.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
