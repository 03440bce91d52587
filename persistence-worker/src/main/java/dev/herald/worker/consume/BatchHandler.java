package dev.herald.worker.consume;

import dev.herald.logging.RepeatingWarning;
import dev.herald.observability.trace.TraceLogging;
import dev.herald.observability.trace.Traceparent;
import dev.herald.worker.decode.EventDecoder;
import dev.herald.worker.decode.SequencedEvent;
import dev.herald.worker.decode.UndecodableEventException;
import dev.herald.worker.store.BatchWriter;
import dev.herald.worker.store.DeadLetter;
import dev.herald.worker.store.DeadLetterWriter;
import dev.herald.worker.store.FailureKind;
import dev.herald.worker.store.WriteResult;
import io.nats.client.Message;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one batch of pulled messages: decode, write in one transaction, then settle each
 * message with JetStream. The rules that make the worker lossless and never stuck:
 *
 * <ul>
 *   <li>ack only after the commit, and after deleting from the stream the events of purged messages (when NATS
 *       cannot be reached for that, the committed part is handed back: writing it again is a no-op that names
 *       those events again);
 *   <li>an undecodable record is stored as a dead letter, then acked; the rest of the batch goes on;
 *   <li>a transient failure (PostgreSQL down, a timeout) naks what is not settled yet with a
 *       growing delay; a bare nak would redeliver at once and spin while the database is away;
 *   <li>a batch PostgreSQL rejects (a value too long, a NUL character) is split in halves, each
 *       written in its own transaction, first half first, recursively; an event rejected alone is
 *       stored as a dead letter, then acked. One bad event in a batch of n costs about
 *       2·log2(n) transactions, not n.
 * </ul>
 *
 * Nothing is terminated: whatever the worker cannot store is kept in {@code dead_letters}, where an
 * admin can list it and publish it again. Used by one thread at a time.
 *
 * <p>Lines about one record (its decoding, its dead letter) carry the trace it was published in
 * ({@link EventTrace}); lines about a batch name the batch's trace ids at debug level only.
 */
final class BatchHandler {

    private static final Logger logger = LoggerFactory.getLogger(BatchHandler.class);

    /** A pulled message, what it decoded to, and the trace it was published in (null when none). */
    private record Received(Message message, SequencedEvent event, @Nullable Traceparent trace) {}

    /** Events {@code from} (inclusive) to {@code to} (exclusive) of the batch being written. */
    private record Part(int from, int to) {

        int size() {
            return to - from;
        }
    }

    private final BatchWriter writer;
    private final DeadLetterWriter deadLetters;
    private final PurgedEvents purgedEvents;
    private final Backoff backoff;
    private final Duration keepAliveEvery;
    private final ScheduledExecutorService keepAlive;
    private final ConsumerStats stats;
    private final WorkerMeters meters;
    /** While PostgreSQL is down every batch fails, each after at most the backoff cap. */
    private final RepeatingWarning writeFailed = new RepeatingWarning(logger);
    /** What is pulled and not yet acked or naked, kept alive by the keep-alive thread. */
    private volatile List<Message> unsettled = List.of();
    private int failureStreak;

    BatchHandler(BatchWriter writer, DeadLetterWriter deadLetters, PurgedEvents purgedEvents, Backoff backoff,
            Duration ackWait, ScheduledExecutorService keepAlive, ConsumerStats stats, WorkerMeters meters) {
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.purgedEvents = purgedEvents;
        this.backoff = backoff;
        this.keepAliveEvery = ackWait.dividedBy(2);
        this.keepAlive = keepAlive;
        this.stats = stats;
        this.meters = meters;
    }

    /**
     * Handles the batch; returns how long the caller should pause before the next one (zero
     * unless writing failed transiently).
     */
    Duration handle(List<Message> batch) {
        long every = keepAliveEvery.toMillis();
        unsettled = batch;
        meters.received(batch);
        // If writing takes long relative to the ack wait, tells JetStream the messages are in progress.
        ScheduledFuture<?> ticking = keepAlive.scheduleAtFixedRate(
                () -> unsettled.forEach(Message::inProgress), every, every, TimeUnit.MILLISECONDS);
        try {
            List<Received> received = new ArrayList<>(batch.size());
            List<Message> undecodable = new ArrayList<>();
            List<DeadLetter> letters = new ArrayList<>();
            decode(batch, received, undecodable, letters);
            if (!letters.isEmpty()) {
                try {
                    deadLetter(undecodable, letters);
                } catch (RuntimeException e) {
                    // PostgreSQL is down (or refuses the dead letters): the whole batch comes back later.
                    return retryLater(batch, e);
                }
            }
            return received.isEmpty() ? Duration.ZERO : write(received);
        } finally {
            ticking.cancel(false);
            unsettled = List.of();
        }
    }

    private static void decode(List<Message> batch, List<Received> received, List<Message> undecodable,
            List<DeadLetter> letters) {
        for (Message message : batch) {
            long sequence = message.metaData().streamSequence();
            Traceparent trace = EventTrace.of(message);
            try (TraceLogging.Scope scope = EventTrace.open(trace)) {
                received.add(new Received(message,
                        new SequencedEvent(sequence, EventDecoder.decode(message.getData())), trace));
            } catch (UndecodableEventException e) {
                undecodable.add(message);
                letters.add(DeadLetter.undecodable(sequence, message.getSubject(), message.getData(), e.getMessage()));
            }
        }
    }

