/**
 * A receiver's messages: sync, lists, unread count, read and delete. {@link dev.herald.message.inbox.Inbox} speaks
 * the model ({@link dev.herald.message.inbox.InboxEntry}, {@link dev.herald.message.page.Page}); its queries are one
 * class each; the gRPC mapping is {@code api.InboxMapper}.
 */
@NullMarked
package dev.herald.message.inbox;

import org.jspecify.annotations.NullMarked;
