package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import dev.herald.proto.v1.StreamEvent;
import dev.herald.worker.decode.SequencedEvent;
import dev.herald.worker.testing.DatabaseExtension;
import dev.herald.worker.testing.Events;
import dev.herald.worker.testing.Uuids;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The COPY fast path against real PostgreSQL: same rows as the on-conflict path, and its fallback. */
class BatchWriterCopyIT {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private final BatchWriter copying = new BatchWriter(db.dsl(), true);
    private final BatchWriter inserting = new BatchWriter(db.dsl(), false);
    private final DSLContext dsl = db.dsl();

    @BeforeEach
    void empty() {
        db.truncate();
    }

    @Test
    void aBatchOverlappingStoredMessagesFallsBackAndStoresEachOnce() {
        List<SequencedEvent> first = messages(1, 5);
        copying.write(first);
        List<SequencedEvent> redelivered = new ArrayList<>(first.subList(2, 5));
        redelivered.addAll(messages(6, 4));

        WriteResult result = copying.write(redelivered);

        assertThat(result).isEqualTo(new WriteResult(4, 4, 0, 0));
        assertThat(dsl.fetchCount(MESSAGES)).isEqualTo(9);
        assertThat(dsl.fetchCount(RECEIPTS)).isEqualTo(9);
        assertThat(dsl.select(MESSAGES.STREAM_SEQUENCE).from(MESSAGES).orderBy(MESSAGES.STREAM_SEQUENCE)
                .fetch(MESSAGES.STREAM_SEQUENCE)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(dsl.select(RECEIPTS.STREAM_SEQUENCE).from(RECEIPTS).join(MESSAGES)
                .on(MESSAGES.ID.eq(RECEIPTS.MESSAGE_ID), MESSAGES.STREAM_SEQUENCE.eq(RECEIPTS.STREAM_SEQUENCE))
                .orderBy(RECEIPTS.STREAM_SEQUENCE).fetch(RECEIPTS.STREAM_SEQUENCE))
                .as("each receipt carries its message's sequence, by COPY (1-5) and by insert (6-9)")
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void aWholeRedeliveredBatchStoresNothingTwice() {
        List<SequencedEvent> batch = messages(1, 3);
        assertThat(copying.write(batch)).isEqualTo(new WriteResult(3, 3, 0, 0));

        assertThat(copying.write(batch)).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(dsl.fetchCount(MESSAGES)).isEqualTo(3);
        assertThat(dsl.fetchCount(RECEIPTS)).isEqualTo(3);
    }

    @Test
    void copyStoresTheSameValuesAsTheInserts() {
        String tricky = "tab\there, line\nbreak\r\n, back\\slash \\N, \\t literal, émoji 🦜, 'quotes' \"too\"";
        Timestamp createdAt = Timestamp.newBuilder().setSeconds(1_764_000_000L).setNanos(123_456_789).build();
        UUID byCopy = Uuids.v7();
        UUID byInsert = Uuids.v7();

        copying.write(List.of(Events.sequenced(1, message(byCopy, tricky, createdAt))));
        inserting.write(List.of(Events.sequenced(2, message(byInsert, tricky, createdAt))));

        Record copied = stored(byCopy);
        Record inserted = stored(byInsert);
        assertThat(copied.get(MESSAGES.BODY)).isEqualTo(tricky);
        assertThat(copied.get(MESSAGES.TITLE)).isEqualTo(tricky);
        assertThat(copied.get(MESSAGES.SENDER_NAME)).isEqualTo(tricky);
        assertThat(copied.get(MESSAGES.CLIENT_ID)).isNull();
        assertThat(copied.into(MESSAGES.SENDER_ID, MESSAGES.SENDER_NAME, MESSAGES.TITLE, MESSAGES.BODY, MESSAGES.TYPE,
                MESSAGES.CLIENT_ID, MESSAGES.CREATED_AT))
                .isEqualTo(inserted.into(MESSAGES.SENDER_ID, MESSAGES.SENDER_NAME, MESSAGES.TITLE, MESSAGES.BODY,
                        MESSAGES.TYPE, MESSAGES.CLIENT_ID, MESSAGES.CREATED_AT));
        assertThat(dsl.fetchCount(RECEIPTS, RECEIPTS.RECEIVER_ID.eq("bob\twith tab"))).isEqualTo(2);
    }

    @Test
    void aNulCharacterIsRejectedNotTruncated() {
        // COPY would store "before" silently; the on-conflict insert rejects the row, as always.
        UUID id = Uuids.v7();
        var event = Events.sequenced(1, message(id, "before\0after", Events.timestamp(java.time.Instant.now())));

        assertThatThrownBy(() -> copying.write(List.of(event)))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(FailureKind.of(e)).isEqualTo(FailureKind.REJECTED));
        assertThat(dsl.fetchCount(MESSAGES)).isZero();
    }

    @Test
    void aReusedClientIdFallsBackAndKeepsTheFirstMessage() {
        UUID first = Uuids.v7();
        UUID retry = Uuids.v7();
        UUID other = Uuids.v7();
        copying.write(List.of(Events.sequenced(1, Events.message(first, "alice", List.of("bob"), "c-1"))));

        WriteResult result = copying.write(List.of(
                Events.sequenced(2, Events.message(retry, "alice", List.of("carol"), "c-1")),
                Events.sequenced(3, Events.message(other, "alice", List.of("carol"), "c-2"))));

        assertThat(result).isEqualTo(new WriteResult(1, 1, 0, 0));
        assertThat(dsl.select(MESSAGES.ID).from(MESSAGES).fetch(MESSAGES.ID)).containsExactlyInAnyOrder(first, other);
        assertThat(dsl.fetchCount(RECEIPTS, RECEIPTS.MESSAGE_ID.eq(retry))).isZero();
    }

    private Record stored(UUID id) {
        return dsl.selectFrom(MESSAGES).where(MESSAGES.ID.eq(id)).fetchSingle();
    }

    /** {@code count} messages from alice to bob at stream sequences {@code from, from + 1, ...}. */
    private static List<SequencedEvent> messages(long from, int count) {
        List<SequencedEvent> events = new ArrayList<>();
        for (long s = from; s < from + count; s++) {
            events.add(Events.sequenced(s, Events.message(Uuids.v7(), "alice", List.of("bob"))));
        }
        return events;
    }

    private static StreamEvent message(UUID id, String text, Timestamp createdAt) {
        StreamEvent plain = Events.message(id, "sender-1", List.of("bob\twith tab"));
        return plain.toBuilder().setMessageCreated(plain.getMessageCreated().toBuilder()
                .setTitle(text).setBody(text).setSender(plain.getMessageCreated().getSender().toBuilder().setName(text))
                .setCreatedAt(createdAt)).build();
    }
}
