/**
 * Administration: all messages, the user directory and the dead letters, for callers with the admin role.
 * {@link dev.herald.message.admin.Admin} speaks the model ({@link dev.herald.message.admin.MessageCriteria},
 * {@link dev.herald.message.admin.MessageDetails}); every query is one class, and the criteria become SQL only in
 * the two queries that search messages; {@link dev.herald.message.admin.DeadLetters} lists and republishes what the
 * worker could never store. The gRPC mapping is {@code api.AdminMapper}.
 */
@NullMarked
package dev.herald.message.admin;

import org.jspecify.annotations.NullMarked;
