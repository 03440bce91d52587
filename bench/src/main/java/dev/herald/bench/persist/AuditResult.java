package dev.herald.bench.persist;

/**
 * The run's stored rows checked message by message against what the workers were promised.
 *
 * @param messageRows      message rows with the run's title
 * @param distinctMessages distinct seqs among them
 * @param duplicated       {@code messageRows - distinctMessages}: the same message stored twice
 * @param receiptRows      receipt rows of those messages
 * @param mustStore        messages the server promised to store (acked, or sent and not refused)
 * @param lost             promised messages with no row
 * @param receiptsMissing  receipts missing from promised messages that have a row
 * @param unparsable       rows whose body carries no seq of this run
 */
public record AuditResult(long messageRows, long distinctMessages, long duplicated, long receiptRows,
                          long mustStore, long lost, long receiptsMissing, long unparsable) {}
