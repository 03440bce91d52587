/**
 * The message-service: validates, makes durable, and routes direct messages; tracks presence.
 *
 * <p>Features ({@code send}, {@code inbox}, {@code outbox}, {@code admin}, {@code directory}, {@code idempotency},
 * {@code presence}) speak the records of {@code model} and their own; protobuf is mapped only at the edges:
 * {@code api} (the gRPC services, one mapper per feature), {@code stream} (the events the persistence-worker reads)
 * and {@code presence} (deliveries to gateways), with what they share in {@code wire}. Shared building blocks have
 * packages named for them: {@code page} (keyset paging), {@code batch} (batch operations on message ids),
 * {@code store} (reading what the worker stored, read-your-writes). Every query is one class.
 * {@link dev.herald.message.MessageServer} wires it all by hand.
 */
@NullMarked
package dev.herald.message;

import org.jspecify.annotations.NullMarked;
