/** Administration: all messages and the user directory, for callers with the admin role. */
@NullMarked
package dev.herald.message.admin;

import org.jspecify.annotations.NullMarked;
