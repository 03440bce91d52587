/** A receiver's messages: sync, lists, unread count, read and delete. */
@NullMarked
package dev.herald.message.inbox;

import org.jspecify.annotations.NullMarked;
