package dev.herald.message.room;

import dev.herald.message.error.HeraldException;
import dev.herald.message.model.DirectMessage;
import dev.herald.message.page.Page;
import dev.herald.message.page.PageRequest;
import dev.herald.message.store.Consistency;
import dev.herald.message.store.MessageRows;
import dev.herald.message.store.QueryRunner;
import dev.herald.message.stream.EventPublisher;
import dev.herald.message.stream.StreamUpdate;
import dev.herald.schema.generated.tables.records.MessagesRecord;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A member's view of its rooms: the rooms with unread counts, the messages of its membership window, its read
 * position. Room messages have no receipts: what a member sees and has read comes from its membership's sequences
 * (joined, left, read) and its own delete marks, so nothing here grows with the member count.
 */
public final class RoomHistory {

    private static final int DEFAULT_ROOMS_LIMIT = 50;
    private static final int DEFAULT_MESSAGES_LIMIT = 50;

    private final QueryRunner queries;
    private final RoomAccess access;
    private final Consistency consistency;
    private final EventPublisher publisher;
    private final Clock clock;

    public RoomHistory(QueryRunner queries, RoomAccess access, Consistency consistency, EventPublisher publisher,
            Clock clock) {
        this.queries = queries;
        this.access = access;
        this.consistency = consistency;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The user's current rooms, latest activity first, each with its unread count and last message. */
    public Page<MyRoom> listMine(String userId, String before, int requestedLimit) {
        Optional<ActivityCursor> cursor = ActivityCursor.parse(before, "before");
        int limit = PageRequest.limit(requestedLimit, DEFAULT_ROOMS_LIMIT);
        consistency.awaitEarlierWrites();
        var rows = queries.run(new SelectMyRooms(userId, cursor, limit + 1));
        return Page.of(rows, limit, row -> row.cursor().encode()).map(this::myRoom);
    }

    private MyRoom myRoom(SelectMyRooms.MyRoomRow row) {
        Membership member = row.member();
        RoomDetails room = RoomDetails.of(row.room(), queries.run(new SelectOwnerIds(member.roomId())));
        Optional<DirectMessage> last = queries.run(new SelectRoomMessages(member, Optional.empty(), 1)).stream()
                .findFirst().map(RoomHistory::message);
        return new MyRoom(room, queries.run(new CountRoomUnread(member, member.readSequence())), last,
                queries.run(new SelectReadUpTo(member)), member.owner(), row.cursor().encode());
    }

    /**
     * Marks the room read up to and including a message the caller sees (NOT_FOUND naming message_id otherwise);
     * answers the unread messages left, once the read position is acked.
     */
    public CompletableFuture<UnreadCount> read(String userId, String roomId, String messageId) {
        UUID id = RoomAccess.roomId(roomId, "room_id");
        UUID message = PageRequest.cursor(messageId, "message_id")
                .orElseThrow(() -> new HeraldException.InvalidArgument("message_id", "message_id must not be empty"));
        Membership member = access.requireCurrentMember(userId, id, "room_id").member();
        long sequence = queries.run(new SelectVisibleSequence(member, message))
                .orElseThrow(() -> new HeraldException.NotFound("message_id", "no message " + message
                        + " in room " + id));
        // Read positions only move forward (the worker keeps the greatest), so the count starts at the later one.
        UnreadCount left = queries.run(new CountRoomUnread(member, Math.max(sequence, member.readSequence())));
        return publisher.publishUpdate(new StreamUpdate.RoomRead(id, userId, message,
                        clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .thenApply(ack -> left);
    }

    /** The room's messages the caller sees (its membership window, current or past), newest first. */
    public RoomMessages messages(String userId, String roomId, String before, int requestedLimit) {
        UUID id = RoomAccess.roomId(roomId, "room_id");
        PageRequest page = PageRequest.ofMessages(before, "before", requestedLimit, DEFAULT_MESSAGES_LIMIT);
        RoomAccess.MemberOf access = this.access.requireMemberOrFormer(userId, id, "room_id");
        Optional<Long> beforeSequence = page.cursor().map(cursor -> queries.run(new SelectRoomSequence(id, cursor))
                .orElseThrow(() -> new HeraldException.NotFound("before", "no message " + cursor + " in room " + id)));
        List<MessagesRecord> rows = queries.run(
                new SelectRoomMessages(access.member(), beforeSequence, page.rowsToFetch()));
        return new RoomMessages(access.room(),
                page.page(rows, row -> row.getId().toString()).map(RoomHistory::message));
    }

    /** A stored room message as members see it: the sender's retry key is the sender's own. */
    private static DirectMessage message(MessagesRecord row) {
        return MessageRows.toMessage(row, List.of()).withoutClientId();
    }
}
