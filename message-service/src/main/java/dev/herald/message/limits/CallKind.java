package dev.herald.message.limits;

import static java.util.Map.entry;

import dev.herald.proto.v1.AdminServiceGrpc;
import dev.herald.proto.v1.InboxServiceGrpc;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.OutboxServiceGrpc;
import dev.herald.proto.v1.RoomServiceGrpc;
import io.grpc.MethodDescriptor;
import java.util.Map;
import java.util.Optional;

/**
 * Which bucket a call takes from. A call that writes (publishes to the stream: a message, a directory update, a
 * read mark, a delete, a recall, an admin delete, provisioning or dead-letter retry) is a {@link #SEND}; a call that only queries is
 * a {@link #READ}. {@code GetReceived} is a read even with {@code markRead}. Every method of a limited service must
 * be listed here: {@link CallerLimitInterceptor#guard} refuses to start a service with one that is not.
 */
public enum CallKind {
    SEND,
    READ;

    private static final Map<String, CallKind> BY_METHOD = Map.ofEntries(
            entry(MessageServiceGrpc.getOnlineMethod().getFullMethodName(), SEND),
            entry(MessageServiceGrpc.getSendMethod().getFullMethodName(), SEND),
            entry(MessageServiceGrpc.getGetPresenceMethod().getFullMethodName(), READ),
            // Typing writes nothing (never stored): it must not use up the caller's sends.
            entry(MessageServiceGrpc.getTypingMethod().getFullMethodName(), READ),
            entry(RoomServiceGrpc.getCreateRoomMethod().getFullMethodName(), SEND),
            entry(RoomServiceGrpc.getGetRoomMethod().getFullMethodName(), READ),
            entry(RoomServiceGrpc.getUpdateRoomMethod().getFullMethodName(), SEND),
            entry(RoomServiceGrpc.getListMyRoomsMethod().getFullMethodName(), READ),
            entry(RoomServiceGrpc.getListPublicRoomsMethod().getFullMethodName(), READ),
            entry(RoomServiceGrpc.getJoinRoomMethod().getFullMethodName(), SEND),
            entry(RoomServiceGrpc.getLeaveRoomMethod().getFullMethodName(), SEND),
            entry(RoomServiceGrpc.getAddMembersMethod().getFullMethodName(), SEND),
            entry(RoomServiceGrpc.getRemoveMembersMethod().getFullMethodName(), SEND),
            entry(RoomServiceGrpc.getListMembersMethod().getFullMethodName(), READ),
            entry(RoomServiceGrpc.getDeleteRoomMethod().getFullMethodName(), SEND),
            entry(RoomServiceGrpc.getReadRoomMethod().getFullMethodName(), SEND),
            entry(RoomServiceGrpc.getListRoomMessagesMethod().getFullMethodName(), READ),
            entry(InboxServiceGrpc.getSyncMethod().getFullMethodName(), READ),
            entry(InboxServiceGrpc.getListReceivedMethod().getFullMethodName(), READ),
            entry(InboxServiceGrpc.getCountUnreadMethod().getFullMethodName(), READ),
            entry(InboxServiceGrpc.getGetReceivedMethod().getFullMethodName(), READ),
            entry(InboxServiceGrpc.getMarkReadMethod().getFullMethodName(), SEND),
            entry(InboxServiceGrpc.getDeleteReceivedMethod().getFullMethodName(), SEND),
            entry(OutboxServiceGrpc.getListSentMethod().getFullMethodName(), READ),
            entry(OutboxServiceGrpc.getDeleteSentMethod().getFullMethodName(), SEND),
            entry(OutboxServiceGrpc.getRecallMethod().getFullMethodName(), SEND),
            entry(AdminServiceGrpc.getQueryMessagesMethod().getFullMethodName(), READ),
            entry(AdminServiceGrpc.getCountMessagesMethod().getFullMethodName(), READ),
            entry(AdminServiceGrpc.getGetMessageMethod().getFullMethodName(), READ),
            entry(AdminServiceGrpc.getDeleteMessagesMethod().getFullMethodName(), SEND),
            entry(AdminServiceGrpc.getProvisionUsersMethod().getFullMethodName(), SEND),
            entry(AdminServiceGrpc.getListUsersMethod().getFullMethodName(), READ),
            entry(AdminServiceGrpc.getGetUserMethod().getFullMethodName(), READ),
            entry(AdminServiceGrpc.getListDeadLettersMethod().getFullMethodName(), READ),
            entry(AdminServiceGrpc.getRetryDeadLettersMethod().getFullMethodName(), SEND),
            entry(AdminServiceGrpc.getAnnounceMethod().getFullMethodName(), SEND),
            entry(AdminServiceGrpc.getListAllRoomsMethod().getFullMethodName(), READ),
            entry(AdminServiceGrpc.getInspectRoomMethod().getFullMethodName(), READ),
            entry(AdminServiceGrpc.getPurgeRoomMethod().getFullMethodName(), SEND),
            entry(AdminServiceGrpc.getEraseUserMethod().getFullMethodName(), SEND));

    /** The kind of {@code method}; empty for a method not listed. */
    static Optional<CallKind> of(MethodDescriptor<?, ?> method) {
        return Optional.ofNullable(BY_METHOD.get(method.getFullMethodName()));
    }

    /** The word used in refusals: "too many sends", "too many reads". */
    String plural() {
        return this == SEND ? "sends" : "reads";
    }
}
