package dev.herald.worker.retention;

import static java.util.Objects.requireNonNull;

import dev.herald.worker.config.RetentionSettings;
import dev.herald.worker.store.RetentionCutoff;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One retention run: under a PostgreSQL advisory lock (so that of several workers one deletes at a time; the lock
 * goes with the session if the worker dies), deletes the messages created before the cutoff with their receipts and
 * marks, {@code HERALD_RETENTION_BATCH_SIZE} messages per transaction in id order with a pause between transactions,
 * so no writer waits on a lock for more than one short transaction; then the expired purge tombstones, then the
 * expired messages' events in the stream ({@link ExpiredEvents}).
 */
public final class RetentionRun {

    private static final Logger logger = LoggerFactory.getLogger(RetentionRun.class);
    /** The advisory lock's key: "herald retention". */
    static final long LOCK_KEY = 0x6865_7261_6c64_7274L;

    private final DSLContext dsl;
    private final RetentionCutoff retention;
    private final RetentionSettings settings;
    private final ExpiredEvents events;

    public RetentionRun(DSLContext dsl, RetentionCutoff retention, RetentionSettings settings,
            JetStreamManagement jsm, String stream, String messageSubject, String durable) {
        this.dsl = requireNonNull(dsl, "dsl");
        this.retention = requireNonNull(retention, "retention");
        this.settings = requireNonNull(settings, "settings");
        this.events = new ExpiredEvents(jsm, stream, messageSubject, durable);
    }

    /**
     * Runs once; empty when retention is off or another worker holds the lock.
     *
     * @throws InterruptedException when the worker closes during a pause (what was deleted stays deleted)
     */
    public Optional<RetentionReport> run() throws InterruptedException {
        Optional<OffsetDateTime> cutoff = retention.cutoff();
        if (cutoff.isEmpty()) {
            return Optional.empty();
        }
        Connection connection = dsl.configuration().connectionProvider().acquire();
        try {
            DSLContext session = DSL.using(connection, dsl.dialect());
            if (!Boolean.TRUE.equals(session.fetchValue("select pg_try_advisory_lock(?)", LOCK_KEY))) {
                logger.atDebug().log("another worker is deleting expired messages; skipping this run");
                return Optional.empty();
            }
            try {
                return Optional.of(deleteExpired(session, cutoff.get()));
            } finally {
                session.fetchValue("select pg_advisory_unlock(?)", LOCK_KEY);
            }
        } finally {
            dsl.configuration().connectionProvider().release(connection);
        }
    }

    private RetentionReport deleteExpired(DSLContext session, OffsetDateTime cutoff) throws InterruptedException {
        long started = System.nanoTime();
        long messages = 0;
        long receipts = 0;
        long marks = 0;
        long highest = 0;
        int transactions = 0;
        ExpireMessages expire = new ExpireMessages(cutoff, settings.batchSize());
        while (true) {
            ExpireMessages.Deleted deleted = expire.apply(session);
            transactions++;
            messages += deleted.messages();
            receipts += deleted.receipts();
            marks += deleted.marks();
            highest = Math.max(highest, deleted.highestSequence());
            if (deleted.messages() < settings.batchSize()) {
                break;
            }
            pause();
        }
        long tombstones = 0;
        ExpireTombstones expireTombstones = new ExpireTombstones(cutoff, settings.batchSize());
        for (int deleted = settings.batchSize(); deleted == settings.batchSize(); transactions++) {
            deleted = expireTombstones.apply(session);
            tombstones += deleted;
        }
        long streamEvents = highest == 0 ? 0 : purgeEvents(session, highest);
        RetentionReport report = new RetentionReport(messages, receipts, marks, tombstones, streamEvents, transactions,
                Duration.ofNanos(System.nanoTime() - started));
        logger.atInfo().addKeyValue("cutoff", cutoff).addKeyValue("messages", messages)
                .addKeyValue("receipts", receipts).addKeyValue("marks", marks).addKeyValue("tombstones", tombstones)
                .addKeyValue("streamEvents", streamEvents).addKeyValue("transactions", transactions)
                .addKeyValue("elapsedMs", report.elapsed().toMillis())
                .addKeyValue("rowsPerSecond", Math.round(report.rowsPerSecond()))
                .log("deleted expired messages");
        return report;
    }

    private long purgeEvents(DSLContext session, long highest) {
        try {
            return events.purge(session, highest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JetStreamApiException e) {
            // The rows are gone either way; the events leave with the stream's age limit, or with the next run.
            logger.atWarn().addKeyValue("apiErrorCode", e.getApiErrorCode()).addKeyValue("reason", e.getMessage())
                    .log("could not purge the expired messages' events from the stream; the next run tries again");
            return 0;
        }
    }

    private void pause() throws InterruptedException {
        if (!settings.pause().isZero()) {
            Thread.sleep(settings.pause());
        }
    }
}
