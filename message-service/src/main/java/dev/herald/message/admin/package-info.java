/**
 * Administration: all messages and the user directory, for callers with the admin role.
 * {@link dev.herald.message.admin.Admin} speaks the model ({@link dev.herald.message.admin.MessageCriteria},
 * {@link dev.herald.message.admin.MessageDetails}); every query is one class, and the criteria become SQL only in
 * the two queries that search messages; the gRPC mapping is {@code api.AdminMapper}.
 */
@NullMarked
package dev.herald.message.admin;

import org.jspecify.annotations.NullMarked;
