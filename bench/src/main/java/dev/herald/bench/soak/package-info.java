/**
 * The soak: per-minute readings of the servers' heap after a forced full collection while the load runs, and
 * the verdict on whether the old generation grew.
 */
@NullMarked
package dev.herald.bench.soak;

import org.jspecify.annotations.NullMarked;
