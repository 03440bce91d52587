package dev.herald.bench.persist;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.measure.Ticker;
import dev.herald.bench.protocol.RowQueries;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a run's rows from PostgreSQL: {@link #drain} polls the counts once a second until every wanted row is
 * there, they stop growing for {@code stall}, or {@code timeout} passes; {@link #audit} then reads one row per
 * stored message into a {@link RowAudit}. Every JDBC failure leaves as a {@link PersistenceException}.
 */
public final class PersistencePoller {

    private static final Logger logger = LoggerFactory.getLogger(PersistencePoller.class);
    private static final long POLL_MILLIS = 1000;
    private static final int FETCH_SIZE = 10_000;

    private final String jdbcUrl;
    private final RowQueries queries;
    private final String tag;
    private final Ticker ticker;

    public PersistencePoller(String jdbcUrl, RowQueries queries, String tag, Ticker ticker) {
        this.jdbcUrl = requireNonNull(jdbcUrl, "jdbcUrl");
        this.queries = requireNonNull(queries, "queries");
        this.tag = requireNonNull(tag, "tag");
        this.ticker = requireNonNull(ticker, "ticker");
    }

    public DrainOutcome drain(long wantMessages, long wantReceipts, Duration timeout, Duration stall)
            throws InterruptedException {
        try (Connection db = DriverManager.getConnection(jdbcUrl)) {
            final long start = ticker.nanos();
            RowCounts counts = count(db);
            long lastChange = ticker.nanos();
            long lastLog = lastChange;
            while (!counts.reached(wantMessages, wantReceipts) && ticker.nanos() - start < timeout.toNanos()) {
                Thread.sleep(POLL_MILLIS);
                final RowCounts now = count(db);
                if (!now.equals(counts)) {
                    counts = now;
                    lastChange = ticker.nanos();
                } else if (ticker.nanos() - lastChange > stall.toNanos()) {
                    logger.warn("rows stopped growing for {} s at {}", stall.toSeconds(), counts);
                    return new DrainOutcome(counts, lastChange, seconds(start), false, true);
                }
                if (ticker.nanos() - lastLog > TimeUnit.SECONDS.toNanos(10)) {
                    lastLog = ticker.nanos();
                    logger.info("draining: {} of {} messages, {} of {} receipts", counts.messages(), wantMessages,
                                counts.receipts(), wantReceipts);
                }
            }
            return new DrainOutcome(counts, lastChange, seconds(start), counts.reached(wantMessages, wantReceipts),
                                    false);
        } catch (SQLException e) {
            throw new PersistenceException("cannot count the run's rows at " + redacted(), e);
        }
    }

    /** Streams one {@code (seq, receipts)} row per stored message of the run into {@code audit}. */
    public void audit(RowAudit audit) {
        try (Connection db = DriverManager.getConnection(jdbcUrl)) {
            db.setAutoCommit(false); // PgJDBC streams with a fetch size only inside a transaction
            try (PreparedStatement query = db.prepareStatement(queries.auditSql())) {
                bindTag(query, queries.auditSql());
                query.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        audit.row(String.valueOf(rows.getString(1)), rows.getLong(2));
                    }
                }
            } finally {
                db.rollback();
            }
        } catch (SQLException e) {
            throw new PersistenceException("cannot read the run's rows at " + redacted(), e);
        }
    }

    private RowCounts count(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(queries.countSql())) {
            bindTag(query, queries.countSql());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new RowCounts(row.getLong(1), row.getLong(2));
            }
        }
    }

    private void bindTag(PreparedStatement query, String sql) throws SQLException {
        final int parameters = (int) sql.chars().filter(c -> c == '?').count();
        for (int i = 1; i <= parameters; i++) {
            query.setString(i, tag);
        }
    }

    private double seconds(long start) {
        return (ticker.nanos() - start) / 1e9;
    }

    /** The JDBC URL without its query string, which may hold a password. */
    private String redacted() {
        final int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
