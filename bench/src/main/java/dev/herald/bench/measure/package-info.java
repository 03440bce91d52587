/**
 * Measurements: the log-linear latency histogram, the send-phase ledger of acks, deliveries and duplicates, and
 * readings of the server processes from /proc.
 */
@NullMarked
package dev.herald.bench.measure;

import org.jspecify.annotations.NullMarked;
