package dev.herald.worker.consume;

import dev.herald.logging.RepeatingWarning;
import dev.herald.worker.decode.EventDecoder;
import dev.herald.worker.decode.SequencedEvent;
import dev.herald.worker.decode.UndecodableEventException;
import dev.herald.worker.store.BatchWriter;
import dev.herald.worker.store.FailureKind;
import dev.herald.worker.store.WriteResult;
import io.nats.client.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one batch of pulled messages: decode, write in one transaction, then settle each
 * message with JetStream. The rules that make the worker lossless and never stuck:
 *
 * <ul>
 *   <li>ack only after the commit, and after deleting from the stream the events of purged messages (when NATS
 *       cannot be reached for that, the committed batch is handed back: writing it again is a no-op that names
 *       those events again);
 *   <li>an undecodable record is terminated and logged, the rest of the batch goes on;
 *   <li>a transient failure (PostgreSQL down, a timeout) naks the batch with a growing delay;
 *       a bare nak would redeliver at once and spin while the database is away;
 *   <li>rows PostgreSQL rejects (a value too long, say) are isolated by writing the batch's events
 *       one by one: the bad ones are terminated, the others stored.
 * </ul>
 *
 * Used by one thread at a time.
 */
final class BatchHandler {

    private static final Logger logger = LoggerFactory.getLogger(BatchHandler.class);

    /** A pulled message and what it decoded to. */
    private record Received(Message message, SequencedEvent event) {}

    private final BatchWriter writer;
    private final PurgedEvents purgedEvents;
    private final Backoff backoff;
    private final Duration keepAliveEvery;
    private final ScheduledExecutorService keepAlive;
    private final ConsumerStats stats;
    /** While PostgreSQL is down every batch fails, each after at most the backoff cap. */
    private final RepeatingWarning writeFailed = new RepeatingWarning(logger);
    private int failureStreak;

    BatchHandler(BatchWriter writer, PurgedEvents purgedEvents, Backoff backoff, Duration ackWait,
            ScheduledExecutorService keepAlive, ConsumerStats stats) {
        this.writer = writer;
        this.purgedEvents = purgedEvents;
        this.backoff = backoff;
        this.keepAliveEvery = ackWait.dividedBy(2);
        this.keepAlive = keepAlive;
        this.stats = stats;
    }

    /**
     * Handles the batch; returns how long the caller should pause before the next one (zero
     * unless writing failed transiently).
     */
    Duration handle(List<Message> batch) {
        List<Received> received = decode(batch);
        if (received.isEmpty()) {
            return Duration.ZERO;
        }
        try {
            WriteResult result = writeKeepingAlive(received);
            purgedEvents.delete(result.purgedEventSequences());
            ack(received);
            logger.atDebug().addKeyValue("size", received.size())
                    .addKeyValue("firstSequence", received.getFirst().event().streamSequence())
                    .addKeyValue("lastSequence", received.getLast().event().streamSequence())
                    .addKeyValue("messagesInserted", result.messagesInserted())
                    .addKeyValue("receiptsInserted", result.receiptsInserted())
                    .addKeyValue("usersChanged", result.usersChanged())
                    .addKeyValue("rowsUpdated", result.rowsUpdated())
                    .addKeyValue("purgedEventsDeleted", result.purgedEventSequences().size())
                    .log("batch stored");
            return Duration.ZERO;
        } catch (RuntimeException e) {
            return switch (FailureKind.of(e)) {
                case TRANSIENT -> retryLater(received, e);
                case REJECTED -> isolate(received, e);
            };
        }
    }

    private List<Received> decode(List<Message> batch) {
        List<Received> received = new ArrayList<>(batch.size());
        for (Message message : batch) {
            long sequence = message.metaData().streamSequence();
            try {
                received.add(new Received(message, new SequencedEvent(sequence, EventDecoder.decode(message.getData()))));
            } catch (UndecodableEventException e) {
                logger.atWarn().addKeyValue("streamSequence", sequence).addKeyValue("subject", message.getSubject())
                        .addKeyValue("reason", e.getMessage())
                        .log("terminating an undecodable stream record");
                message.term();
                stats.recordTerminated();
            }
        }
        return received;
    }

    /** Writes; if that takes long relative to the ack wait, tells JetStream the batch is in progress. */
    private WriteResult writeKeepingAlive(List<Received> received) {
        long every = keepAliveEvery.toMillis();
        ScheduledFuture<?> ticking = keepAlive.scheduleAtFixedRate(
                () -> received.forEach(r -> r.message().inProgress()), every, every, TimeUnit.MILLISECONDS);
        try {
            return writer.write(received.stream().map(Received::event).toList());
        } finally {
            ticking.cancel(false);
        }
    }

    private void ack(List<Received> received) {
        long highest = 0;
        for (Received r : received) {
            r.message().ack();
            highest = Math.max(highest, r.event().streamSequence());
        }
        stats.recordCommitted(received.size(), highest);
        if (failureStreak > 0) {
            logger.atInfo().addKeyValue("failedWrites", failureStreak).log("PostgreSQL writes recovered");
            failureStreak = 0;
        }
    }

    private Duration retryLater(List<Received> received, RuntimeException failure) {
        stats.recordFailure();
        failureStreak++;
        int streak = failureStreak;
        writeFailed.warn(w -> w.addKeyValue("size", received.size()).addKeyValue("failureStreak", streak)
                .setCause(failure)
                .log("writing a batch failed; handing it back for redelivery and retrying with backoff"));
        for (Received r : received) {
            r.message().nakWithDelay(backoff.delay(r.message().metaData().deliveredCount()));
        }
        return backoff.delay(failureStreak);
    }

    /** Writes the events one by one: those PostgreSQL rejects are terminated, the others stored. */
    private Duration isolate(List<Received> received, RuntimeException failure) {
        if (received.size() > 1) {
            logger.atWarn().addKeyValue("size", received.size()).addKeyValue("sqlState", FailureKind.sqlState(failure).orElse("none"))
                    .log("PostgreSQL rejected a batch; writing its events one by one to find the bad ones");
        }
        for (int i = 0; i < received.size(); i++) {
            Received r = received.get(i);
            try {
                purgedEvents.delete(writer.write(List.of(r.event())).purgedEventSequences());
                ack(List.of(r));
            } catch (RuntimeException e) {
                if (FailureKind.of(e) == FailureKind.TRANSIENT) {
                    return retryLater(received.subList(i, received.size()), e);
                }
                // Only the SQLSTATE: PostgreSQL's message may quote the row, bodies included.
                logger.atError().addKeyValue("streamSequence", r.event().streamSequence())
                        .addKeyValue("sqlState", FailureKind.sqlState(e).orElse("none"))
                        .log("terminating a stream record PostgreSQL rejects");
                r.message().term();
                stats.recordTerminated();
            }
        }
        return Duration.ZERO;
    }
}
