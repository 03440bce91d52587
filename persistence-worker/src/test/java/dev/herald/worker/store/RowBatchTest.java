package dev.herald.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.herald.worker.decode.Event;
import dev.herald.worker.decode.SequencedEvent;
import dev.herald.worker.store.RowBatch.ReceiptRow;
import dev.herald.worker.store.RowBatch.UserRow;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RowBatchTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2025-01-01T00:00:00Z");
    private static final UUID A = UUID.fromString("0190f5a2-0000-7000-8000-00000000000a");
    private static final UUID B = UUID.fromString("0190f5a2-0000-7000-8000-00000000000b");
    private static final UUID C = UUID.fromString("0190f5a2-0000-7000-8000-00000000000c");

    @Test
    void oneRowPerMessageWithItsStreamSequence() {
        RowBatch batch = RowBatch.of(List.of(
                message(2, B, "alice", null, "bob"),
                message(1, A, "alice", null, "bob", "carol")));

        assertThat(batch.messages()).extracting(RowBatch.MessageRow::id, RowBatch.MessageRow::streamSequence)
                .containsExactly(tuple(A, 1L), tuple(B, 2L));
        assertThat(batch.receiptsOf(Set.of(A, B))).containsExactly(
                new ReceiptRow("bob", A, 1), new ReceiptRow("bob", B, 2), new ReceiptRow("carol", A, 1));
    }

    @Test
    void aMessageTwiceInOneBatchIsOneRowFromItsFirstSequence() {
        RowBatch batch = RowBatch.of(List.of(
                message(9, A, "alice", null, "dave"),
                message(4, A, "alice", null, "bob")));

        assertThat(batch.messages()).singleElement().satisfies(m -> assertThat(m.streamSequence()).isEqualTo(4));
        assertThat(batch.receiptsOf(Set.of(A))).containsExactly(new ReceiptRow("bob", A, 4));
    }

    @Test
    void aRepeatedClientIdOfOneSenderKeepsTheFirstMessageOnly() {
        RowBatch batch = RowBatch.of(List.of(
                message(3, B, "alice", "same", "bob"),
                message(2, A, "alice", "same", "carol"),
                message(4, C, "zoe", "same", "bob")));

        assertThat(batch.messages()).extracting(RowBatch.MessageRow::id).containsExactly(A, C);
        assertThat(batch.receiptsOf(Set.of(A, C))).containsExactly(
                new ReceiptRow("bob", C, 4), new ReceiptRow("carol", A, 2));
    }

    @Test
    void receiptsOnlyForTheGivenMessagesAndEachReceiverOnce() {
        RowBatch batch = RowBatch.of(List.of(
                message(1, A, "alice", null, "bob", "bob"),
                message(2, B, "alice", null, "carol")));

        assertThat(batch.receiptsOf(Set.of(A))).containsExactly(new ReceiptRow("bob", A, 1));
        assertThat(batch.receiptsOf(Set.of())).isEmpty();
    }

    @Test
    void sightingsOfOneUserMergeWhateverTheirOrder() {
        List<SequencedEvent> sightings = List.of(
                seen(1, "bob", "Bob 2", T0.plusMinutes(2)),
                seen(2, "bob", "Bob 1", T0.plusMinutes(1)),
                seen(3, "bob", "Bob 3", T0.plusMinutes(3)),
                seen(4, "amy", "Amy", T0));
        UserRow bob = new UserRow("bob", "Bob 3", T0.plusMinutes(1), T0.plusMinutes(3), 1);

        assertThat(RowBatch.of(sightings).users()).containsExactly(new UserRow("amy", "Amy", T0, T0, 4), bob);
        assertThat(RowBatch.of(sightings.reversed()).users()).contains(bob);
    }

    @Test
    void sightingsAtTheSameInstantKeepTheGreaterName() {
        var first = seen(1, "bob", "Bob A", T0);
        var second = seen(2, "bob", "Bob B", T0);

        assertThat(RowBatch.of(List.of(first, second)).users()).extracting(UserRow::name).containsExactly("Bob B");
        assertThat(RowBatch.of(List.of(second, first)).users()).extracting(UserRow::name).containsExactly("Bob B");
    }

    @Test
    void updatesComeInStreamOrderApartFromTheInserts() {
        Event.Update read = new Event.ReadReceipts("bob", List.of(A), T0);
        Event.Update recalled = new Event.RecalledMessages("alice", List.of(A), T0);
        Event.Update purged = new Event.PurgedMessages(List.of(B));

        RowBatch batch = RowBatch.of(List.of(
                new SequencedEvent(7, purged),
                new SequencedEvent(5, recalled),
                message(2, A, "alice", null, "bob"),
                new SequencedEvent(3, read)));

        assertThat(batch.updates()).containsExactly(new RowBatch.SequencedUpdate(3, read),
                new RowBatch.SequencedUpdate(5, recalled), new RowBatch.SequencedUpdate(7, purged));
        assertThat(batch.messages()).extracting(RowBatch.MessageRow::id).containsExactly(A);
        assertThat(batch.isEmpty()).isFalse();
    }

    @Test
    void aBatchOfUpdatesOnlyIsNotEmpty() {
        RowBatch batch = RowBatch.of(List.of(new SequencedEvent(1, new Event.PurgedMessages(List.of(A)))));

        assertThat(batch.isEmpty()).isFalse();
        assertThat(batch.messages()).isEmpty();
        assertThat(batch.users()).isEmpty();
    }

    @Test
    void provisioningsMergeWithSightingsLikeSightings() {
        var provisioned = new SequencedEvent(1, new Event.ProvisionedUsers(List.of(
                new Event.NamedUser("bob", "Bob (admin)"), new Event.NamedUser("amy", "Amy")), T0.plusMinutes(2)));
        var seenBefore = seen(2, "bob", "Bob 1", T0.plusMinutes(1));
        var seenAfter = seen(3, "amy", "Amy 3", T0.plusMinutes(3));

        List<UserRow> users = RowBatch.of(List.of(seenAfter, provisioned, seenBefore)).users();

        assertThat(users).containsExactly(
                new UserRow("amy", "Amy 3", T0.plusMinutes(2), T0.plusMinutes(3), 1),
                new UserRow("bob", "Bob (admin)", T0.plusMinutes(1), T0.plusMinutes(2), 1));
    }

    private static SequencedEvent message(long sequence, UUID id, String sender, @Nullable String clientId,
            String... receivers) {
        return new SequencedEvent(sequence, new Event.NewMessage(id, sender, sender, List.of(receivers), "", "hi",
                "", clientId, T0));
    }

    private static SequencedEvent seen(long sequence, String id, String name, OffsetDateTime at) {
        return new SequencedEvent(sequence, new Event.SeenUser(id, name, at));
    }
}
