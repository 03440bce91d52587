package dev.herald.message.api;

import dev.herald.message.model.DirectMessage;
import dev.herald.message.page.Page;
import dev.herald.message.room.MemberChanges;
import dev.herald.message.room.MemberEntry;
import dev.herald.message.room.MyRoom;
import dev.herald.message.room.NewRoom;
import dev.herald.message.room.RoomDetails;
import dev.herald.message.room.RoomInspection;
import dev.herald.message.room.RoomMessages;
import dev.herald.message.room.UnreadCount;
import dev.herald.message.wire.MessageProtos;
import dev.herald.message.wire.Timestamps;
import dev.herald.proto.v1.AddMembersResponse;
import dev.herald.proto.v1.CreateRoomRequest;
import dev.herald.proto.v1.InspectRoomResponse;
import dev.herald.proto.v1.ListMembersResponse;
import dev.herald.proto.v1.ListMyRoomsResponse;
import dev.herald.proto.v1.ListRoomMessagesResponse;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.ReadRoomResponse;
import dev.herald.proto.v1.ReceivedMessage;
import dev.herald.proto.v1.RemoveMembersResponse;
import dev.herald.proto.v1.Room;
import dev.herald.proto.v1.RoomMember;
import dev.herald.proto.v1.User;
import java.util.UUID;

/** {@code herald.v1.RoomService} (and the admin room calls') messages to and from the rooms' model. */
final class RoomMapper {

    private RoomMapper() {}

    static NewRoom newRoom(CreateRoomRequest request) {
        return new NewRoom(request.getName(), request.getTopic(), request.getPublic(), request.getMemberIdsList());
    }

    static Room room(RoomDetails room) {
        return Room.newBuilder()
                .setId(room.id().toString())
                .setName(room.name())
                .setTopic(room.topic())
                .setPublic(room.isPublic())
                .setCreatorId(room.creatorId())
                .setCreatedAt(Timestamps.of(room.createdAt()))
                .setMemberCount(room.memberCount())
                .addAllOwnerIds(room.ownerIds())
                .build();
    }

    static dev.herald.proto.v1.MyRoom myRoom(MyRoom mine) {
        var proto = dev.herald.proto.v1.MyRoom.newBuilder()
                .setRoom(room(mine.room()))
                .setUnread(mine.unread().count())
                .setUnreadCapped(mine.unread().capped())
                .setReadUpTo(mine.readUpTo().map(UUID::toString).orElse(""))
                .setOwner(mine.owner());
        mine.lastMessage().ifPresent(last -> proto.setLastMessage(message(last, mine.room().id())));
        return proto.build();
    }

    static ListMyRoomsResponse myRooms(Page<dev.herald.proto.v1.MyRoom> page) {
        return ListMyRoomsResponse.newBuilder().addAllRooms(page.items()).setNextBefore(page.next().orElse(""))
                .build();
    }

    static RoomMember member(MemberEntry member) {
        return RoomMember.newBuilder()
                .setUser(User.newBuilder().setId(member.userId()).setName(member.name()))
                .setOwner(member.owner())
                .setJoinedAt(Timestamps.of(member.joinedAt()))
                .setOnline(member.online())
                .build();
    }

    static ListMembersResponse members(Page<RoomMember> page) {
        return ListMembersResponse.newBuilder().addAllMembers(page.items()).setNextAfter(page.next().orElse(""))
                .build();
    }

    static AddMembersResponse added(MemberChanges changes) {
        return AddMembersResponse.newBuilder()
                .addAllChanged(changes.changed()).addAllUnchanged(changes.unchanged()).build();
    }

    static RemoveMembersResponse removed(MemberChanges changes) {
        return RemoveMembersResponse.newBuilder()
                .addAllChanged(changes.changed()).addAllUnchanged(changes.unchanged()).build();
    }

    static ReadRoomResponse read(UnreadCount unread) {
        return ReadRoomResponse.newBuilder().setUnread(unread.count()).setUnreadCapped(unread.capped()).build();
    }

    /** Each message with its room and the room's member count as its receiver count; read_at unset. */
    static Page<ReceivedMessage> received(RoomMessages messages) {
        return messages.page().map(message -> ReceivedMessage.newBuilder()
                .setMessage(message(message, messages.room().id()))
                .setReceiverCount(messages.room().memberCount())
                .build());
    }

    static ListRoomMessagesResponse messages(Page<ReceivedMessage> page) {
        return ListRoomMessagesResponse.newBuilder().addAllMessages(page.items())
                .setNextBefore(page.next().orElse("")).build();
    }

    /** The cursor that continues after a room message of a page. */
    static String cursor(ReceivedMessage received) {
        return received.getMessage().getId();
    }

    static InspectRoomResponse inspection(RoomInspection inspection) {
        return InspectRoomResponse.newBuilder()
                .setRoom(room(inspection.room()))
                .addAllMembers(inspection.members().stream().map(RoomMapper::member).toList())
                .setMessageCount(inspection.messageCount())
                .build();
    }

    private static Message message(DirectMessage message, UUID roomId) {
        return MessageProtos.replied(message).toBuilder().setRoomId(roomId.toString()).build();
    }
}
