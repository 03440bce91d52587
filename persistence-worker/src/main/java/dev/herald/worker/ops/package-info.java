/**
 * What operators see of a worker: its consumer's lag read every few seconds ({@code ConsumerLag}), and readiness
 * (NATS connected, the batch loop consuming, PostgreSQL answering) served with the metrics on the operations
 * endpoint ({@code WorkerOperations}). The batch loop's own meters are {@code consume.WorkerMeters}.
 */
@NullMarked
package dev.herald.worker.ops;

import org.jspecify.annotations.NullMarked;
