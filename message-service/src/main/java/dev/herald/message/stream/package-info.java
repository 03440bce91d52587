/**
 * The JetStream stream, the edge every write goes through: publishing the model's writes
 * ({@link dev.herald.message.stream.StreamUpdate}, mapped to the worker's protobuf events here) and the persistence
 * watermark.
 */
@NullMarked
package dev.herald.message.stream;

import org.jspecify.annotations.NullMarked;
