/** The user directory: recording users as they go online, and which user ids are known receivers. */
@NullMarked
package dev.herald.message.directory;

import org.jspecify.annotations.NullMarked;
