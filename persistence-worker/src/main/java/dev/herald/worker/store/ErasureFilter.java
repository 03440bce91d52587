package dev.herald.worker.store;

import dev.herald.worker.decode.Event;
import dev.herald.worker.decode.SequencedEvent;
import dev.herald.worker.store.ErasedUsers.Tombstone;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Takes out of a batch what erased users did before their erasure ({@link Tombstone#covers}): their messages (whose
 * events the caller deletes from the stream), their receipts on others' messages, their sightings, last-seen times,
 * memberships, reads and deletes, and rooms they created. Everything else stays as it came.
 */
final class ErasureFilter {

    private final Map<String, Tombstone> erased;

    private ErasureFilter(Map<String, Tombstone> erased) {
        this.erased = erased;
    }

    /** Every user id the events name (senders, receivers, members, readers...): the ones to look tombstones up for. */
    static Set<String> usersNamed(List<SequencedEvent> events) {
        Set<String> ids = new HashSet<>();
        for (SequencedEvent sequenced : events) {
            switch (sequenced.event()) {
                case Event.NewMessage m -> {
                    ids.add(m.senderId());
                    ids.addAll(m.receivers());
                }
                case Event.SeenUser u -> ids.add(u.id());
                case Event.ProvisionedUsers p -> p.users().forEach(u -> ids.add(u.id()));
                case Event.RoomCreated r -> {
                    ids.add(r.creatorId());
                    ids.addAll(r.memberIds());
                }
                case Event.LastSeen l -> ids.add(l.userId());
                case Event.ReadReceipts r -> ids.add(r.receiverId());
                case Event.DeletedReceipts d -> ids.add(d.receiverId());
                case Event.DeletedSentMessages d -> ids.add(d.senderId());
                case Event.RecalledMessages r -> ids.add(r.senderId());
                case Event.RoomMembersAdded a -> ids.addAll(a.userIds());
                case Event.RoomRead r -> ids.add(r.userId());
                case Event.PurgedMessages p -> { }
                case Event.RoomUpdated u -> { }
                case Event.RoomMembersRemoved r -> { }
                case Event.RoomDeleted d -> { }
                case Event.UserErased e -> { }
            }
        }
        return ids;
    }

    /**
     * The events without what {@code erased} users did before their erasure; the stream sequences of the message
     * events left out go to {@code droppedMessageEvents}.
     */
    static List<SequencedEvent> without(List<SequencedEvent> events, Map<String, Tombstone> erased,
            Set<Long> droppedMessageEvents) {
        ErasureFilter filter = new ErasureFilter(erased);
        List<SequencedEvent> kept = new ArrayList<>(events.size());
        for (SequencedEvent sequenced : events) {
            Optional<Event> event = filter.keep(sequenced.event(), sequenced.streamSequence());
            if (event.isPresent()) {
                kept.add(event.get() == sequenced.event() ? sequenced
                        : new SequencedEvent(sequenced.streamSequence(), event.get()));
            } else if (sequenced.event() instanceof Event.NewMessage) {
                droppedMessageEvents.add(sequenced.streamSequence());
            }
        }
        return kept;
    }

    /** The event as it may be stored (the same one, or with erased users left out), or empty to drop it. */
    private Optional<Event> keep(Event event, long seq) {
        return switch (event) {
            case Event.NewMessage m -> covered(m.senderId(), seq, m.createdAt()) ? Optional.empty()
                    : Optional.of(sameOr(m, m.receivers(), others(m.receivers(), seq, m.createdAt()),
                            kept -> new Event.NewMessage(m.id(), m.senderId(), m.senderName(), kept, m.title(),
                                    m.body(), m.type(), m.clientId(), m.createdAt(), m.roomId(), m.announcement())));
            case Event.SeenUser u -> unless(covered(u.id(), seq, u.seenAt()), u);
            case Event.ProvisionedUsers p -> {
                List<Event.NamedUser> users = p.users().stream()
                        .filter(u -> !covered(u.id(), seq, p.provisionedAt())).toList();
                yield users.isEmpty() ? Optional.empty()
                        : Optional.of(sameOr(p, p.users(), users, kept -> new Event.ProvisionedUsers(kept,
                                p.provisionedAt())));
            }
            case Event.RoomCreated r -> covered(r.creatorId(), seq, r.createdAt()) ? Optional.empty()
                    : Optional.of(sameOr(r, r.memberIds(), others(r.memberIds(), seq, r.createdAt()),
                            kept -> new Event.RoomCreated(r.roomId(), r.name(), r.topic(), r.isPublic(),
                                    r.creatorId(), r.createdAt(), kept)));
            case Event.LastSeen l -> unless(covered(l.userId(), seq, l.lastSeenAt()), l);
            case Event.ReadReceipts r -> unless(covered(r.receiverId(), seq, r.readAt()), r);
            case Event.DeletedReceipts d -> unless(covered(d.receiverId(), seq, d.deletedAt()), d);
            case Event.DeletedSentMessages d -> unless(covered(d.senderId(), seq, d.deletedAt()), d);
            case Event.RecalledMessages r -> unless(covered(r.senderId(), seq, r.recalledAt()), r);
            case Event.RoomMembersAdded a -> {
                List<String> users = others(a.userIds(), seq, a.addedAt());
                yield users.isEmpty() ? Optional.empty() : Optional.of(sameOr(a, a.userIds(), users,
                        kept -> new Event.RoomMembersAdded(a.roomId(), kept, a.owners(), a.addedAt())));
            }
            case Event.RoomRead r -> unless(covered(r.userId(), seq, null), r);
            case Event.PurgedMessages p -> Optional.of(p);
            case Event.RoomUpdated u -> Optional.of(u);
            case Event.RoomMembersRemoved r -> Optional.of(r);
            case Event.RoomDeleted d -> Optional.of(d);
            case Event.UserErased e -> Optional.of(e);
        };
    }

    private boolean covered(String userId, long seq, @Nullable OffsetDateTime stampedAt) {
        Tombstone tombstone = erased.get(userId);
        return tombstone != null && tombstone.covers(seq, stampedAt);
    }

    private List<String> others(List<String> userIds, long seq, OffsetDateTime stampedAt) {
        return userIds.stream().filter(id -> !covered(id, seq, stampedAt)).toList();
    }

    private static Optional<Event> unless(boolean drop, Event event) {
        return drop ? Optional.empty() : Optional.of(event);
    }

    /** {@code event} itself when nothing was left out of its list, else the copy {@code rebuild} makes. */
    private static <T> Event sameOr(Event event, List<T> before, List<T> after,
            Function<List<T>, Event> rebuild) {
        return before.size() == after.size() ? event : rebuild.apply(after);
    }
}
