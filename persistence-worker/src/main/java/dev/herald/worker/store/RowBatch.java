package dev.herald.worker.store;

import dev.herald.worker.decode.Event;
import dev.herald.worker.decode.SequencedEvent;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The rows one batch of events turns into, deduplicated within the batch so each statement
 * touches a key once: the first message (lowest stream sequence) wins for a repeated id or a
 * repeated (sender, client id), the first creation of a room wins; repeated sightings and provisionings of a user
 * merge into one row, repeated last-seen times into the latest (the upserts are commutative, so merging them changes
 * nothing). Rows are sorted by key, so concurrent workers lock in the same order. Receipts are derived later, for
 * the messages the insert actually created. Updates stay as they came, in stream-sequence order, to be applied
 * after the inserts.
 */
record RowBatch(List<MessageRow> messages, Map<UUID, List<String>> receivers, List<UserRow> users,
        List<RoomRow> rooms, List<LastSeenRow> lastSeen, List<SequencedUpdate> updates) {

    /** A {@code messages} row: a direct message, a room message ({@code roomId} set) or an announcement. */
    record MessageRow(UUID id, String senderId, String senderName, String title, String body,
            String type, @Nullable String clientId, OffsetDateTime createdAt, long streamSequence,
            @Nullable UUID roomId, boolean announcement) {}

    /** A {@code receipts} row, unread and not deleted, with its message's stream sequence (sync's order). */
    record ReceiptRow(String receiverId, UUID messageId, long streamSequence) {}

    /**
     * A {@code users} row: created when first seen, named as when last seen. {@code firstSequence} is the stream
     * sequence of the earliest event naming the user, stored only by the insert that creates the row.
     */
    record UserRow(String id, String name, OffsetDateTime createdAt, OffsetDateTime updatedAt, long firstSequence) {

        /** The row for both sightings, whatever their order. */
        UserRow merge(UserRow other) {
            UserRow latest = isNewerThan(other) ? this : other;
            OffsetDateTime created = createdAt.isBefore(other.createdAt) ? createdAt : other.createdAt;
            return new UserRow(id, latest.name, created, latest.updatedAt,
                    Math.min(firstSequence, other.firstSequence));
        }

        /** Later sighting wins; at the same instant the greater name wins, as in {@link UpsertUsers}. */
        boolean isNewerThan(UserRow other) {
            int byTime = updatedAt.compareTo(other.updatedAt);
            return byTime != 0 ? byTime > 0 : name.compareTo(other.name) > 0;
        }
    }

    /** A {@code rooms} row and its first members, from the room's creation at {@code streamSequence}. */
    record RoomRow(UUID id, String name, String topic, boolean isPublic, String creatorId, OffsetDateTime createdAt,
            long streamSequence, List<String> memberIds) {

        RoomRow {
            memberIds = List.copyOf(memberIds);
        }

        /** The creator and the other members. */
        int memberCount() {
            return 1 + memberIds.size();
        }
    }

    /** The latest time a user was last seen in the batch. */
    record LastSeenRow(String userId, OffsetDateTime lastSeenAt) {}

    /** An update and the stream sequence of its event (a room's membership windows are sequences). */
    record SequencedUpdate(long streamSequence, Event.Update update) {}

    RowBatch {
        messages = List.copyOf(messages);
        receivers = Map.copyOf(receivers);
        users = List.copyOf(users);
        rooms = List.copyOf(rooms);
        lastSeen = List.copyOf(lastSeen);
        updates = List.copyOf(updates);
    }

    /** Builds the rows of a batch; events may come in any order and repeat. */
    static RowBatch of(List<SequencedEvent> events) {
        List<SequencedEvent> bySequence = new ArrayList<>(events);
        bySequence.sort(Comparator.comparingLong(SequencedEvent::streamSequence));

        Map<UUID, MessageRow> messages = new HashMap<>();
        Map<UUID, List<String>> receivers = new HashMap<>();
        Set<List<String>> clientKeys = new HashSet<>();
        Map<String, UserRow> users = new HashMap<>();
        Map<UUID, RoomRow> rooms = new HashMap<>();
        Map<String, OffsetDateTime> lastSeen = new HashMap<>();
        List<SequencedUpdate> updates = new ArrayList<>();
        for (SequencedEvent sequenced : bySequence) {
            long sequence = sequenced.streamSequence();
            switch (sequenced.event()) {
                case Event.NewMessage m -> {
                    if (messages.containsKey(m.id())
                            || (m.clientId() != null && !clientKeys.add(List.of(m.senderId(), m.clientId())))) {
                        continue;
                    }
                    messages.put(m.id(), new MessageRow(m.id(), m.senderId(), m.senderName(), m.title(),
                            m.body(), m.type(), m.clientId(), m.createdAt(), sequence, m.roomId(), m.announcement()));
                    receivers.put(m.id(), List.copyOf(new LinkedHashSet<>(m.receivers())));
                }
                case Event.SeenUser u -> users.merge(u.id(),
                        new UserRow(u.id(), u.name(), u.seenAt(), u.seenAt(), sequence), UserRow::merge);
                case Event.ProvisionedUsers p -> {
                    for (Event.NamedUser u : p.users()) {
                        users.merge(u.id(), new UserRow(u.id(), u.name(), p.provisionedAt(), p.provisionedAt(),
                                sequence), UserRow::merge);
                    }
                }
                case Event.RoomCreated r -> rooms.putIfAbsent(r.roomId(), new RoomRow(r.roomId(), r.name(),
                        r.topic(), r.isPublic(), r.creatorId(), r.createdAt(), sequence, r.memberIds()));
                case Event.LastSeen l -> lastSeen.merge(l.userId(), l.lastSeenAt(),
                        (a, b) -> a.isAfter(b) ? a : b);
                case Event.Update u -> updates.add(new SequencedUpdate(sequence, u));
            }
        }
        List<MessageRow> messageRows = new ArrayList<>(messages.values());
        messageRows.sort(Comparator.comparing(MessageRow::id));
        List<UserRow> userRows = new ArrayList<>(users.values());
        userRows.sort(Comparator.comparing(UserRow::id));
        List<RoomRow> roomRows = new ArrayList<>(rooms.values());
        roomRows.sort(Comparator.comparing(RoomRow::id));
        List<LastSeenRow> lastSeenRows = new ArrayList<>();
        lastSeen.forEach((user, at) -> lastSeenRows.add(new LastSeenRow(user, at)));
        lastSeenRows.sort(Comparator.comparing(LastSeenRow::userId));
        return new RowBatch(messageRows, receivers, userRows, roomRows, lastSeenRows, updates);
    }

    /** The receipts of every message of the batch, sorted by key. */
    List<ReceiptRow> allReceipts() {
        return receiptsOf(receivers.keySet());
    }

    /** The receipts of the given messages (those the insert created), sorted by key. */
    List<ReceiptRow> receiptsOf(Set<UUID> messageIds) {
        Map<UUID, Long> sequences = new HashMap<>();
        messages.forEach(m -> sequences.put(m.id(), m.streamSequence()));
        List<ReceiptRow> receipts = new ArrayList<>();
        for (UUID id : messageIds) {
            for (String receiver : receivers.getOrDefault(id, List.of())) {
                receipts.add(new ReceiptRow(receiver, id, sequences.get(id)));
            }
        }
        receipts.sort(Comparator.comparing(ReceiptRow::receiverId).thenComparing(ReceiptRow::messageId));
        return receipts;
    }

    boolean isEmpty() {
        return messages.isEmpty() && users.isEmpty() && rooms.isEmpty() && lastSeen.isEmpty() && updates.isEmpty();
    }

    /** The ids of the batch's messages. */
    Set<UUID> messageIds() {
        return receivers.keySet();
    }

    /** The stream sequences of the given messages' events. */
    Set<Long> sequencesOf(Set<UUID> messageIds) {
        Set<Long> sequences = new HashSet<>();
        messages.stream().filter(m -> messageIds.contains(m.id())).forEach(m -> sequences.add(m.streamSequence()));
        return sequences;
    }

    /** The given messages' event sequences, by id. */
    Map<UUID, Long> sequencesById(Set<UUID> messageIds) {
        Map<UUID, Long> sequences = new HashMap<>();
        messages.stream().filter(m -> messageIds.contains(m.id())).forEach(m -> sequences.put(m.id(), m.streamSequence()));
        return sequences;
    }

    /** The rooms of the batch's room messages, each with its latest message's stream sequence. */
    Map<UUID, Long> lastMessageSequences() {
        Map<UUID, Long> latest = new HashMap<>();
        for (MessageRow m : messages) {
            if (m.roomId() != null) {
                latest.merge(m.roomId(), m.streamSequence(), Math::max);
            }
        }
        return latest;
    }

    /** The ids of the batch's messages to the given rooms. */
    Set<UUID> messagesTo(Set<UUID> roomIds) {
        Set<UUID> ids = new HashSet<>();
        messages.stream().filter(m -> m.roomId() != null && roomIds.contains(m.roomId())).forEach(m -> ids.add(m.id()));
        return ids;
    }

    /** The ids of the batch's messages created before {@code cutoff}. */
    Set<UUID> messagesCreatedBefore(OffsetDateTime cutoff) {
        Set<UUID> ids = new HashSet<>();
        messages.stream().filter(m -> m.createdAt().isBefore(cutoff)).forEach(m -> ids.add(m.id()));
        return ids;
    }

    /** The rooms the batch's messages are sent to. */
    Set<UUID> messageRoomIds() {
        Set<UUID> ids = new HashSet<>();
        messages.stream().filter(m -> m.roomId() != null).forEach(m -> ids.add(m.roomId()));
        return ids;
    }

    /** This batch without the given messages and their receipts (users, rooms and updates stay). */
    RowBatch withoutMessages(Set<UUID> dropped) {
        if (dropped.isEmpty()) {
            return this;
        }
        Map<UUID, List<String>> kept = new HashMap<>(receivers);
        kept.keySet().removeAll(dropped);
        return new RowBatch(messages.stream().filter(m -> !dropped.contains(m.id())).toList(), kept, users, rooms,
                lastSeen, updates);
    }
}