    /**
     * Writes the events part by part in stream order, starting with all of them: a part PostgreSQL
     * rejects is replaced by its two halves, a single rejected event becomes a dead letter.
     */
    private Duration write(List<Received> received) {
        Deque<Part> pending = new ArrayDeque<>();
        pending.push(new Part(0, received.size()));
        while (!pending.isEmpty()) {
            Part part = pending.pop();
            List<Received> events = received.subList(part.from(), part.to());
            unsettled = messages(received.subList(part.from(), received.size()));
            long startedAt = System.nanoTime();
            try {
                WriteResult result;
                try {
                    result = writer.write(events.stream().map(Received::event).toList());
                } finally {
                    meters.wrote(events.size(), startedAt);
                }
                purgedEvents.delete(result.purgedEventSequences());
                ack(events, result);
            } catch (RuntimeException e) {
                // PostgreSQL or NATS away (retry what is unsettled), or PostgreSQL rejecting a row (split).
                if (FailureKind.of(e) == FailureKind.TRANSIENT) {
                    return retryLater(unsettled, e);
                }
                stats.recordRejectedWrite();
                if (part.size() > 1) {
                    split(received, part, pending, e);
                    continue;
                }
                try {
                    deadLetter(events.getFirst(), e);
                } catch (RuntimeException failed) {
                    // Not stored, so not acked: it comes back with the rest.
                    return retryLater(unsettled, failed);
                }
            }
        }
        return Duration.ZERO;
    }

    /** Puts the part's halves in front of what is pending, first half first. */
    private static void split(List<Received> received, Part part, Deque<Part> pending, RuntimeException rejection) {
        int middle = part.from() + part.size() / 2;
        pending.push(new Part(middle, part.to()));
        pending.push(new Part(part.from(), middle));
        logger.atDebug().addKeyValue("size", part.size())
                .addKeyValue("sqlState", FailureKind.sqlState(rejection).orElse("none"))
                .addKeyValue("traceIds", () -> traceIds(received.subList(part.from(), part.to())))
                .log("PostgreSQL rejected a batch; writing its halves apart to isolate the events it rejects");
    }

    /** Stores the event as a dead letter and acks it; throws (nothing settled) if storing failed. */
    private void deadLetter(Received rejected, RuntimeException rejection) {
        Message message = rejected.message();
        deadLetter(List.of(message), List.of(DeadLetter.rejected(rejected.event().streamSequence(),
                message.getSubject(), message.getData(), rejection)));
    }

    /**
     * Stores the dead letters in their own transaction, then acks their messages. If storing fails
     * (PostgreSQL down, or refusing the dead letter itself) it throws, and the caller hands the
     * records back: they are never acked unstored.
     */
    private void deadLetter(List<Message> messages, List<DeadLetter> letters) {
        deadLetters.write(letters);
        long highest = 0;
        for (int i = 0; i < messages.size(); i++) {
            DeadLetter letter = letters.get(i);
            messages.get(i).ack();
            highest = Math.max(highest, letter.streamSequence());
            // The reason is the decoder's or PostgreSQL's primary message: never a row or a body.
            try (TraceLogging.Scope scope = EventTrace.open(EventTrace.of(messages.get(i)))) {
                logger.atWarn().addKeyValue("streamSequence", letter.streamSequence())
                        .addKeyValue("subject", letter.subject()).addKeyValue("reason", letter.reason())
                        .log("stored a stream record as a dead letter");
            }
        }
        stats.recordDeadLettered(letters.size(), highest);
    }

    private void ack(List<Received> received, WriteResult result) {
        long highest = 0;
        for (Received r : received) {
            r.message().ack();
            highest = Math.max(highest, r.event().streamSequence());
        }
        stats.recordCommitted(received.size(), highest);
        logger.atDebug().addKeyValue("size", received.size())
                .addKeyValue("firstSequence", received.getFirst().event().streamSequence())
                .addKeyValue("lastSequence", received.getLast().event().streamSequence())
                .addKeyValue("messagesInserted", result.messagesInserted())
                .addKeyValue("receiptsInserted", result.receiptsInserted())
                .addKeyValue("usersChanged", result.usersChanged())
                .addKeyValue("rowsUpdated", result.rowsUpdated())
                .addKeyValue("purgedEventsDeleted", result.purgedEventSequences().size())
                .addKeyValue("traceIds", () -> traceIds(received))
                .log("batch stored");
        if (failureStreak > 0) {
            logger.atInfo().addKeyValue("failedWrites", failureStreak).log("PostgreSQL writes recovered");
            failureStreak = 0;
        }
    }

    /** Hands the messages back for redelivery with a growing delay. */
    private Duration retryLater(List<Message> messages, RuntimeException failure) {
        stats.recordFailure();
        meters.handedBack(messages.size());
        failureStreak++;
        int streak = failureStreak;
        writeFailed.warn(w -> w.addKeyValue("size", messages.size()).addKeyValue("failureStreak", streak)
                .addKeyValue("sqlState", FailureKind.sqlState(failure).orElse("none")).setCause(failure)
                .log("writing a batch failed; handing it back for redelivery and retrying with backoff"));
        for (Message message : messages) {
            message.nakWithDelay(backoff.delay(message.metaData().deliveredCount()));
        }
        return backoff.delay(failureStreak);
    }

    /** Computed only when the debug line is written. */
    private static String traceIds(List<Received> received) {
        return EventTrace.ids(received.stream().map(Received::trace).toList());
    }

    private static List<Message> messages(List<Received> received) {
        return received.stream().map(Received::message).toList();
    }
}
