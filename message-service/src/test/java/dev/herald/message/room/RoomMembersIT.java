package dev.herald.message.room;

import static dev.herald.message.testing.BackendExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.message.directory.UserDirectory;
import dev.herald.message.error.HeraldException;
import dev.herald.message.page.Page;
import dev.herald.message.testing.BackendExtension;
import dev.herald.message.testing.GatewayLinks.Gateway;
import dev.herald.message.testing.StoredRooms;
import dev.herald.message.testing.StoredRows;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.RoomNotice;
import dev.herald.proto.v1.StreamEvent;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who is in a room, against stored memberships: joining, leaving, owners adding and removing, the list. */
class RoomMembersIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    private RoomMembers members;
    private StoredRooms stored;
    private String alice;
    private String bob;
    private String carol;
    private String dave;

    @BeforeEach
    void members() {
        UserDirectory directory = new UserDirectory(backend.dsl(), backend.presence(), backend.watermark(),
                BackendExtension.STORED_WAIT, 1000);
        members = new RoomMembers(backend.queries(), new RoomAccess(backend.queries(), backend.consistency()),
                backend.publisher(), directory, backend.presence(), new RoomNotices(backend.router()), 3,
                Clock.systemUTC());
        stored = new StoredRooms(backend.dsl());
        StoredRows rows = backend.rows();
        alice = unique("alice");
        bob = unique("bob");
        carol = unique("carol");
        dave = unique("dave");
        for (String user : List.of(alice, bob, carol, dave)) {
            rows.user(user, "name of " + user);
        }
    }

    @Test
    void anyoneJoinsAPublicRoomButAPrivateOneDoesNotExistForOutsiders() throws Exception {
        UUID open = stored.room(alice).publicRoom().store();
        UUID secret = stored.room(alice).store();
        Gateway gateway = backend.links().open(bob);

        RoomDetails joined = members.join(bob, open.toString()).join();

        assertThat(joined.memberCount()).isEqualTo(2);
        StreamEvent event = backend.events().last("update");
        assertThat(event.getRoomMembersAdded().getRoomId()).isEqualTo(open.toString());
        assertThat(event.getRoomMembersAdded().getUserIdsList()).containsExactly(bob);
        assertThat(event.getRoomMembersAdded().getOwners()).isFalse();
        assertThat(gateway.awaitDeliveries(1).getFirst().getRoom().getChange())
                .isEqualTo(RoomNotice.Change.CHANGE_ADDED);

        long before = backend.events().count();
        assertThatThrownBy(() -> members.join(bob, secret.toString()))
                .isInstanceOfSatisfying(HeraldException.NotFound.class,
                        e -> assertThat(e.field()).isEqualTo("room_id"));
        assertThat(members.join(alice, open.toString()).join().memberCount())
                .as("a member joining again changes nothing").isEqualTo(1);
        assertThat(backend.events().count()).isEqualTo(before);
    }

    @Test
    void aMemberLeavesAndAnOutsiderCannot() throws Exception {
        UUID open = stored.room(alice).publicRoom().members(bob).store();
        UUID secret = stored.room(alice).store();

        members.leave(bob, open.toString()).join();

        StreamEvent event = backend.events().last("update");
        assertThat(event.getRoomMembersRemoved().getRoomId()).isEqualTo(open.toString());
        assertThat(event.getRoomMembersRemoved().getUserIdsList()).containsExactly(bob);
        long before = backend.events().count();
        assertThatThrownBy(() -> members.leave(carol, open.toString()))
                .isInstanceOf(HeraldException.PermissionDenied.class);
        assertThatThrownBy(() -> members.leave(carol, secret.toString()))
                .isInstanceOf(HeraldException.NotFound.class);
        assertThat(backend.events().count()).isEqualTo(before);
    }

    @Test
    void ownersAddMembersAndOwnersAnsweringWhatChanged() throws Exception {
        UUID room = stored.room(alice).members(bob).store();
        Gateway gateway = backend.links().open(carol);

        MemberChanges added = members.add(alice, room.toString(), List.of(carol, bob), false).join();

        assertThat(added.changed()).containsExactly(carol);
        assertThat(added.unchanged()).containsExactly(bob);
        StreamEvent event = backend.events().last("update");
        assertThat(event.getRoomMembersAdded().getUserIdsList()).containsExactly(carol);
        Delivery notice = gateway.awaitDeliveries(1).getFirst();
        assertThat(notice.getRecipientIdsList()).containsExactly(carol);
        assertThat(notice.getRoom().getChange()).isEqualTo(RoomNotice.Change.CHANGE_ADDED);
        assertThat(notice.getRoom().getByUserId()).isEqualTo(alice);

        stored.add(room, carol, false);
        MemberChanges owners = members.add(alice, room.toString(), List.of(alice, bob, dave), true).join();
        assertThat(owners.changed()).as("a member made owner, a newcomer added as owner").containsExactly(bob, dave);
        assertThat(owners.unchanged()).containsExactly(alice);
        assertThat(backend.events().last("update").getRoomMembersAdded().getOwners()).isTrue();

        long before = backend.events().count();
        assertThat(members.add(alice, room.toString(), List.of(bob), false).join().changed()).isEmpty();
        assertThatThrownBy(() -> members.add(carol, room.toString(), List.of(dave), false))
                .as("carol is a member, not an owner").isInstanceOf(HeraldException.PermissionDenied.class);
        assertThatThrownBy(() -> members.add(alice, room.toString(), List.of(unique("nobody")), false))
                .isInstanceOfSatisfying(HeraldException.NotFound.class,
                        e -> assertThat(e.field()).isEqualTo("user_ids"));
        assertThatThrownBy(() -> members.add(alice, room.toString(), List.of(), false))
                .isInstanceOfSatisfying(HeraldException.InvalidArgument.class,
                        e -> assertThat(e.field()).isEqualTo("user_ids"));
        assertThatThrownBy(() -> members.add(alice, room.toString(), List.of("a", "b", "c", "d"), false))
                .as("more than the maximum per call").isInstanceOf(HeraldException.InvalidArgument.class);
        assertThat(backend.events().count()).isEqualTo(before);
    }

    @Test
    void ownersRemoveCurrentMembers() throws Exception {
        UUID room = stored.room(alice).members(bob, carol).store();
        Gateway gateway = backend.links().open(bob);

        MemberChanges removed = members.remove(alice, room.toString(), List.of(bob, dave)).join();

        assertThat(removed.changed()).containsExactly(bob);
        assertThat(removed.unchanged()).containsExactly(dave);
        assertThat(backend.events().last("update").getRoomMembersRemoved().getUserIdsList()).containsExactly(bob);
        assertThat(gateway.awaitDeliveries(1).getFirst().getRoom().getChange())
                .isEqualTo(RoomNotice.Change.CHANGE_REMOVED);
        assertThatThrownBy(() -> members.remove(carol, room.toString(), List.of(alice)))
                .isInstanceOf(HeraldException.PermissionDenied.class);
        stored.remove(room, bob);
        assertThatThrownBy(() -> members.remove(bob, room.toString(), List.of(carol)))
                .as("removed: the private room is gone for bob").isInstanceOf(HeraldException.NotFound.class);
    }

    @Test
    void membersArePagedByIdWithTheirOnlineState() {
        UUID room = stored.room(alice).members(bob, carol).store();
        backend.links().open(carol);
        List<String> byId = List.of(alice, bob, carol).stream().sorted().toList();

        Page<MemberEntry> first = members.list(bob, room.toString(), "", 2);
        Page<MemberEntry> rest = members.list(bob, room.toString(), first.next().orElseThrow(), 2);

        assertThat(first.items()).extracting(MemberEntry::userId).containsExactlyElementsOf(byId.subList(0, 2));
        assertThat(rest.items()).extracting(MemberEntry::userId).containsExactly(byId.get(2));
        assertThat(rest.next()).isEmpty();
        List<MemberEntry> all = List.of(first.items(), rest.items()).stream().flatMap(List::stream).toList();
        assertThat(all).filteredOn(MemberEntry::online).extracting(MemberEntry::userId).containsExactly(carol);
        assertThat(all).filteredOn(MemberEntry::owner).extracting(MemberEntry::userId).containsExactly(alice);
        assertThat(all).extracting(MemberEntry::name).contains("name of " + bob);
        assertThatThrownBy(() -> members.list(dave, room.toString(), "", 2))
                .isInstanceOf(HeraldException.NotFound.class);
    }
}
