package dev.herald.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.worker.decode.Event;
import dev.herald.worker.decode.SequencedEvent;
import dev.herald.worker.store.ErasedUsers.Tombstone;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the tombstone of an erased user takes out of a batch, and what it leaves. */
class ErasureFilterTest {

    private static final OffsetDateTime ERASED_AT = OffsetDateTime.of(2026, 12, 5, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final Map<String, Tombstone> EVE = Map.of("eve", new Tombstone(ERASED_AT, 100));

    @Test
    void anEventEarlierInTheStreamOrStampedBeforeTheErasureIsDropped() {
        Set<Long> dropped = new HashSet<>();
        List<SequencedEvent> kept = ErasureFilter.without(List.of(
                message(50, "eve", List.of("bob"), ERASED_AT.plusSeconds(1)),
                message(150, "eve", List.of("bob"), ERASED_AT.minusSeconds(1)),
                message(160, "eve", List.of("bob"), ERASED_AT.plusSeconds(1)),
                new SequencedEvent(60, new Event.SeenUser("eve", "Eve", ERASED_AT.plusSeconds(1))),
                new SequencedEvent(170, new Event.SeenUser("eve", "Eve", ERASED_AT.plusSeconds(2))),
                new SequencedEvent(180, new Event.ReadReceipts("eve", List.of(), ERASED_AT.minusSeconds(5)))),
                EVE, dropped);

        assertThat(kept).extracting(SequencedEvent::streamSequence).containsExactly(160L, 170L);
        assertThat(dropped).containsExactlyInAnyOrder(50L, 150L);
    }

    @Test
    void anErasedReceiverOrMemberIsLeftOutAndTheRestStays() {
        List<SequencedEvent> kept = ErasureFilter.without(List.of(
                message(50, "bob", List.of("eve", "carol"), ERASED_AT.minusSeconds(1)),
                new SequencedEvent(60, new Event.RoomMembersAdded(UUID.randomUUID(), List.of("eve", "carol"), false,
                        ERASED_AT.minusSeconds(1))),
                new SequencedEvent(70, new Event.RoomMembersAdded(UUID.randomUUID(), List.of("eve"), false,
                        ERASED_AT.minusSeconds(1)))),
                EVE, new HashSet<>());

        assertThat(kept).hasSize(2);
        assertThat(((Event.NewMessage) kept.get(0).event()).receivers()).containsExactly("carol");
        assertThat(((Event.RoomMembersAdded) kept.get(1).event()).userIds()).containsExactly("carol");
    }

    @Test
    void namesEveryUserTheEventsMention() {
        assertThat(ErasureFilter.usersNamed(List.of(message(1, "eve", List.of("bob", "carol"), ERASED_AT),
                new SequencedEvent(2, new Event.LastSeen("dan", ERASED_AT)))))
                .containsExactlyInAnyOrder("eve", "bob", "carol", "dan");
    }

    private static SequencedEvent message(long sequence, String sender, List<String> receivers, OffsetDateTime at) {
        return new SequencedEvent(sequence, new Event.NewMessage(UUID.randomUUID(), sender, sender, receivers, "", "b",
                "text", null, at));
    }
}
