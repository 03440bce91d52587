/**
 * What a worker process does: connect its users, then send open-loop (direct, fanout), hold (idle) or nothing
 * (connect).
 */
@NullMarked
package dev.herald.bench.scenario;

import org.jspecify.annotations.NullMarked;
