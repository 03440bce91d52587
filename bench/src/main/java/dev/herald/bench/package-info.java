/**
 * The Herald load generator: drives a Herald (or seed-stack) server over WebSockets, measures delivery, latency
 * and the server's footprint, and checks PostgreSQL for lost or duplicated rows. {@link dev.herald.bench.Main} is
 * the command line.
 */
@NullMarked
package dev.herald.bench;

import org.jspecify.annotations.NullMarked;
