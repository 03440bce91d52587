package dev.herald.message.admin;

import static dev.herald.schema.generated.Tables.DEAD_LETTERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.message.error.HeraldException;
import dev.herald.message.testing.BackendExtension;
import io.nats.client.api.MessageInfo;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Dead letters on their own, against stored rows and a real stream: listed in pages, published again. */
class DeadLettersIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    private final DSLContext dsl = backend.dsl();
    private DeadLetters deadLetters;

    @BeforeEach
    void deadLetters() {
        dsl.truncate(DEAD_LETTERS).execute();
        deadLetters = new DeadLetters(backend.queries(), backend.consistency(), backend.publisher(), 4);
    }

    @Test
    void listsNewestOrOldestFirstInPagesWithTheTotal() {
        List<Long> ids = List.of(store(11, "a"), store(12, "b"), store(13, "c"), store(14, "d"), store(15, "e"));

        DeadLetters.Listing newest = deadLetters.list(DeadLetterOrder.NEWEST_FIRST, 0, 2);
        assertThat(newest.page().items()).extracting(DeadLetter::streamSequence).containsExactly(15L, 14L);
        assertThat(newest.page().next()).contains(Long.toString(ids.get(3)));
        assertThat(newest.totalCount()).isEqualTo(5);
        assertThat(deadLetters.list(DeadLetterOrder.NEWEST_FIRST, ids.get(3), 2).page().items())
                .extracting(DeadLetter::streamSequence).containsExactly(13L, 12L);

        DeadLetters.Listing oldest = deadLetters.list(DeadLetterOrder.OLDEST_FIRST, ids.get(2), 0);
        assertThat(oldest.page().items()).extracting(DeadLetter::streamSequence).containsExactly(14L, 15L);
        assertThat(oldest.page().next()).isEmpty();
        DeadLetter first = deadLetters.list(DeadLetterOrder.OLDEST_FIRST, 0, 1).page().items().getFirst();
        assertThat(first.payload()).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
        assertThat(first.reason()).isEqualTo("undecodable: test a");
        assertThat(first.sqlState()).isEmpty();
    }

    @Test
    void retryPublishesThePayloadOnItsSubjectThenDeletesTheDeadLetter() throws Exception {
        long byId = store(21, "first payload");
        long bySequence = store(22, "second payload");
        long kept = store(23, "kept");

        RetryResult result = deadLetters.retry(List.of(byId, 9_999L), List.of(22L, 8_888L));

        assertThat(result.retried()).extracting(RetryResult.Retried::id).containsExactly(byId, bySequence);
        assertThat(result.retried()).extracting(RetryResult.Retried::streamSequence).containsExactly(21L, 22L);
        assertThat(result.unknownIds()).containsExactly(9_999L);
        assertThat(result.unknownStreamSequences()).containsExactly(8_888L);
        for (RetryResult.Retried retried : result.retried()) {
            MessageInfo published = backend.nats().jetStreamManagement()
                    .getMessage(backend.stream(), retried.newStreamSequence());
            assertThat(published.getSubject()).isEqualTo(backend.publisher().messageSubject());
            assertThat(new String(published.getData(), StandardCharsets.UTF_8))
                    .isEqualTo(retried.id() == byId ? "first payload" : "second payload");
        }
        assertThat(dsl.select(DEAD_LETTERS.ID).from(DEAD_LETTERS).fetch(DEAD_LETTERS.ID)).containsExactly(kept);
        // Deleted: a second retry finds nothing.
        assertThat(deadLetters.retry(List.of(byId), List.of()).unknownIds()).containsExactly(byId);
    }

    @Test
    void badRequestsNameTheProblem() throws Exception {
        long foreign = store(31, "x", "elsewhere.message");
        long published = backend.events().count();

        assertThatThrownBy(() -> deadLetters.retry(List.of(), List.of()))
                .isInstanceOf(HeraldException.InvalidArgument.class).hasMessage("name dead letters by ids or streamSequences");
        assertThatThrownBy(() -> deadLetters.retry(List.of(0L), List.of()))
                .isInstanceOf(HeraldException.InvalidArgument.class).hasMessage("ids: 0 (expected: > 0)");
        assertThatThrownBy(() -> deadLetters.retry(List.of(1L, 2L, 2L), List.of(3L, 4L, 5L)))
                .isInstanceOf(HeraldException.InvalidArgument.class).hasMessage("too many dead letters: 5 (at most 4)");
        assertThatThrownBy(() -> deadLetters.retry(List.of(foreign), List.of()))
                .isInstanceOf(HeraldException.InvalidArgument.class)
                .hasMessage("dead letter " + foreign + " was published on elsewhere.message, which is not a subject of"
                        + " this stream");
        assertThatThrownBy(() -> deadLetters.list(DeadLetterOrder.NEWEST_FIRST, -1, 0))
                .isInstanceOf(HeraldException.InvalidArgument.class)
                .hasMessage("cursor: -1 (expected: 0 for the first page, or a nextCursor)");
        assertThatThrownBy(() -> deadLetters.list(DeadLetterOrder.NEWEST_FIRST, 0, 501))
                .isInstanceOf(HeraldException.InvalidArgument.class).hasMessage("limit: 501 (expected: 1..500)");

        assertThat(backend.events().count()).isEqualTo(published);
        assertThat(dsl.fetchCount(DEAD_LETTERS)).isEqualTo(1);
    }

    private long store(long streamSequence, String payload) {
        return store(streamSequence, payload, backend.publisher().messageSubject());
    }

    private long store(long streamSequence, String payload, String subject) {
        return dsl.insertInto(DEAD_LETTERS, DEAD_LETTERS.STREAM_SEQUENCE, DEAD_LETTERS.SUBJECT, DEAD_LETTERS.PAYLOAD,
                        DEAD_LETTERS.REASON, DEAD_LETTERS.FAILED_AT)
                .values(streamSequence, subject, payload.getBytes(StandardCharsets.UTF_8), "undecodable: test " + payload,
                        OffsetDateTime.now())
                .returning(DEAD_LETTERS.ID).fetchOne(DEAD_LETTERS.ID);
    }
}
