package dev.herald.message.admin;

import dev.herald.message.error.HeraldException;
import dev.herald.message.page.Page;
import dev.herald.message.page.PageRequest;
import dev.herald.message.store.Consistency;
import dev.herald.message.store.QueryRunner;
import dev.herald.message.stream.EventPublisher;
import io.nats.client.api.PublishAck;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the persistence-worker could never store ({@code dead_letters}): listed, and published again once the cause
 * is fixed. The admin role is checked before any of it (AdminOnlyInterceptor).
 */
public final class DeadLetters {

    private static final Logger logger = LoggerFactory.getLogger(DeadLetters.class);
    private static final int DEFAULT_LIMIT = 50;

    private final QueryRunner queries;
    private final Consistency consistency;
    private final EventPublisher publisher;
    private final int maxIds;

    /** {@code consistency} should wait for every write, so a dead letter of an earlier write is there. */
    public DeadLetters(QueryRunner queries, Consistency consistency, EventPublisher publisher, int maxIds) {
        this.queries = queries;
        this.consistency = consistency;
        this.publisher = publisher;
        this.maxIds = maxIds;
    }

    /** A page of dead letters after the cursor id {@code after} (0: from the start), and how many there are. */
    public Listing list(DeadLetterOrder order, long after, int requestedLimit) {
        if (after < 0) {
            throw new HeraldException.InvalidArgument("cursor",
                    "cursor: " + after + " (expected: 0 for the first page, or a nextCursor)");
        }
        int limit = PageRequest.limit(requestedLimit, DEFAULT_LIMIT);
        consistency.awaitEarlierWrites();
        Optional<Long> cursor = after == 0 ? Optional.empty() : Optional.of(after);
        Page<DeadLetter> page = Page.of(queries.run(new SelectDeadLetterPage(order, cursor, limit + 1)), limit,
                letter -> Long.toString(letter.id()));
        return new Listing(page, queries.run(new CountDeadLetters()));
    }

    /** A page of dead letters and the total. */
    public record Listing(Page<DeadLetter> page, long totalCount) {}

    /**
     * Publishes the named dead letters again, each on its subject, and deletes those JetStream acknowledged. Blocks
     * until then (calls run on virtual threads). If a publish fails, the ones acknowledged are still deleted and the
     * call fails UNAVAILABLE: retrying it publishes the rest (those deleted are then unknown).
     */
    public RetryResult retry(List<Long> ids, List<Long> streamSequences) {
        Set<Long> wantedIds = positive("ids", ids);
        Set<Long> wantedSequences = positive("streamSequences", streamSequences);
        if (wantedIds.isEmpty() && wantedSequences.isEmpty()) {
            throw new HeraldException.InvalidArgument("ids", "name dead letters by ids or streamSequences");
        }
        if (wantedIds.size() + wantedSequences.size() > maxIds) {
            throw new HeraldException.InvalidArgument("ids", "too many dead letters: "
                    + (wantedIds.size() + wantedSequences.size()) + " (at most " + maxIds + ")");
        }
        consistency.awaitEarlierWrites();
        List<DeadLetter> found = queries.run(new SelectDeadLetters(wantedIds, wantedSequences));
        for (DeadLetter letter : found) {
            if (!publisher.isStreamSubject(letter.subject())) {
                throw new HeraldException.InvalidArgument("ids", "dead letter " + letter.id() + " was published on "
                        + letter.subject() + ", which is not a subject of this stream");
            }
        }
        List<CompletableFuture<PublishAck>> acks = found.stream()
                .map(letter -> publisher.republish(letter.subject(), letter.payload(), "herald-dead-letter-" + letter.id()))
                .toList();
        List<RetryResult.Retried> retried = new ArrayList<>();
        RuntimeException failure = null;
        for (int i = 0; i < found.size(); i++) {
            DeadLetter letter = found.get(i);
            try {
                PublishAck ack = acks.get(i).join();
                retried.add(new RetryResult.Retried(letter.id(), letter.streamSequence(), ack.getSeqno()));
            } catch (CompletionException e) {
                failure = e;
            }
        }
        if (!retried.isEmpty()) {
            queries.run(new DeleteDeadLetters(retried.stream().map(RetryResult.Retried::id).toList()));
            logger.atInfo().addKeyValue("count", retried.size()).log("dead letters published again");
        }
        if (failure != null) {
            throw new HeraldException.Unavailable("published " + retried.size() + " of " + found.size()
                    + " dead letters (those are deleted); retry for the rest", failure.getCause());
        }
        return new RetryResult(retried, unknown(wantedIds, found.stream().map(DeadLetter::id).toList()),
                unknown(wantedSequences, found.stream().map(DeadLetter::streamSequence).toList()));
    }

    private static Set<Long> positive(String field, List<Long> values) {
        Set<Long> distinct = new LinkedHashSet<>();
        for (long value : values) {
            if (value <= 0) {
                throw new HeraldException.InvalidArgument(field, field + ": " + value + " (expected: > 0)");
            }
            distinct.add(value);
        }
        return distinct;
    }

    private static List<Long> unknown(Set<Long> wanted, List<Long> found) {
        List<Long> unknown = new ArrayList<>(wanted);
        unknown.removeAll(found);
        return unknown;
    }
}
